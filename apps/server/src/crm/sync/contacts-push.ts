import {
  contactFields,
  kanjoFieldsToCrm,
  valuesEqual,
  type ContactPerson,
  type CrmWriteResult,
  type FlatFields,
} from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import { readByLocalIds, rememberLink, type SyncContext } from './context';
import type { ContactPersonSync, Customer } from './contacts-persons';
import { loadCursor } from './cursors-store';
import { linkedByMatchKey, linkedLocalIds, saveLink, type CrmLink } from './links-store';
import { matchKey } from './match-key';
import { deleteOutbox, enqueueOutbox, failOutbox, loadOutbox, notDueOutbox } from './outbox-store';
import { setOwners, type CrmOwner } from './acting-owner';
import { holdBook } from './holds';
import { pushedItem } from './outbound';
import { laterTime } from './times';
import { fitPicklists, withNotes } from './picklists';
import { batchResults } from './write-answer';

/** Zoho takes at most 100 records per write. */
const BATCH = 100;

interface PersonSend {
  customer: Customer;
  person: ContactPerson;
  link: CrmLink | undefined;
  fields: FlatFields;
  body: Record<string, unknown>;
  /** Who changed the customer's persons, and the CRM user a new Contact is owned by. */
  actorUserId?: string | null;
  owner?: CrmOwner;
  /** What the write left out and why (a value the CRM's picklist lacks). */
  notes?: string[];
  /** Values that went in the CRM org's picklist spelling (see picklists.ts). */
  sentAs?: FlatFields;
}

const emailKey = matchKey;

/**
 * Sends contact persons of linked customers to the CRM (extent `both`): a
 * person never linked becomes a Contact with `Account_Name: { id }` of its
 * customer's Account — by upsert on Email when it has one (a retry after a
 * lost answer updates the first try's record, so no duplicate is made), by plain insert otherwise;
 * a linked person sends the fields that differ from its link's base. The
 * customers looked at are those queued (a person's mapped field changed),
 * those whose Account link this run made, and on the first read of Contacts
 * every linked one. A customer with a refused person stays queued with the
 * CRM's reason and waits out its backoff (`dueOnly`), as records do.
 */
export async function pushContactPersons(
  ctx: SyncContext,
  sync: ContactPersonSync,
  { dueOnly = false } = {},
) {
  if (sync.accounts.adapter.extent !== 'both') return;
  const { creates, updates: changed, settled } = await collect(ctx, sync, dueOnly);
  await setOwners(ctx, creates);
  await fitPicklists(ctx, 'Contacts', [...creates, ...changed], (flat) =>
    kanjoFieldsToCrm(flat, sync.mappings),
  );
  // A change left with nothing but its id to write is not sent (its note says why).
  const updates = changed.filter((send) => Object.keys(send.body).some((key) => key !== 'id'));
  for (const send of changed) {
    if (!updates.includes(send)) skipped(ctx, send);
  }
  if (ctx.dryRun) {
    for (const send of [...creates, ...updates]) pushed(ctx, send, undefined, 'would be sent');
    await ctx.recorder.flush();
    return;
  }
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const id of settled) await deleteOutbox(trx, ctx.organizationId, 'contactPerson', id);
  });
  const keyed = creates.filter((s) => emailKey(s.fields['contact.email']) !== null);
  const unkeyed = creates.filter((s) => emailKey(s.fields['contact.email']) === null);
  const calls = [
    {
      sends: keyed,
      call: (b: Record<string, unknown>[]) => ctx.provider.upsert('Contacts', b, EMAIL),
    },
    { sends: unkeyed, call: (b: Record<string, unknown>[]) => ctx.provider.insert('Contacts', b) },
    {
      sends: updates,
      // Refused per record (ALREADY_MODIFIED) when the Contact changed after this run read it.
      call: async (b: Record<string, unknown>[]) => {
        const { modifiedSince } = await loadCursor(ctx.deps.db, ctx.organizationId, 'Contacts');
        const since = updates.reduce(
          (time, s) => laterTime(time, s.link?.crmModifiedTime ?? null),
          modifiedSince,
        );
        return ctx.provider.updateUnmodified('Contacts', b, since);
      },
    },
  ];
  const failed = new Set<string>();
  for (const { sends, call } of calls) {
    for (let i = 0; i < sends.length; i += BATCH) {
      const batch = sends.slice(i, i + BATCH);
      await sendBatch(ctx, sync, batch, () => call(batch.map((s) => s.body)), failed);
    }
  }
  const sent = new Set([...creates, ...changed].map((send) => send.customer.id));
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const id of sent) {
      if (!failed.has(id)) await deleteOutbox(trx, ctx.organizationId, 'contactPerson', id);
    }
  });
}

