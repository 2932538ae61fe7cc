import {
  DOCUMENT_CRM_MODULES,
  DOCUMENT_LINE_FIELDS,
  computeTotals,
  currencyExponent,
  minorToDecimalString,
  valuesEqual,
  type CrmDocumentInput,
  type DocumentKind,
  type FlatFields,
  type RoundingMode,
} from '@kanjo/core';
import { decode } from '../../db/entities';
import type { CrmSyncEntity } from '../../db/schema';
import type { CrmOwner } from '../sync/acting-owner';
import type { SyncContext } from '../sync/context';
import { unqueuedMayExist } from '../sync/outbound';
import { linkedByMatchKey, loadLinksByLocalIds, type CrmLink } from '../sync/links-store';
import { matchKey } from '../sync/match-key';
import { errorInfo } from '../sync/errors';
import { documentBody, knownLineIds } from './body';
import type { DocumentFacts } from './facts';
import { itemProducts } from './line-product';
import { planDocument, WAIT_CODES } from './plan';
import { loadQueuedDocuments, type QueuedDocument } from '../sync/outbox-store';
import { ACCOUNT_WAIT_MS, CUSTOMER_NOT_LINKED, readDocumentRows, unlinkedIssuedIds } from './queue';

export interface DocumentSend {
  localId: string;
  link: CrmLink | undefined;
  /** What is sent: every value for a new record, the changed ones otherwise. */
  fields: FlatFields;
  body: Record<string, unknown>;
  actorUserId: string | null;
  owner?: CrmOwner;
  /** Kanjo's total (exact decimal text) when the lines go: compared with Zoho's Grand_Total after. */
  kanjoTotal?: string;
  /** The CRM's line ids this update replaces, when the link does not know them (read first). */
  linesUnknown?: boolean;
  /** Said in the history with the write (a status the org's picklist lacks). */
  notes: string[];
}

export interface DocumentWait {
  localId: string;
  code: string;
  reason: string;
  /** Reported already with this reason: it waits quietly. */
  reported: boolean;
  /** Scheduled runs look at it again from then on (a Contact's Account is read each look). */
  retryAt?: string;
}

export interface DocumentWork {
  creates: DocumentSend[];
  updates: DocumentSend[];
  waits: DocumentWait[];
  /** Queued but nothing to send (gone, a draft again, unchanged, or its number taken). */
  settled: string[];
  /** Taken numbers, and notes of documents with nothing else to send: reported as skipped. */
  taken: { localId: string; reason: string }[];
  /** Could not be made ready (the shared line product refused): failed, retried after backoff. */
  failed: { localId: string; code: string; message: string }[];
}

/**
 * What one kind's run sends: the queued documents that are due, and — when
 * some may never have been queued (first run, rules or connection changed) —
 * every issued one without a link. Each is compared with its link's base
 * (what was sent last), so an unchanged document makes no write.
 */
