import type { EntityState, SyncContext } from './context';
import { syncDb, writeUnit } from './page-write';

/**
 * Runs in which one CRM record (at one Modified_Time) may fail to come in
 * while the module's cursor waits before it. Then the cursor moves past it:
 * a record that can never be imported (a name too long for Kanjo) must not
 * make every later run read again everything changed since. The record comes
 * back when it changes in the CRM, or on a re-sync; its failure stays in the
 * run history until then.
 */
export const INBOUND_ATTEMPTS = 3;

interface Failure {
  attempts: number;
  modifiedTime: string | null;
}

export interface InboundFailureNote {
  /** Whether the cursor still waits before this record. */
  holds: boolean;
  attempts: number;
}

/** The module's failing records, read once per run. */
async function failing(ctx: SyncContext, state: EntityState): Promise<Map<string, Failure>> {
  if (!state.failing) {
    const rows = await syncDb(ctx)
      .selectFrom('crm_inbound_failures')
      .select(['crm_id', 'attempts', 'crm_modified_time'])
      .where('organization_id', '=', ctx.organizationId)
      .where('crm_module', '=', state.adapter.module)
      .execute();
    state.failing = new Map(
      rows.map((r) => [r.crm_id, { attempts: r.attempts, modifiedTime: r.crm_modified_time }]),
    );
  }
  return state.failing;
}

/** Counts one more failed run of the record; a newer Modified_Time starts the count again. */
export async function noteInboundFailure(
  ctx: SyncContext,
  state: EntityState,
  failure: { crmId: string; modifiedTime: string | null; code: string; message: string },
): Promise<InboundFailureNote> {
  const known = await failing(ctx, state);
  const before = known.get(failure.crmId);
  const attempts = before && before.modifiedTime === failure.modifiedTime ? before.attempts + 1 : 1;
  known.set(failure.crmId, { attempts, modifiedTime: failure.modifiedTime });
  if (!ctx.dryRun) {
    const values = {
      crm_modified_time: failure.modifiedTime,
      attempts,
      last_error_code: failure.code,
      last_error_message: failure.message,
      updated_at: ctx.deps.clock().toISOString(),
    };
    await writeUnit(ctx, ({ trx }) =>
      trx
        .insertInto('crm_inbound_failures')
        .values({
          organization_id: ctx.organizationId,
          crm_module: state.adapter.module,
          crm_id: failure.crmId,
          ...values,
        })
        .onConflict((oc) =>
          oc.columns(['organization_id', 'crm_module', 'crm_id']).doUpdateSet(values),
        )
        .execute(),
    );
  }
  return { holds: attempts < INBOUND_ATTEMPTS, attempts };
}

/** The record came in: its failures are forgotten. */
export async function clearInboundFailure(
  ctx: SyncContext,
  state: EntityState,
  crmId: string,
): Promise<void> {
  const known = await failing(ctx, state);
  if (!known.delete(crmId) || ctx.dryRun) return;
  await writeUnit(ctx, ({ trx }) =>
    trx
      .deleteFrom('crm_inbound_failures')
      .where('organization_id', '=', ctx.organizationId)
      .where('crm_module', '=', state.adapter.module)
      .where('crm_id', '=', crmId)
      .execute(),
  );
}

/**
 * The record already failed INBOUND_ATTEMPTS runs at this very Modified_Time:
 * read again only because reads overlap, it is passed over without a new
 * failure in the history.
 */
export async function givenUp(
  ctx: SyncContext,
  state: EntityState,
  crmId: string,
  modifiedTime: string | null,
): Promise<boolean> {
  const before = (await failing(ctx, state)).get(crmId);
  return (
    before !== undefined &&
    before.attempts >= INBOUND_ATTEMPTS &&
    before.modifiedTime === modifiedTime
  );
}

/** How a failure that no longer holds the cursor is explained in the run history. */
export function gaveUpReason(attempts: number): string {
  return `failed in ${attempts} runs: the sync goes on past it, and reads it again when it changes in the CRM or is re-synced`;
}
