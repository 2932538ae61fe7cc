import {
  DEFAULT_CRM_SYNC_SETTINGS,
  crmSyncSettingsSchema,
  customerFields,
  itemFields,
  valuesEqual,
  type CrmSyncSettings,
  type EntityName,
  type FlatFields,
} from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from '../../db/database';
import { enqueueOutbox } from './link-store';

/**
 * Called by `applyMutationIn` for every write, inside its transaction: when a
 * customer or item changed a field that goes to the CRM and the organization
 * syncs that way, the record is queued for the next run. No CRM call here —
 * the write path stays fast and works offline from the CRM.
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
  },
): Promise<void> {
  if (write.entity !== 'customer' && write.entity !== 'item') return;
  const connection = await trx
    .selectFrom('crm_connections')
    .select('status')
    .where('organization_id', '=', write.organizationId)
    .executeTakeFirst();
  if (connection?.status !== 'connected') return;
  const settings = await storedSettings(trx, write.organizationId);
  const customer =
    write.entity === 'customer' ? customerSide(settings, write.after ?? write.before) : undefined;
  const flat = customer?.flat ?? ((row: unknown) => itemFields(asObject(row)));
  const syncs = customer ? customer.syncs : settings.items.mode === 'both';
  if (!syncs || sameFields(flat(write.before), flat(write.after))) return;
  await enqueueOutbox(trx, {
    organizationId: write.organizationId,
    entity: write.entity,
    localId: write.id,
    now: write.now,
  });
}

/**
 * Which CRM module a customer goes to (F3) and its mapped values there:
 * Accounts (business customers, or all with module `accounts`), Contacts
 * (individuals, with `contacts`, or with `accountsAndContacts` when unlinked
 * contacts are included). Contact persons need no queue: each run compares
 * them with their links.
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

async function storedSettings(trx: Db, organizationId: string): Promise<CrmSyncSettings> {
  const row = await trx
    .selectFrom('crm_settings')
    .select('settings')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row?.settings) return DEFAULT_CRM_SYNC_SETTINGS;
  const parsed = v.safeParse(crmSyncSettingsSchema, JSON.parse(row.settings));
  return parsed.success ? parsed.output : DEFAULT_CRM_SYNC_SETTINGS;
}

function sameFields(a: FlatFields, b: FlatFields): boolean {
  return Object.keys({ ...a, ...b }).every((key) => valuesEqual(a[key], b[key]));
}

function asObject(row: unknown): Record<string, never> {
  return typeof row === 'object' && row !== null ? (row as Record<string, never>) : {};
}
