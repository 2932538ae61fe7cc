import {
  ITEM_MAPPING,
  itemOverwriteMerge,
  productDuplicateOf,
  productNameKey,
  type CrmRecord,
  type FieldValue,
  type ProductCandidate,
  type ProductDuplicate,
} from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import { commitRecord, readByCrmIds, type EntityState, type SyncContext } from './context';
import { holdBook, type HoldBook } from './holds';
import { agreedBase, changesOf, notes, timeOf } from './inbound';
import { type CrmLink } from './links-store';
import { deleteOutbox } from './outbox-store';
import type { Send } from './outbound';

/** Items looked up per COQL query: Zoho's `in` takes at most 50 values. */
const BATCH = 50;
/** Rows one COQL call answers at most. */
const ROWS = 2000;
const FIELDS = [...ITEM_MAPPING.map((m) => m.crm), 'Modified_Time'];

interface Sends {
  creates: Send[];
  updates: Send[];
}

/**
 * Both ways, Kanjo's items go to the CRM before its products are read in, so
 * a duplicate is met on the CRM's side: each new item is looked up among the
 * CRM's products (the same name, as the CRM compares it, or the same SKU) and
 * the duplicates rule applied from Kanjo's side — overwrite: linked, Kanjo's
 * values written over the product's; skip: kept apart, neither crosses;
 * clone: sent as a product of its own, which the CRM refuses under a name it
 * already has. An item that cannot go is reported with what to do, and leaves
 * the queue until it is edited. Returns what is still to send.
 */
export async function settleNewItems(
  ctx: SyncContext,
  state: EntityState,
  sends: Sends,
): Promise<Sends> {
  if (state.adapter.entity !== 'item' || sends.creates.length === 0) return sends;
  const found = await productsLike(ctx, sends.creates);
  const decided = await duplicatesOf(ctx, state, sends.creates, found);
  const book = await holdBook(ctx);
  const contested = await holdContested(ctx, book, decided, found);
  const out: Sends = { creates: [], updates: [...sends.updates] };
  const settled: string[] = [];
  const sending = new Map<string, string>();
  for (const { send, duplicate } of decided) {
    const id = send.row.id;
    const hold = contested.has(id) ? book.holding('item', state.adapter.module, id) : undefined;
    if (hold) {
      book.reportSend(hold);
      settled.push(id);
      continue;
    }
    const record = duplicate.kind === 'one' ? found.get(duplicate.id) : undefined;
    const merges = record !== undefined && ctx.settings.items.duplicates !== 'clone';
    const name = productNameKey(text(send.fields.name)) ?? '';
    const twin = merges ? undefined : sending.get(name);
    const held =
      heldReason(ctx, state, { send, duplicate }) ??
      (twin === undefined ? undefined : sameNameThisRun(twin));
    if (held) {
      report(ctx, state, send, 'id' in duplicate ? duplicate.id : null, held);
      settled.push(id);
    } else if (merges && duplicate.kind === 'one') {
      const update = await settleOne(ctx, state, send, duplicate, record);
      if (update) out.updates.push(update);
      else settled.push(id);
    } else {
      // A product of its own: nothing in the CRM has its name (a clone differs from its twin).
      sending.set(name, id);
      out.creates.push(send);
    }
  }
  await dequeue(ctx, settled);
  await ctx.recorder.flush();
  return out;
}

interface Decided {
  send: Send;
  duplicate: ProductDuplicate;
}

/** Each new item with the product it duplicates, knowing which products Kanjo holds already. */
async function duplicatesOf(
  ctx: SyncContext,
  state: EntityState,
  creates: Send[],
  found: Map<string, CrmRecord>,
): Promise<Decided[]> {
  await readByCrmIds(ctx, state, [...found.keys()]);
  const candidates: ProductCandidate[] = [...found.values()].map((record) => ({
    id: String(record.id),
    name: text(record.Product_Name),
    sku: text(record.Product_Code),
    heldBy: state.byCrmId.get(String(record.id))?.localId ?? null,
  }));
  return creates.map((send) => ({
    send,
    duplicate: productDuplicateOf(
      { name: text(send.fields.name), sku: text(send.fields.sku) },
      candidates,
    ),
  }));
}

/** The CRM's products with the name or the SKU of any of these items, by id. */
async function productsLike(ctx: SyncContext, creates: Send[]): Promise<Map<string, CrmRecord>> {
  const found = new Map<string, CrmRecord>();
  for (let i = 0; i < creates.length; i += BATCH) {
    for (const record of await query(ctx, creates.slice(i, i + BATCH))) {
      found.set(String(record.id), record);
    }
  }
  return found;
}

async function query(ctx: SyncContext, batch: Send[]): Promise<CrmRecord[]> {
  const values = (field: string) => [...new Set(batch.flatMap((s) => text(s.fields[field]) ?? []))];
  const match = { Product_Name: values('name'), Product_Code: values('sku') };
  const answer = await ctx.provider.findAny('Products', match, { fields: FIELDS, limit: ROWS });
  // More rows than one answer holds: asked again in halves, so no candidate goes unseen.
  if (answer.more && batch.length > 1) {
    const half = Math.ceil(batch.length / 2);
    return [...(await query(ctx, batch.slice(0, half))), ...(await query(ctx, batch.slice(half)))];
  }
  return answer.records;
}

/**
 * New items that chose the same product (to merge with or keep apart from):
 * which one it is, is a person's choice — the product and its candidates are
 * held (the item's page lists them) and none is linked or sent. Returns them.
 */
