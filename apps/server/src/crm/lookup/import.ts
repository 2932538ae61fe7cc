import { DEAL_FIELDS, type CrmRecord } from '@kanjo/core';
import { storeDealRecords } from '../deals/deal-sync';
import type { SyncAdapter } from '../sync/adapters';
import { ContactPersonSync } from '../sync/contacts-persons';
import { entityState, type EntityState, type SyncContext } from '../sync/context';
import { errorInfo } from '../sync/errors';
import { Matcher, reconcilePage } from '../sync/inbound';
import type { RunItem } from '../sync/run-store';
import { enforcedView } from './rules';
import { viewMembers } from './view';

/** What `POST /api/crm/import` asks a run to bring in. */
export interface ImportRequest {
  module: 'Accounts' | 'Contacts';
  crmId: string;
}

/**
 * Imports one CRM record chosen in "Search in CRM" inside an `import` run:
 * the record (an Account with its Contacts), linked, and its deals.
 *
 * The record goes through the sync's own reconcile, so the duplicate rule
 * applies as in any run — overwrite links a matching customer, skip
 * leaves it apart (the run item says why), clone makes a new one — and the
 * customer is then an ordinary synced one: link, base, history. Its Contacts
 * and deals are read through the record's related lists, not the modules'
 * cursors: they may be older than what the last run read.
 */
export async function importRecord(
  ctx: SyncContext,
  adapters: SyncAdapter[],
  request: ImportRequest,
): Promise<void> {
  const states = adapters.filter((a) => a.entity === 'customer').map(entityState);
  const state = states.find((s) => s.adapter.module === request.module);
  const item = {
    entity: 'customer' as const,
    localId: null,
    crmModule: request.module,
    crmId: request.crmId,
    direction: 'inbound' as const,
  };
  if (!state) {
    const reason = `the sync rules do not sync customers from ${request.module}`;
    return finish(ctx, { ...item, action: 'skipped', reason });
  }
  const record = await ctx.provider.record(request.module, request.crmId, state.adapter.listFields);
  if (!record) {
    const failure = { errorCode: 'CRM_NOT_FOUND', errorMessage: 'the CRM record was not found' };
    return finish(ctx, { ...item, action: 'failed', ...failure });
  }
  // A record the sync gave up on is tried again: a person asked for this one.
  await reconcilePage(ctx, state, new Matcher(ctx, state), [record], { retryGivenUp: true });
  await ctx.recorder.flush();
  const link = state.byCrmId.get(request.crmId);
  if (link?.status !== 'linked' || !state.rows.has(link.localId)) return;
  if (request.module === 'Accounts') {
    await orFailed(
      ctx,
      { ...item, entity: 'contactPerson', crmModule: 'Contacts', crmId: null },
      () => importContacts(ctx, states, request.crmId),
    );
  }
  await orFailed(ctx, { ...item, entity: 'deal', crmModule: 'Deals', crmId: null }, async () => {
    const deals = await ctx.provider.related(request.module, request.crmId, 'Deals', DEAL_FIELDS);
    await storeDealRecords(ctx, deals as CrmRecord[]);
  });
  await ctx.recorder.flush();
}

async function finish(ctx: SyncContext, item: RunItem): Promise<void> {
  ctx.recorder.add(item);
  await ctx.recorder.flush();
}

/**
 * The customer is in: a failure reading its Contacts or deals is recorded on
 * the run, and the import still answers the customer.
 */
async function orFailed(
  ctx: SyncContext,
  item: Omit<RunItem, 'action'>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { code, message } = errorInfo(error);
    ctx.recorder.add({ ...item, action: 'failed', errorCode: code, errorMessage: message });
  }
}

/** Accounts and their Contacts: the Account's Contacts become its customer's contact persons. */
async function importContacts(
  ctx: SyncContext,
  states: EntityState[],
  accountId: string,
): Promise<void> {
  const persons = await ContactPersonSync.load(ctx, states);
  if (!persons) return;
  const fields = new Set([
    ...persons.contacts.adapter.listFields,
    ...persons.mappings.map((m) => m.crm),
  ]);
  let contacts = await ctx.provider.related('Accounts', accountId, 'Contacts', [...fields]);
  // With import on demand off, Contacts keep to their own view as in any run.
  const cvid = enforcedView(ctx.settings, 'Contacts');
  if (cvid !== undefined) {
    const ids = contacts.map((c) => String(c.id));
    const { members } = await viewMembers(ctx.provider, 'Contacts', cvid, ids);
    contacts = contacts.filter((c) => members.has(String(c.id)));
  }
  if (contacts.length > 0) await persons.reconcile(contacts as CrmRecord[]);
  await ctx.recorder.flush();
}