export async function collectDocuments(
  ctx: SyncContext,
  kind: DocumentKind,
  options: { dueOnly: boolean; roundingMode: RoundingMode; facts: DocumentFacts },
): Promise<DocumentWork> {
  const { db } = ctx.deps;
  const org = ctx.organizationId;
  const queued = await loadQueuedDocuments(db, org, kind, ctx.deps.clock().toISOString());
  const byId = new Map(queued.map((q) => [q.localId, q]));
  const ids = new Set(
    queued.filter((q) => !(options.dueOnly && q.backingOff)).map((q) => q.localId),
  );
  if (await unqueuedMayExist(ctx)) {
    for (const id of await unlinkedIssuedIds(db, org, kind)) if (!byId.has(id)) ids.add(id);
  }
  const rows = await readDocumentRows(db, org, kind, [...ids]);
  const documents = new Map(rows.map((r) => [r.id, decode<typeof kind>(r.data, r.version)]));
  const links = await linksByLocalId(ctx, kind, [...ids]);
  const customers = await linksByLocalId(
    ctx,
    'customer',
    [...documents.values()].map((d) => d.customerId),
  );
  const work: DocumentWork = {
    creates: [],
    updates: [],
    waits: [],
    settled: [],
    taken: [],
    failed: [],
  };
  const due: Due[] = [];
  for (const id of ids) {
    const document = documents.get(id);
    const link = links.get(id);
    const customer = document && customers.get(document.customerId);
    if (!document || document.number === null || (link && link.status !== 'linked')) {
      work.settled.push(id);
    } else if (customer?.status !== 'linked' || !isCustomerModule(customer.crmModule)) {
      const reason = `waits: its customer ${document.customerId} is not linked to the CRM`;
      work.waits.push(waitOf(id, byId.get(id), CUSTOMER_NOT_LINKED, reason));
    } else {
      const input = { kind, document } as CrmDocumentInput;
      const party = { module: customer.crmModule, crmId: customer.crmId };
      due.push({ localId: id, input, link, customer: party, queued: byId.get(id) });
    }
  }
  if (due.length > 0) await planAll(ctx, kind, work, due, options);
  await dropTakenNumbers(ctx, kind, work);
  return work;
}

interface Due {
  localId: string;
  input: CrmDocumentInput;
  link: CrmLink | undefined;
  customer: { module: 'Accounts' | 'Contacts'; crmId: string };
  queued: QueuedDocument | undefined;
}

function waitOf(
  localId: string,
  queued: QueuedDocument | undefined,
  code: string,
  reason: string,
): DocumentWait {
  const reported = queued?.lastErrorCode === code && queued.lastErrorMessage === reason;
  return { localId, code, reason, reported };
}

/** The CRM facts the due documents need (read once per run), then each one's plan. */
async function planAll(
  ctx: SyncContext,
  kind: DocumentKind,
  work: DocumentWork,
  due: Due[],
  options: { roundingMode: RoundingMode; facts: DocumentFacts },
): Promise<void> {
  const { roundingMode } = options;
  let known: Awaited<ReturnType<typeof readPlanFacts>>;
  try {
    known = await readPlanFacts(ctx, kind, due, options.facts);
  } catch (error) {
    // The CRM's fields, taxes or Contacts could not be read: these documents fail and back off.
    const failure = errorInfo(error);
    for (const d of due) work.failed.push({ localId: d.localId, ...failure });
    return;
  }
  const retryAt = new Date(ctx.deps.clock().getTime() + ACCOUNT_WAIT_MS).toISOString();
  for (const d of due) {
    const { module, crmId } = d.customer;
    if (known.lineProductFailure && d.input.document.lines.some((l) => !known.linked(l.itemId))) {
      work.failed.push({ localId: d.localId, ...known.lineProductFailure });
      continue;
    }
    const accountId = module === 'Accounts' ? crmId : (known.accounts.get(crmId) ?? null);
    const parties = { accountId, contactId: module === 'Contacts' ? crmId : null };
    const plan = planDocument(d.input, { ...known, parties, roundingMode });
    if (!plan) work.settled.push(d.localId);
    else if (!plan.ok) {
      const wait = waitOf(d.localId, d.queued, plan.code, plan.reason);
      work.waits.push(plan.code === WAIT_CODES.account ? { ...wait, retryAt } : wait);
    } else sendOf(work, d, plan.fields, plan.notes, roundingMode);
  }
}

