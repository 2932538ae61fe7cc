import type { CrmHoldKind } from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmHoldTable, CrmSyncEntity } from '../../db/schema';
import { enqueueOutbox } from './outbox-store';

/**
 * Holds: a Kanjo record and a CRM record that wait for a person instead of
 * syncing. `ambiguous` — the CRM record matched several Kanjo records (one
 * row per candidate): none of them is linked or sent, and the CRM record is
 * not imported, until a person chooses; each run reads the CRM record again,
 * so a candidate deleted or renamed since lets the sync settle it. `kept_apart`
 * — a person unlinked the pair or chose another record for the CRM record:
 * while either side has no link, the sync leaves it alone (it is not matched,
 * imported or sent as new) until a person links it again or releases it.
 */

export interface Hold {
  entity: CrmSyncEntity;
  localId: string;
  crmModule: string;
  crmId: string;
  kind: CrmHoldKind;
  crmName: string | null;
  reason: string;
  /** A contact person's customer: its outbox row and page are the customer's. */
  parentId: string | null;
  decidedBy: string | null;
  createdAt: string;
}

const toHold = (row: CrmHoldTable): Hold => ({
  entity: row.entity,
  localId: row.local_id,
  crmModule: row.crm_module,
  crmId: row.crm_id,
  kind: row.kind,
  crmName: row.crm_name,
  reason: row.reason,
  parentId: row.parent_id,
  decidedBy: row.decided_by,
  createdAt: row.created_at,
});

const holdsOf = (db: Db, organizationId: string) =>
  db.selectFrom('crm_holds').selectAll().where('organization_id', '=', organizationId);

/** Every hold of the organization: a handful, waiting for people. */
export async function loadHolds(db: Db, organizationId: string): Promise<Hold[]> {
  return (await holdsOf(db, organizationId).orderBy('created_at').execute()).map(toHold);
}

/**
 * The holds naming one Kanjo record (of any module), one CRM record, or the
 * contact persons of one customer.
 */
export async function loadHoldsOf(
  db: Db,
  organizationId: string,
  of:
    | { entity: CrmSyncEntity; localId: string }
    | { crmModule: string; crmId: string }
    | { parentId: string },
): Promise<Hold[]> {
  const all = holdsOf(db, organizationId);
  const query =
    'localId' in of
      ? all.where('entity', '=', of.entity).where('local_id', '=', of.localId)
      : 'crmId' in of
        ? all.where('crm_module', '=', of.crmModule).where('crm_id', '=', of.crmId)
        : all.where('entity', '=', 'contactPerson').where('parent_id', '=', of.parentId);
  return (await query.orderBy('created_at').execute()).map(toHold);
}

export async function insertHolds(trx: Db, organizationId: string, holds: Hold[]): Promise<void> {
  if (holds.length === 0) return;
  await trx
    .insertInto('crm_holds')
    .values(
      holds.map((hold) => ({
        organization_id: organizationId,
        entity: hold.entity,
        local_id: hold.localId,
        crm_module: hold.crmModule,
        crm_id: hold.crmId,
        kind: hold.kind,
        crm_name: hold.crmName,
        reason: hold.reason,
        parent_id: hold.parentId,
        decided_by: hold.decidedBy,
        created_at: hold.createdAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['organization_id', 'entity', 'local_id', 'crm_module', 'crm_id']).doUpdateSet({
        kind: (eb) => eb.ref('excluded.kind'),
        crm_name: (eb) => eb.ref('excluded.crm_name'),
        reason: (eb) => eb.ref('excluded.reason'),
        parent_id: (eb) => eb.ref('excluded.parent_id'),
        decided_by: (eb) => eb.ref('excluded.decided_by'),
      }),
    )
    .execute();
}

/** Deletes the holds of a CRM record (of one kind, or all). */
export async function deleteHoldsOfCrm(
  trx: Db,
  organizationId: string,
  crm: { crmModule: string; crmId: string; kind?: CrmHoldKind },
): Promise<void> {
  let query = trx
    .deleteFrom('crm_holds')
    .where('organization_id', '=', organizationId)
    .where('crm_module', '=', crm.crmModule)
    .where('crm_id', '=', crm.crmId);
  if (crm.kind) query = query.where('kind', '=', crm.kind);
  await query.execute();
}

/** Deletes the holds of a Kanjo record (of one kind, or all; with one CRM record, or any). */
export async function deleteHoldsOfLocal(
  trx: Db,
  organizationId: string,
  local: { entity: CrmSyncEntity; localId: string; kind?: CrmHoldKind; crmId?: string },
): Promise<void> {
  let query = trx
    .deleteFrom('crm_holds')
    .where('organization_id', '=', organizationId)
    .where('entity', '=', local.entity)
    .where('local_id', '=', local.localId);
  if (local.kind) query = query.where('kind', '=', local.kind);
  if (local.crmId) query = query.where('crm_id', '=', local.crmId);
  await query.execute();
}

/**
 * Queues records a hold let go, so the next run looks at them again (an
 * unlinked one may be sent). A contact person is queued as its customer.
 */
export async function requeueFreed(
  trx: Db,
  organizationId: string,
  freed: readonly Pick<Hold, 'entity' | 'localId' | 'parentId'>[],
  now: string,
): Promise<void> {
  for (const hold of freed) {
    const contact = hold.entity === 'contactPerson';
    const localId = contact ? hold.parentId : hold.localId;
    if (localId === null) continue;
    await enqueueOutbox(trx, { organizationId, entity: hold.entity, localId, now });
  }
}