const EMAIL = ['Email'];

/** The customers whose persons this run compares with their links. */
async function customersToLook(ctx: SyncContext, sync: ContactPersonSync, dueOnly: boolean) {
  const { db, clock } = ctx.deps;
  const queued = await loadOutbox(db, ctx.organizationId, 'contactPerson');
  const waiting = dueOnly
    ? await notDueOutbox(db, ctx.organizationId, 'contactPerson', clock().toISOString())
    : new Set<string>();
  const ids = new Set([
    ...queued.map((q) => q.localId).filter((id) => !waiting.has(id)),
    ...sync.accounts.newlyLinked,
  ]);
  if (sync.firstContactsRead) {
    const linked = await linkedLocalIds(db, ctx.organizationId, {
      entity: 'customer',
      crmModule: 'Accounts',
    });
    for (const id of linked) ids.add(id);
  }
  return { ids, queued: new Map(queued.map((q) => [q.localId, q.actorUserId])) };
}

async function collect(ctx: SyncContext, sync: ContactPersonSync, dueOnly: boolean) {
  const mappings = sync.mappings;
  const { ids, queued } = await customersToLook(ctx, sync, dueOnly);
  await readByLocalIds(ctx, sync.accounts, [...ids]);
  const customers = [...ids].flatMap((id) => {
    const row = sync.accounts.rows.get(id) as Customer | undefined;
    return row && sync.accounts.links.get(id)?.status === 'linked' ? [row] : [];
  });
  await sync.readPersonsByLocal(customers.flatMap((c) => c.contactPersons.map((p) => p.id)));
  const taken = await takenEmails(ctx, sync, customers);
  const book = await holdBook(ctx);
  const creates: PersonSend[] = [];
  const updates: PersonSend[] = [];
  for (const customer of customers) {
    const account = sync.accounts.links.get(customer.id);
    if (account?.status !== 'linked') continue;
    for (const person of customer.contactPersons) {
      const link = sync.maps.links.get(person.id);
      const local = contactFields(person, mappings);
      const hold = link ? undefined : book.holding('contactPerson', 'Contacts', person.id);
      if (hold) {
        // A candidate of an ambiguous match: sent once a person chose (or the match settled).
        book.reportSend(hold);
        continue;
      }
      if (!link) {
        const owner = taken.get(emailKey(local['contact.email']) ?? '');
        if (owner !== undefined) {
          skipTaken(ctx, person, owner);
          continue;
        }
        const body = { ...kanjoFieldsToCrm(local, mappings), Account_Name: { id: account.crmId } };
        const actorUserId = queued.get(customer.id) ?? null;
        creates.push({ customer, person, link, fields: local, body, actorUserId });
        continue;
      }
      if (link.status !== 'linked') continue;
      const changed: FlatFields = {};
      for (const [field, value] of Object.entries(local)) {
        if (!link.held.includes(field) && !valuesEqual(value, link.base[field])) {
          changed[field] = value;
        }
      }
      if (Object.keys(changed).length === 0) continue;
      const body = { id: link.crmId, ...kanjoFieldsToCrm(changed, mappings) };
      updates.push({ customer, person, link, fields: changed, body });
    }
  }
  // Queued customers with nothing to send (or gone, or not linked yet) leave the queue.
  const sending = new Set([...creates, ...updates].map((send) => send.customer.id));
  const settled = [...queued.keys()].filter((id) => ids.has(id) && !sending.has(id));
  return { creates, updates, settled };
}

/**
 * The Kanjo record holding each CRM Contact that a new person's Email names
 * (a person or an individual customer): an upsert would land on it.
 */