/** The module's fields, the org's taxes, Contacts' Accounts and the lines' products. */
async function readPlanFacts(
  ctx: SyncContext,
  kind: DocumentKind,
  due: Due[],
  facts: DocumentFacts,
) {
  const fields = await facts.fields(DOCUMENT_CRM_MODULES[kind]);
  const lines = due.flatMap((d) => d.input.document.lines);
  const taxes = lines.some((line) => line.taxRate !== undefined) ? await facts.taxes() : [];
  const contacts = due.flatMap((d) => (d.customer.module === 'Contacts' ? [d.customer.crmId] : []));
  const accounts =
    contacts.length > 0 ? await facts.contactAccounts(contacts) : new Map<string, string | null>();
  const products = await itemProducts(
    ctx,
    lines.flatMap((line) => line.itemId ?? []),
  );
  const linked = (itemId: string | undefined) => itemId !== undefined && products.has(itemId);
  let shared = '';
  let lineProductFailure: { code: string; message: string } | undefined;
  if (lines.some((line) => !linked(line.itemId))) {
    try {
      shared = await facts.lineProduct();
    } catch (error) {
      lineProductFailure = errorInfo(error);
    }
  }
  const productFor = (itemId: string | undefined) => (itemId && products.get(itemId)) || shared;
  return { fields, taxes, accounts, productFor, linked, lineProductFailure };
}

/** A create, an update of what changed, or nothing to send. */
function sendOf(
  work: DocumentWork,
  d: Due,
  fields: FlatFields,
  notes: string[],
  roundingMode: RoundingMode,
): void {
  const { localId, link } = d;
  const actorUserId = d.queued?.actorUserId ?? null;
  const lineField = DOCUMENT_LINE_FIELDS[DOCUMENT_CRM_MODULES[d.input.kind]];
  const kanjoTotal = () => {
    const { document } = d.input;
    const totals = computeTotals(document, { roundingMode });
    return minorToDecimalString(totals.total, currencyExponent(document.currency));
  };
  if (!link) {
    const body = documentBody(fields, lineField, { insert: true, deleteIds: [] });
    work.creates.push({
      localId,
      link,
      fields,
      body,
      actorUserId,
      notes,
      kanjoTotal: kanjoTotal(),
    });
    return;
  }
  const changed = Object.fromEntries(
    Object.entries(fields).filter(([field, value]) => !valuesEqual(value, link.base[field])),
  );
  if (Object.keys(changed).length === 0) {
    work.settled.push(localId);
    for (const reason of notes) work.taken.push({ localId, reason });
    return;
  }
  const linesGo = lineField in changed;
  const deleteIds = knownLineIds(link);
  const body = documentBody(changed, lineField, { insert: false, deleteIds: deleteIds ?? [] });
  work.updates.push({
    localId,
    link,
    fields: changed,
    body,
    actorUserId,
    notes,
    ...(linesGo ? { kanjoTotal: kanjoTotal(), linesUnknown: deleteIds === undefined } : {}),
  });
}

async function linksByLocalId(ctx: SyncContext, entity: CrmSyncEntity, ids: string[]) {
  const links = await loadLinksByLocalIds(ctx.deps.db, ctx.organizationId, entity, ids);
  return new Map(links.map((link) => [link.localId, link]));
}

const isCustomerModule = (module: string): module is 'Accounts' | 'Contacts' =>
  module === 'Accounts' || module === 'Contacts';
/**
 * An upsert by Subject would land on the CRM record already linked to
 * another Kanjo document of the same number (numbering restarted, say):
 * refused here, before any CRM call.
 */
async function dropTakenNumbers(ctx: SyncContext, kind: DocumentKind, work: DocumentWork) {
  const module = DOCUMENT_CRM_MODULES[kind];
  const subjects = work.creates.flatMap((send) => matchKey(send.fields.Subject) ?? []);
  const taken = await linkedByMatchKey(ctx.deps.db, ctx.organizationId, module, subjects);
  work.creates = work.creates.filter((send) => {
    const holder = taken.get(matchKey(send.fields.Subject) ?? '');
    if (holder === undefined || holder === send.localId) return true;
    const reason = `the CRM ${module} record with Subject ${String(send.fields.Subject)} is linked to ${kind} ${holder}`;
    work.taken.push({ localId: send.localId, reason });
    work.settled.push(send.localId);
    return false;
  });
}
