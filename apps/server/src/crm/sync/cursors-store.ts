import type { Db } from '../../db/database';

/** How far the inbound sync read each CRM module: its modified and deleted cursors. */

export interface Cursor {
  modifiedSince: string | null;
  deletedSince: string | null;
}

export async function loadCursor(db: Db, organizationId: string, module: string): Promise<Cursor> {
  const row = await db
    .selectFrom('crm_cursors')
    .select(['modified_since', 'deleted_since'])
    .where('organization_id', '=', organizationId)
    .where('crm_module', '=', module)
    .executeTakeFirst();
  return { modifiedSince: row?.modified_since ?? null, deletedSince: row?.deleted_since ?? null };
}

export async function saveCursor(
  trx: Db,
  organizationId: string,
  module: string,
  cursor: Partial<Cursor>,
): Promise<void> {
  const values = {
    ...(cursor.modifiedSince !== undefined ? { modified_since: cursor.modifiedSince } : {}),
    ...(cursor.deletedSince !== undefined ? { deleted_since: cursor.deletedSince } : {}),
  };
  await trx
    .insertInto('crm_cursors')
    .values({
      organization_id: organizationId,
      crm_module: module,
      modified_since: null,
      deleted_since: null,
      ...values,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'crm_module']).doUpdateSet(values))
    .execute();
}