async function takenEmails(
  ctx: SyncContext,
  sync: ContactPersonSync,
  customers: Customer[],
): Promise<Map<string, string>> {
  const emails = customers.flatMap((customer) =>
    customer.contactPersons.flatMap((person) =>
      sync.maps.links.has(person.id) ? [] : (emailKey(person.email) ?? []),
    ),
  );
  const runLinks = [...sync.maps.links.values(), ...sync.contacts.links.values()];
  return linkedByMatchKey(ctx.deps.db, ctx.organizationId, 'Contacts', emails, runLinks);
}

function skipTaken(ctx: SyncContext, person: ContactPerson, owner: string) {
  ctx.recorder.add({
    entity: 'contactPerson',
    localId: person.id,
    crmModule: 'Contacts',
    crmId: null,
    action: 'skipped',
    direction: 'outbound',
    reason: `the CRM Contact with this Email is linked to ${owner}`,
  });
}

async function sendBatch(
  ctx: SyncContext,
  sync: ContactPersonSync,
  batch: PersonSend[],
  call: () => Promise<CrmWriteResult[]>,
  /** Customers with a refused person: they stay queued. */
  failed: Set<string>,
): Promise<void> {
  const results = await batchResults(batch.length, call);
  await sync.readPersonsByCrm(results.flatMap((result) => (result.ok ? [result.id] : [])));
  const now = ctx.deps.clock();
  const nowIso = now.toISOString();
  const links: CrmLink[] = [];
  await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
    for (const [index, send] of batch.entries()) {
      const result = results[index] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: '' };
      const owner = result.ok ? sync.maps.byCrmId.get(result.id) : undefined;
      if (result.ok && (!owner || owner.localId === send.person.id)) {
        // After this write both sides hold `fields`: the next read sees remote = base (echo suppression).
        const link: CrmLink = send.link
          ? { ...send.link, base: { ...send.link.base, ...send.fields, ...send.sentAs } }
          : {
              entity: 'contactPerson',
              localId: send.person.id,
              crmModule: 'Contacts',
              crmId: result.id,
              crmModifiedTime: null,
              base: { ...send.fields, ...send.sentAs },
              status: 'linked',
              held: [],
              linkedReason: result.action === 'update' ? 'same Email' : 'pushed',
              parentId: send.customer.id,
            };
        await saveLink(trx, ctx.organizationId, link, nowIso);
        links.push(link);
        pushed(ctx, send, result.id);
        continue;
      }
      const failure = result.ok
        ? {
            code: 'CRM_ALREADY_LINKED',
            message: `Contact ${result.id} is linked to another person`,
          }
        : { code: result.code, message: result.message };
      const queue = { organizationId: ctx.organizationId, entity: 'contactPerson' as const };
      const localId = send.customer.id;
      if (!result.ok && 'stale' in result && result.stale === true) {
        // Not a refusal: the next run reads the CRM's change, merges, and sends what is Kanjo's.
        await enqueueOutbox(trx, { ...queue, localId, now: nowIso });
      } else if (!failed.has(localId)) {
        await failOutbox(trx, { ...queue, localId, now, ...failure });
      }
      failed.add(localId);
      ctx.recorder.add({
        entity: 'contactPerson',
        localId: send.person.id,
        crmModule: 'Contacts',
        crmId: send.link?.crmId ?? null,
        action: 'failed',
        direction: 'outbound',
        errorCode: failure.code,
        errorMessage: failure.message,
      });
    }
  });
  // Memory follows the commit.
  for (const link of links) rememberLink(sync.maps, link);
  await ctx.recorder.flush();
}

function skipped(ctx: SyncContext, send: PersonSend) {
  ctx.recorder.add({
    entity: 'contactPerson',
    localId: send.person.id,
    crmModule: 'Contacts',
    crmId: send.link?.crmId ?? null,
    action: 'skipped',
    direction: 'outbound',
    reason: withNotes('not sent', send.notes),
  });
}

function pushed(ctx: SyncContext, send: PersonSend, crmId?: string, reason?: string) {
  const target = {
    entity: 'contactPerson' as const,
    localId: send.person.id,
    crmModule: 'Contacts',
    crmId: crmId ?? send.link?.crmId,
  };
  ctx.recorder.add(pushedItem(target, send, reason));
}
