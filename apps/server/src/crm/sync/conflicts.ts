import type { CrmHeldConflict, CrmHeldField, Role } from '@kanjo/core';
import type { Db } from '../../db/database';
import { readEntity } from '../../db/entities';
import { loadOrganization } from '../../db/organizations';
import { ServiceError, notFound } from '../../errors';
import { applyMutationIn } from '../../mutations/apply-mutation';
import { commitWrite, type WriteDeps } from '../../mutations/committed';
import { loadSyncSettings } from '../settings-store';
import {
  customerAdapter,
  individualAdapter,
  itemAdapter,
  type LocalRow,
  type SyncAdapter,
} from './adapters';
import { loadHeldLinks, loadLink, saveLink, type CrmLink } from './links-store';
import { enqueueOutbox } from './outbox-store';

/** The entities whose fields can be held for a person (rule `ask`). */
export type HeldEntity = 'customer' | 'item';

export type HeldField = CrmHeldField;

export type HeldConflict = CrmHeldConflict;

/** Narrows the list to one entity, or to one record of it. */
export interface HeldFilter {
  entity?: HeldEntity;
  localId?: string;
}

/**
 * Every linked record with fields held by the rule `ask`: per field the base,
 * Kanjo's current value and the CRM's value from the latest run that held it.
 *
 * @example const [conflict] = await listHeldConflicts(db, orgId, { entity: 'customer', localId });
 */
export async function listHeldConflicts(
  db: Db,
  organizationId: string,
  filter: HeldFilter = {},
): Promise<HeldConflict[]> {
  const links = await loadHeldLinks(db, organizationId, {
    entities: filter.entity ? [filter.entity] : ['customer', 'item'],
    localId: filter.localId,
  });
  const adapters = await adaptersFor(db, organizationId);
  const out: HeldConflict[] = [];
  for (const link of links) {
    const held = await describe(db, organizationId, adapters, link);
    if (held) out.push(held);
  }
  return out;
}

export interface ResolveRequest {
  deps: WriteDeps;
  organizationId: string;
  actor: { userId: string; role: Role };
  now: Date;
  newId: () => string;
  entity: HeldEntity;
  localId: string;
  field: string;
  take: 'kanjo' | 'crm';
}

/**
 * Settles one held field. Taking the CRM's value writes it to Kanjo (source
 * `crm`, so it is not queued back); taking Kanjo's queues the record for the
 * CRM. Either way the field leaves `held` and the base becomes the CRM's value,
 * in the same transaction as the write: the next run then sees Kanjo = base
 * (nothing to do) or Kanjo ≠ base (Kanjo's value goes out).
 * Returns the new seq when Kanjo was written.
 */
export async function resolveHeldConflict(req: ResolveRequest): Promise<{ seq?: number }> {
  const adapters = await adaptersFor(req.deps.db, req.organizationId);
  const link = await loadLink(req.deps.db, req.organizationId, req.entity, req.localId);
  const conflict = link && (await describe(req.deps.db, req.organizationId, adapters, link));
  if (!link || !conflict) throw notFound(`Held conflict of ${req.entity} ${req.localId}`);
  const held = conflict.fields.find((f) => f.field === req.field);
  if (!held) {
    throw new ServiceError('conflict', 'CRM_CONFLICT_NOT_HELD', `${req.field} is not held.`, {
      held: conflict.fields.map((f) => f.field),
    });
  }
  if (req.take === 'crm' && !held.crmKnown) {
    throw new ServiceError(
      'conflict',
      'CRM_VALUE_UNKNOWN',
      'No run recorded the CRM value: sync first.',
    );
  }
  const crm = held.crmKnown ? held.crm : held.base;
  const settled: CrmLink = {
    ...link,
    held: link.held.filter((f) => f !== req.field),
    base: { ...link.base, [req.field]: crm },
  };
  const adapter = adapterOf(adapters, link);
  if (!adapter) throw notFound(`Held conflict of ${req.entity} ${req.localId}`);
  return commitWrite(req.deps, req.organizationId, async (tx) => {
    const { trx } = tx;
    const nowIso = req.now.toISOString();
    let seq: number | undefined;
    if (req.take === 'crm') {
      const stored = await readEntity(trx, req.organizationId, req.entity, req.localId);
      if (!stored) throw notFound(`${req.entity} ${req.localId}`);
      const applied = await applyMutationIn(tx, {
        organizationId: req.organizationId,
        actor: req.actor,
        ...adapter.patch(stored.row as LocalRow, { [req.field]: crm }),
        entityId: req.localId,
        now: req.now,
        newId: req.newId,
        source: 'crm',
      });
      seq = applied.seq;
    } else {
      const row = { organizationId: req.organizationId, entity: req.entity, localId: req.localId };
      await enqueueOutbox(trx, { ...row, now: nowIso });
      tx.queuedForCrm(req.organizationId);
    }
    await saveLink(trx, req.organizationId, settled, nowIso);
    return { seq };
  });
}

/** One adapter per CRM module a held record can be linked to. */
type Adapters = Record<SyncAdapter['module'], SyncAdapter>;

async function adaptersFor(db: Db, organizationId: string): Promise<Adapters> {
  const [{ settings }, organization] = await Promise.all([
    loadSyncSettings(db, organizationId),
    loadOrganization(db, organizationId),
  ]);
  if (!organization) throw notFound('Organization');
  return {
    Accounts: customerAdapter(settings),
    Contacts: individualAdapter(settings),
    Products: itemAdapter(settings, organization.baseCurrency),
  };
}

/**
 * The adapter of the module the record is linked to, not of its entity: an
 * individual customer linked to a Contact reads and writes its fields through
 * the Contacts mapping (email, mobile…), which the Accounts one does not have.
 */
function adapterOf(adapters: Adapters, link: CrmLink): SyncAdapter | undefined {
  const adapter = Object.hasOwn(adapters, link.crmModule)
    ? adapters[link.crmModule as SyncAdapter['module']]
    : undefined;
  return adapter?.entity === link.entity ? adapter : undefined;
}

async function describe(
  db: Db,
  organizationId: string,
  adapters: Adapters,
  link: CrmLink,
): Promise<HeldConflict | undefined> {
  if (link.entity !== 'customer' && link.entity !== 'item') return undefined;
  if (link.status !== 'linked' || link.held.length === 0) return undefined;
  const adapter = adapterOf(adapters, link);
  const stored = adapter && (await readEntity(db, organizationId, link.entity, link.localId));
  if (!adapter || !stored) return undefined;
  const local = adapter.local(stored.row as LocalRow);
  return {
    entity: link.entity,
    localId: link.localId,
    crmModule: link.crmModule,
    crmId: link.crmId,
    fields: link.held.map((field) => ({
      field,
      base: link.base[field] ?? null,
      kanjo: local[field] ?? null,
      crm: link.heldCrm?.[field] ?? null,
      crmKnown: link.heldCrm !== undefined && field in link.heldCrm,
    })),
  };
}
