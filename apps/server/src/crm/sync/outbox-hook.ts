import {
  contactFields,
  documentCrmChanged,
  customerFields,
  itemFields,
  valuesEqual,
  type ContactMapping,
  type ContactPerson,
  type CrmSyncSettings,
  type EntityName,
  type FlatFields,
} from '@kanjo/core';
import type { Db } from '../../db/database';
import type { TxReads, WriteHook } from '../../mutations/committed';
import { loadConnectionRow } from '../connection-store';
import { readableSyncSettings } from '../settings-store';
import { enqueueOutbox } from './outbox-store';

/**
 * The CRM outbox as a write hook of the seam (registered by `createApp`): a
 * person's or automation's stored row is queued for the CRM inside the
 * write's transaction, never the CRM sync's own echo. A person's write is
 * theirs in the CRM; what deal automation makes belongs to the deal's owner
 * (the document's salesperson), else to the connection's user.
 */
export const crmOutboxHook: WriteHook = async (trx, write, reads) => {
  if (write.source === 'crm' || write.op !== 'put') return;
  const { organizationId, entity, id, before, after, now } = write;
  const actorUserId = write.automated ? salespersonOf(after) : write.actorUserId;
  const change = { organizationId, entity, id, before, after, now, actorUserId };
  await enqueueCrmChange(trx, change, reads);
};

function salespersonOf(row: unknown): string | null {
  const { salespersonId } = asObject(row) as { salespersonId?: unknown };
  return typeof salespersonId === 'string' ? salespersonId : null;
}

/**
 * Called by `crmOutboxHook` for every write a person (or automation) made,
 * inside its transaction — never for the CRM sync's own writes, which must
 * not go back (echo suppression). When a customer or item changed a field
 * that goes to the CRM and the organization syncs that way, or an issued
 * document changed a value of its CRM record (drafts never go), the
 * record is queued for the next run with who caused it. No CRM call
 * here — the write path stays fast and works offline from the CRM.
 */
export async function enqueueCrmChange(
  trx: Db,
  write: {
    organizationId: string;
    entity: EntityName;
    id: string;
    before: unknown;
    after: unknown;
    now: string;
    /** The acting Kanjo user: a record this queues is owned by their CRM user. */
    actorUserId: string | null;
  },
  reads: TxReads,
): Promise<void> {
  const { entity } = write;
  if (entity === 'payment') return;
  const document = entity !== 'customer' && entity !== 'item';
  if (document && !documentCrmChanged(write.before, write.after)) return;
  const { organizationId } = write;
  const connection = await reads.once(`crm-connection:${organizationId}`, () =>
    loadConnectionRow(trx, organizationId),
  );
  if (connection?.status !== 'connected') return;
  const queue = {
    organizationId: write.organizationId,
    localId: write.id,
    now: write.now,
    actorUserId: write.actorUserId,
  };
  if (document) {
    await enqueueOutbox(trx, { ...queue, entity });
    return;
  }
  const settings = await reads.once(`crm-settings:${organizationId}`, () =>
    readableSyncSettings(trx, organizationId),
  );
  if (settings === null) {
    // Rules that no longer parse: the person's write is kept and the record waits in the outbox.
    // Runs refuse until the rules are saved again, and then send it only where those rules send
    // Kanjo's side (never under defaults the admin did not choose).
    await enqueueOutbox(trx, { ...queue, entity });
    return;
  }
  if (write.entity === 'customer' && personsChanged(settings, write.before, write.after)) {
    await enqueueOutbox(trx, { ...queue, entity: 'contactPerson' });
  }
  const customer =
    write.entity === 'customer' ? customerSide(settings, write.after ?? write.before) : undefined;
  const flat = customer?.flat ?? ((row: unknown) => itemFields(asObject(row)));
  const syncs = customer ? customer.syncs : settings.items.mode === 'both';
  if (!syncs || sameFields(flat(write.before), flat(write.after))) return;
  await enqueueOutbox(trx, { ...queue, entity });
}

/**
 * Which CRM module a customer goes to and its mapped values there:
 * Accounts (business customers, or all with module `accounts`), Contacts
 * (individuals, with `contacts`, or with `accountsAndContacts` when unlinked
 * contacts are included). Contact persons are queued apart (`personsChanged`).
 */
function customerSide(settings: CrmSyncSettings, row: unknown) {
  const { module, extent, includeUnlinkedContacts, mapping } = settings.customers;
  const individual = (asObject(row) as { kind?: unknown }).kind === 'individual';
  const toContacts = module === 'contacts' || (module === 'accountsAndContacts' && individual);
  const syncs =
    extent === 'both' &&
    (module === 'contacts'
      ? individual
      : module === 'accounts' || !individual || includeUnlinkedContacts);
  const flat = toContacts
    ? (r: unknown) => customerFields(asObject(r), mapping.unlinkedContacts, { individual: true })
    : (r: unknown) => customerFields(asObject(r), mapping.accounts);
  return { syncs, flat };
}

/**
 * With Accounts and their Contacts both ways, a business customer whose
 * contact persons changed a mapped field (or were added) is queued as
 * `contactPerson`: the run compares that customer's persons with their links.
 */
function personsChanged(settings: CrmSyncSettings, before: unknown, after: unknown): boolean {
  const { module, extent, mapping } = settings.customers;
  if (module !== 'accountsAndContacts' || extent !== 'both') return false;
  if ((asObject(after) as { kind?: unknown }).kind !== 'business') return false;
  const persons = (row: unknown) => {
    const list = (asObject(row) as { contactPersons?: unknown }).contactPersons;
    const mappings = mapping.linkedContacts as readonly ContactMapping[];
    return new Map(
      (Array.isArray(list) ? (list as ContactPerson[]) : []).map((person) => [
        person.id,
        contactFields(person, mappings),
      ]),
    );
  };
  const was = persons(before);
  const now = persons(after);
  for (const [id, fields] of now) {
    const previous = was.get(id);
    if (!previous || !sameFields(previous, fields)) return true;
  }
  return false;
}

function sameFields(a: FlatFields, b: FlatFields): boolean {
  return Object.keys({ ...a, ...b }).every((key) => valuesEqual(a[key], b[key]));
}

function asObject(row: unknown): Record<string, never> {
  return typeof row === 'object' && row !== null ? (row as Record<string, never>) : {};
}
