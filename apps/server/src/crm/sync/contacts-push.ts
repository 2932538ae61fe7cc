import {
  contactFields,
  kanjoFieldsToCrm,
  normalizeValue,
  valuesEqual,
  type ContactPerson,
  type FieldValue,
  type FlatFields,
} from '@kanjo/core';
import type { RecordResult } from '@kanjo/crm-zoho';
import { writeTransaction } from '../../db/database';
import type { SyncContext } from './context';
import type { ContactPersonSync, Customer } from './contacts-persons';
import { errorInfo } from './errors';
import { saveLink, type CrmLink } from './link-store';

/** Zoho takes at most 100 records per write. */
const BATCH = 100;

interface PersonSend {
  customer: Customer;
  person: ContactPerson;
  link: CrmLink | undefined;
  fields: FlatFields;
  body: Record<string, unknown>;
}

const emailKey = (value: FieldValue | undefined): string | null => {
  const normal = normalizeValue(value);
  return normal === null ? null : String(normal).normalize('NFKC').trim().toLowerCase();
};

/**
 * Sends contact persons of linked customers to the CRM (extent `both`): a
 * person never linked becomes a Contact with `Account_Name: { id }` of its
 * customer's Account — by upsert on Email when it has one (a retry after a
 * lost answer updates the first try's record, R7), by plain insert otherwise;
 * a linked person sends the fields that differ from its link's base. No
 * outbox: every run compares each person with its link, so a refused one is
 * simply tried again next run.
 */
export async function pushContactPersons(ctx: SyncContext, sync: ContactPersonSync) {
  if (sync.accounts.adapter.extent !== 'both') return;
  const { creates, updates } = collect(ctx, sync);
  if (ctx.dryRun) {
    for (const send of [...creates, ...updates]) pushed(ctx, send, undefined, 'would be sent');
    await ctx.recorder.flush();
    return;
  }
  const keyed = creates.filter((s) => emailKey(s.fields['contact.email']) !== null);
  const unkeyed = creates.filter((s) => emailKey(s.fields['contact.email']) === null);
  const calls = [
    { sends: keyed, call: (b: Record<string, unknown>[]) => ctx.crm.upsert('Contacts', b, EMAIL) },
    { sends: unkeyed, call: (b: Record<string, unknown>[]) => ctx.crm.insert('Contacts', b) },
    { sends: updates, call: (b: Record<string, unknown>[]) => ctx.crm.update('Contacts', b) },
  ];
  for (const { sends, call } of calls) {
    for (let i = 0; i < sends.length; i += BATCH) {
      const batch = sends.slice(i, i + BATCH);
      await sendBatch(ctx, sync, batch, () => call(batch.map((s) => s.body)));
    }
  }
}

const EMAIL = { duplicateCheckFields: ['Email'] };

function collect(ctx: SyncContext, sync: ContactPersonSync) {
  const mappings = sync.mappings;
  const taken = takenEmails(sync);
  const creates: PersonSend[] = [];
  const updates: PersonSend[] = [];
  for (const row of sync.accounts.rows.values()) {
    const customer = row as Customer;
    const account = sync.accounts.links.get(customer.id);
    if (account?.status !== 'linked') continue;
    for (const person of customer.contactPersons) {
      const link = sync.maps.links.get(person.id);
      const local = contactFields(person, mappings);
      if (!link) {
        const owner = taken.get(emailKey(local['contact.email']) ?? '');
        if (owner !== undefined) {
          skipTaken(ctx, person, owner);
          continue;
        }
        const body = { ...kanjoFieldsToCrm(local, mappings), Account_Name: { id: account.crmId } };
        creates.push({ customer, person, link, fields: local, body });
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
  return { creates, updates };
}

/** Emails of Contacts already linked (to a person or an individual customer): an upsert would land on them. */
function takenEmails(sync: ContactPersonSync): Map<string, string> {
  const taken = new Map<string, string>();
  for (const link of sync.maps.links.values()) {
    const key = emailKey(link.base['contact.email']);
    if (link.status === 'linked' && key) taken.set(key, link.localId);
  }
  for (const link of sync.contacts.links.values()) {
    const key = emailKey(link.base.email);
    if (link.status === 'linked' && key) taken.set(key, link.localId);
  }
  return taken;
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
  call: () => Promise<RecordResult[]>,
): Promise<void> {
  let results: RecordResult[];
  try {
    results = await call();
  } catch (error) {
    const { code, message } = errorInfo(error);
    results = batch.map(() => ({ ok: false, code, message, details: {} }));
  }
  const nowIso = ctx.deps.clock().toISOString();
  const links: CrmLink[] = [];
  await writeTransaction(ctx.deps.db, async (trx) => {
    for (const [index, send] of batch.entries()) {
      const result = results[index] ?? { ok: false, code: 'CRM_BAD_RESPONSE', message: '' };
      const owner = result.ok ? sync.maps.byCrmId.get(result.id) : undefined;
      if (result.ok && (!owner || owner.localId === send.person.id)) {
        // After this write both sides hold `fields`: the next read sees remote = base (echo suppression).
        const link: CrmLink = send.link
          ? { ...send.link, base: { ...send.link.base, ...send.fields } }
          : {
              entity: 'contactPerson',
              localId: send.person.id,
              crmModule: 'Contacts',
              crmId: result.id,
              crmModifiedTime: null,
              base: send.fields,
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
  for (const link of links) {
    sync.maps.links.set(link.localId, link);
    sync.maps.byCrmId.set(link.crmId, link);
  }
  await ctx.recorder.flush();
}

function pushed(ctx: SyncContext, send: PersonSend, crmId?: string, reason?: string) {
  ctx.recorder.add({
    entity: 'contactPerson',
    localId: send.person.id,
    crmModule: 'Contacts',
    crmId: crmId ?? send.link?.crmId ?? null,
    action: 'pushed',
    direction: 'outbound',
    changes: Object.entries(send.fields)
      .filter(([field, value]) => value !== null || normalizeValue(send.link?.base[field]) !== null)
      .map(([field, value]) => ({ field, before: send.link?.base[field] ?? null, after: value })),
    reason: reason ?? (send.link ? 'updated in the CRM' : 'created in the CRM'),
  });
}
