import type { CrmLinkCandidatesAnswer } from '@kanjo/core';
import type { SessionUser } from '../../auth/session';
import { ServiceError } from '../../errors';
import type { AppDeps } from '../../http/env';
import { loadConnectionRow } from '../connection-store';
import { crmProviderFor } from '../crm-clients';
import { endsWithin, IMPORT_WAIT_MS } from '../lookup/import-request';
import { assertCrmActive } from '../settings-store';
import type { SyncAdapter } from './adapters';
import type { SyncContext } from './context';
import { loadHoldsOf } from './hold-store';
import { findCandidates, type RepairModule } from './link-candidates';
import { liveRows, moduleOf, nameOf, targetRow, type RepairTarget } from './link-repair-view';
import { loadLink, loadLinkToCrmRecord } from './links-store';
import { CrmSyncRunner, syncRunning } from './run';

/**
 * Link repair without disconnecting, the common part: who asks about which
 * record, the refusals, the candidates to choose from, and how a change runs
 * — as a run of trigger `link`, under the organization's run lock, so it is in
 * the sync history with who did what and when, and never races a sync. The
 * changes themselves: link-repair-link.ts, link-repair-unlink.ts.
 */

export interface RepairRequest {
  deps: AppDeps;
  organizationId: string;
  user: Pick<SessionUser, 'id' | 'email' | 'role'>;
  target: RepairTarget;
}

export const notSynced = (entity: string) =>
  new ServiceError(
    'conflict',
    'CRM_NOT_SYNCED',
    `Under the current sync rules this ${entity} does not sync with the CRM.`,
  );

/** The CRM module the record syncs with now (409 when none), read before any change. */
export async function moduleFor(req: RepairRequest): Promise<RepairModule> {
  const { db } = req.deps;
  const row = await targetRow(db, req.organizationId, req.target);
  const { settings } = await assertCrmActive(db, req.organizationId);
  const link = await loadLink(db, req.organizationId, req.target.entity, req.target.localId);
  const module =
    (link?.crmModule as RepairModule | undefined) ?? moduleOf(settings, req.target.entity, row);
  if (module === null) throw notSynced(req.target.entity);
  return module;
}

/** Refuses a CRM record linked to another Kanjo record (a customer, an item or a contact person). */
export async function refuseLinkedElsewhere(req: RepairRequest, module: string, crmId: string) {
  const owner = await loadLinkToCrmRecord(req.deps.db, req.organizationId, {
    crmModule: module,
    crmId,
  });
  const { entity, localId } = req.target;
  if (!owner || (owner.entity === entity && owner.localId === localId)) return;
  throw new ServiceError(
    'conflict',
    'CRM_RECORD_ALREADY_LINKED',
    `${module} ${crmId} is already linked to ${owner.entity} ${owner.localId}: unlink it there first.`,
    { crmModule: module, crmId, linkedTo: { entity: owner.entity, localId: owner.localId } },
  );
}

export const crmRecordNotFound = (module: string, crmId: string) =>
  new ServiceError(
    'notFound',
    'CRM_RECORD_NOT_FOUND',
    `The CRM has no ${module} record ${crmId}.`,
    {
      crmModule: module,
      crmId,
    },
  );

/** Runs the change as a `link` run, waiting for a run already going; its refusal is rethrown. */
export async function runRepair(
  req: RepairRequest,
  work: (ctx: SyncContext, adapters: SyncAdapter[]) => Promise<void>,
): Promise<void> {
  const runner = req.deps.crmSyncRunner ?? new CrmSyncRunner();
  let failure: unknown;
  const repair = async (ctx: SyncContext, adapters: SyncAdapter[]) => {
    try {
      await work(ctx, adapters);
    } catch (error) {
      failure = error;
      throw error;
    }
  };
  // Wall time, not deps.clock: this bounds how long a person waits.
  const deadline = Date.now() + IMPORT_WAIT_MS;
  for (;;) {
    const started = await runner.start({
      deps: req.deps,
      organizationId: req.organizationId,
      trigger: 'link',
      repair,
    });
    if (!started.alreadyRunning) {
      await started.done;
      break;
    }
    const left = deadline - Date.now();
    if (left <= 0 || !(await endsWithin(started.done, left))) throw syncRunning(started.runId);
  }
  if (failure !== undefined) throw failure;
}

/**
 * The CRM records a person may link the record to, best first, each with why
 * it is listed and which Kanjo record holds it already (linking there is
 * refused). `q` searches by what the person typed instead of the record's name.
 */
export async function linkCandidates(
  req: RepairRequest,
  q?: string,
): Promise<CrmLinkCandidatesAnswer> {
  const { db } = req.deps;
  const module = await moduleFor(req);
  const row = await targetRow(db, req.organizationId, req.target);
  const holds = await loadHoldsOf(db, req.organizationId, req.target);
  const connection = await loadConnectionRow(db, req.organizationId);
  const candidates = await findCandidates({
    crm: await crmProviderFor(req.deps, req.organizationId),
    module,
    keys: keysOf(req.target.entity, row),
    ...(q === undefined ? {} : { q }),
    // The CRM records waiting for this choice; one kept apart is found like any other.
    held: [
      ...new Set(
        holds.filter((h) => h.kind === 'ambiguous' && h.crmModule === module).map((h) => h.crmId),
      ),
    ],
    apiDomain: connection?.api_domain ?? '',
  });
  for (const candidate of candidates) {
    const owner = await loadLinkToCrmRecord(db, req.organizationId, {
      crmModule: module,
      crmId: candidate.crmId,
    });
    if (!owner) continue;
    const ownEntity = owner.entity === 'customer' || owner.entity === 'item' ? owner.entity : null;
    const rows = ownEntity
      ? await liveRows(db, req.organizationId, ownEntity, [owner.localId])
      : new Map();
    const ownRow = rows.get(owner.localId);
    candidate.linkedTo = {
      entity: owner.entity,
      localId: owner.localId,
      name: ownEntity && ownRow ? nameOf(ownEntity, ownRow) : null,
    };
  }
  return { crmModule: module, candidates };
}

function keysOf(entity: RepairTarget['entity'], row: Parameters<typeof nameOf>[1]) {
  const record = row as { email?: string; phone?: string; sku?: string };
  return {
    name: nameOf(entity, row),
    email: record.email ?? null,
    phone: record.phone ?? null,
    sku: record.sku ?? null,
  };
}
