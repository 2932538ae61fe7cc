import type { CrmImportAnswer } from '@kanjo/core';
import type { Db } from '../../db/database';
import { currentSeq } from '../../db/org-seq';
import { ServiceError } from '../../errors';
import type { AppDeps } from '../../http/env';
import { readCustomerDeals } from '../deals/deal-store';
import { crmProviderFor } from '../crm-clients';
import type { CrmMetadata } from '../settings-metadata';
import { assertCrmActive } from '../settings-store';
import type { CrmLink } from '../sync/links-store';
import { CrmSyncRunner, syncRunning } from '../sync/run';
import { loadRun } from '../sync/run-store';
import type { ImportRequest } from './import';
import { customerLinks, fromCrm, liveCustomers } from './reads';
import { assertImportableModule, enforcedView, outsideViewReason } from './rules';
import { viewMembers, viewName } from './view';

/** How long an import waits for another run of the organization before answering 409. */
export const IMPORT_WAIT_MS = 30_000;

export interface ImportCall {
  deps: AppDeps;
  organizationId: string;
  metadata: CrmMetadata;
  request: ImportRequest;
}

/**
 * `POST /api/crm/import`: checks the sync rules, runs an `import` run
 * (waiting for a run already going), and answers the linked customer. A record
 * already linked answers its customer with no run and no write.
 *
 * @example const answer = await importFromCrm({ deps, organizationId, metadata, request: { module: 'Accounts', crmId } });
 */
export async function importFromCrm(call: ImportCall): Promise<CrmImportAnswer> {
  const { deps, organizationId, request } = call;
  const { settings } = await assertCrmActive(deps.db, organizationId);
  assertImportableModule(settings, request.module);
  const before = await linkOf(deps.db, organizationId, request);
  if (before?.status === 'linked') return answer(deps.db, organizationId, before, false);
  if (before?.status === 'skipped') throw importSkipped(before.linkedReason);
  const cvid = enforcedView(settings, request.module);
  if (cvid !== undefined) await assertInView(call, cvid);
  const runId = await runImport(call);
  return outcome(deps.db, organizationId, request, runId);
}

async function linkOf(db: Db, organizationId: string, request: ImportRequest) {
  const links = await customerLinks(db, organizationId, request.module, [request.crmId]);
  return links.get(request.crmId);
}

const importSkipped = (reason: string | null) =>
  new ServiceError(
    'conflict',
    'CRM_IMPORT_SKIPPED',
    `Not imported: ${reason ?? 'the sync rules kept it apart'}.`,
    { reason },
  );

async function assertInView(call: ImportCall, cvid: string): Promise<void> {
  const { deps, organizationId, request } = call;
  const crm = await crmProviderFor(deps, organizationId);
  const membership = await fromCrm(() => viewMembers(crm, request.module, cvid, [request.crmId]));
  if (membership.members.has(request.crmId)) return;
  const module = request.module;
  const name = await viewName(
    call.metadata,
    { organizationId, module, crm: async () => crm },
    cvid,
  );
  const reason = outsideViewReason(name, membership);
  throw new ServiceError('conflict', 'CRM_OUTSIDE_VIEW', `Not imported: ${reason}.`, {
    reason,
    view: { id: cvid, name },
  });
}

/**
 * Starts the import through the app's runner; while another run of the
 * organization is going, waits for it to end and tries again, for at most
 * IMPORT_WAIT_MS. Returns the finished run's id.
 */
async function runImport(call: ImportCall): Promise<string> {
  const runner = call.deps.crmSyncRunner ?? new CrmSyncRunner();
  // Wall time, not deps.clock: this bounds how long a person waits, whatever the app's clock says.
  const deadline = Date.now() + IMPORT_WAIT_MS;
  for (;;) {
    const started = await runner.start({
      deps: call.deps,
      organizationId: call.organizationId,
      trigger: 'import',
      importRecord: call.request,
    });
    if (!started.alreadyRunning) {
      await started.done;
      return started.runId;
    }
    const left = deadline - Date.now();
    if (left <= 0 || !(await endsWithin(started.done, left))) throw syncRunning(started.runId);
  }
}

/** Whether `done` settles within `ms`; the timer never outlives the wait. */
export async function endsWithin(done: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      done.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the import run did to the record, read from its link and the run's history. */
async function outcome(
  db: Db,
  organizationId: string,
  request: ImportRequest,
  runId: string,
): Promise<CrmImportAnswer> {
  const item = await db
    .selectFrom('crm_run_items')
    .select(['action', 'reason', 'error_code', 'error_message'])
    .where('organization_id', '=', organizationId)
    .where('run_id', '=', runId)
    .where('entity', '=', 'customer')
    .where('crm_module', '=', request.module)
    .where('crm_id', '=', request.crmId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const link = await linkOf(db, organizationId, request);
  if (link?.status === 'linked' && item?.action !== 'skipped') {
    return answer(db, organizationId, link, item?.action === 'added');
  }
  // Held: it matched several customers, and a person chooses on their pages.
  if (item?.action === 'skipped' || item?.action === 'held' || link?.status === 'skipped') {
    throw importSkipped(item?.reason ?? link?.linkedReason ?? null);
  }
  if (item?.error_code === 'CRM_NOT_FOUND') {
    throw new ServiceError(
      'notFound',
      'CRM_RECORD_NOT_FOUND',
      'The CRM record was not found.',
      request,
    );
  }
  const run = await loadRun(db, organizationId, runId);
  const why = item?.error_message ?? run?.error ?? 'nothing was imported';
  throw new ServiceError('badGateway', 'CRM_UNAVAILABLE', `The import did not finish: ${why}`, {
    runId,
    ...(item?.error_code ? { providerCode: item.error_code } : {}),
  });
}

/** The customer a linked record answers; 409 when that customer was deleted in Kanjo. */
async function answer(
  db: Db,
  organizationId: string,
  link: CrmLink,
  created: boolean,
): Promise<CrmImportAnswer> {
  const customer = (await liveCustomers(db, organizationId, [link.localId])).get(link.localId);
  if (!customer)
    throw importSkipped('its Kanjo customer was deleted (deleted in Kanjo: not re-created)');
  const [deals, seq] = await Promise.all([
    readCustomerDeals(db, organizationId, customer.id),
    currentSeq(db, organizationId),
  ]);
  return {
    customerId: customer.id,
    created,
    contactPersons: customer.contactPersons.length,
    deals: deals.length,
    seq,
  };
}