async function holdContested(
  ctx: SyncContext,
  book: HoldBook,
  decided: Decided[],
  found: Map<string, CrmRecord>,
): Promise<Set<string>> {
  const claims = new Map<string, Decided[]>();
  if (ctx.settings.items.duplicates === 'clone') return new Set();
  for (const entry of decided) {
    if (entry.duplicate.kind !== 'one') continue;
    claims.set(entry.duplicate.id, [...(claims.get(entry.duplicate.id) ?? []), entry]);
  }
  const contested = new Set<string>();
  for (const [crmId, rivals] of claims) {
    if (rivals.length < 2) continue;
    const reason = rivals[0]?.duplicate.kind === 'one' ? rivals[0].duplicate.detail : '';
    const crmName = text(found.get(crmId)?.Product_Name);
    const crm = { entity: 'item' as const, crmModule: 'Products', crmId, crmName, reason };
    await book.hold(
      crm,
      rivals.map((r) => ({ localId: r.send.row.id, parentId: null })),
    );
    for (const r of rivals) contested.add(r.send.row.id);
  }
  return contested;
}

/** Why the item cannot go or be linked this run, if it cannot: said so the person can act. */
function heldReason(
  ctx: SyncContext,
  state: EntityState,
  { send, duplicate }: Decided,
): string | undefined {
  const label = JSON.stringify(text(send.fields.name) ?? '');
  if (duplicate.kind === 'taken') {
    const how =
      state.byCrmId.get(duplicate.id)?.status === 'skipped' ? 'kept apart from' : 'linked to';
    return (
      `not sent: the CRM keeps one product per name, and its product ${duplicate.id} ` +
      `named ${label} is ${how} item ${duplicate.heldBy}; rename this item to send it ` +
      'as a product of its own'
    );
  }
  if (duplicate.kind === 'ambiguous') {
    return (
      `not sent or linked: ${duplicate.detail} — CRM products ${duplicate.ids.join(', ')} ` +
      'are all candidates; it waits for a person to choose one or to rename the item'
    );
  }
  if (duplicate.kind !== 'one') return undefined;
  if (ctx.settings.items.duplicates === 'clone' && duplicate.sameName) {
    return (
      `not sent: the CRM keeps one product per name and already has ${label} ` +
      `(product ${duplicate.id}), so the duplicates rule "clone" cannot make a second one; ` +
      'rename this item to send it as a product of its own, or choose "overwrite" to merge them'
    );
  }
  return undefined;
}

const sameNameThisRun = (other: string) =>
  `not sent: item ${other} of the same name goes to the CRM in this run and the CRM keeps ` +
  'one product per name; rename this item to send it as a product of its own';

/**
 * A new item and the one CRM product it duplicates, by the rule "overwrite"
 * (linked, Kanjo's values sent over the product's; the update to send is
 * returned) or "skip" (kept apart: a skipped link, so neither crosses later).
 */
async function settleOne(
  ctx: SyncContext,
  state: EntityState,
  send: Send,
  duplicate: Extract<ProductDuplicate, { kind: 'one' }>,
  record: CrmRecord,
): Promise<Send | undefined> {
  const { adapter } = state;
  const row = send.row;
  const link = (base: CrmLink['base'], status: CrmLink['status'], why: string): CrmLink => ({
    entity: 'item',
    localId: row.id,
    crmModule: adapter.module,
    crmId: duplicate.id,
    crmModifiedTime: timeOf(record),
    base,
    status,
    held: [],
    linkedReason: why,
  });
  if (ctx.settings.items.duplicates === 'skip') {
    const reason = `${duplicate.detail}: kept apart by the duplicates rule "skip" (CRM product ${duplicate.id}); neither is sent to the other side`;
    await commitRecord(ctx, state, { link: link({}, 'skipped', reason) });
    report(ctx, state, send, duplicate.id, reason);
    return undefined;
  }
  const remote = adapter.remote(record);
  const merge = itemOverwriteMerge(send.fields, remote.fields);
  const toLocal = Object.keys(merge.toLocal).length > 0;
  const toRemote = Object.keys(merge.toRemote).length > 0;
  const why = `${duplicate.detail}: Kanjo's item sent over the CRM's product (duplicates rule "overwrite")`;
  const linked = link(agreedBase(merge, remote.fields), 'linked', why);
  await commitRecord(ctx, state, {
    mutation: toLocal ? { ...adapter.patch(row, merge.toLocal), entityId: row.id } : undefined,
    link: linked,
    enqueue: toRemote ? row.id : undefined,
  });
  ctx.recorder.add({
    ...target(state, send, duplicate.id),
    action: 'linked',
    changes: changesOf(merge.toLocal, send.fields),
    reason: [why, notes(remote.notes)].filter(Boolean).join('; '),
  });
  if (!toRemote) return undefined;
  const fields = merge.toRemote;
  return { row: state.rows.get(row.id) ?? row, link: linked, fields, body: adapter.toCrm(fields) };
}

function target(state: EntityState, send: Send, crmId: string | null) {
  const { entity, module } = state.adapter;
  return { entity, localId: send.row.id, crmModule: module, crmId, direction: 'outbound' as const };
}

function report(
  ctx: SyncContext,
  state: EntityState,
  send: Send,
  crmId: string | null,
  reason: string,
) {
  ctx.recorder.add({ ...target(state, send, crmId), action: 'skipped', reason });
}

/** Settled here (linked in step, kept apart, or held for a person): out of the queue. */
async function dequeue(ctx: SyncContext, ids: string[]): Promise<void> {
  if (ctx.dryRun || ids.length === 0) return;
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const id of ids) await deleteOutbox(trx, ctx.organizationId, 'item', id);
  });
}

function text(value: FieldValue | unknown): string | null {
  if (value === null || value === undefined) return null;
  const shown = String(value).trim();
  return shown === '' ? null : shown;
}
