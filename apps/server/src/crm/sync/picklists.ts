import {
  DEFAULT_ACCOUNT_MAPPING,
  DEFAULT_LINKED_CONTACT_MAPPING,
  DEFAULT_UNLINKED_CONTACT_MAPPING,
  ITEM_MAPPING,
  crmPicklistValue,
  valuesEqual,
  type CrmFieldInfo,
  type FieldValue,
  type FlatFields,
} from '@kanjo/core';
import { writeTransaction } from '../../db/database';
import type { EntityState, SyncContext } from './context';
import { deleteOutbox } from './outbox-store';
import { leavePage } from './page-write';

/**
 * Zoho's standard fields that Kanjo maps by default and that are never
 * picklists in any org: a write made only of these needs no look at the
 * org's fields, so a run pays the read only when a record carries a value
 * for a field that may be one (Usage_Unit, a custom field, Industry ...).
 */
const NEVER_PICKLIST = new Set<string>([
  ...[
    ...DEFAULT_ACCOUNT_MAPPING,
    ...DEFAULT_LINKED_CONTACT_MAPPING,
    ...DEFAULT_UNLINKED_CONTACT_MAPPING,
    ...ITEM_MAPPING,
  ]
    .map((mapping) => mapping.crm)
    .filter((field) => field !== 'Usage_Unit'),
  'First_Name',
  'Last_Name',
  'Account_Name',
  'id',
]);

/** A record on its way to the CRM: Kanjo's values (by Kanjo path) and the write body. */
export interface PicklistSend {
  fields: FlatFields;
  body: Record<string, unknown>;
  /** Said in the run history with the write. */
  notes?: string[];
  /**
   * Kanjo values that went in the org's spelling ("pieces" as "Pieces"), by
   * Kanjo path: the link's base takes these, as the CRM holds them, so that
   * reading the record back is not taken for a CRM change.
   */
  sentAs?: FlatFields;
}

/** Each module's fields, read once per run (on first need) and kept for the rest of it. */
const runFields = new WeakMap<SyncContext, Map<string, Promise<CrmFieldInfo[]>>>();

function moduleFields(ctx: SyncContext, module: string): Promise<CrmFieldInfo[]> {
  const known = runFields.get(ctx) ?? new Map<string, Promise<CrmFieldInfo[]>>();
  runFields.set(ctx, known);
  // A CRM call: a page being written commits first rather than hold the database meanwhile.
  const fields = known.get(module) ?? leavePage(ctx).then(() => ctx.provider.fields(module));
  known.set(module, fields);
  return fields;
}

const mayBePicklist = ([field, value]: [string, unknown]) =>
  typeof value === 'string' && value.trim() !== '' && !NEVER_PICKLIST.has(field);

/**
 * Fits every picklist value of these writes to the CRM org's picklist (read
 * from `/settings/fields`): a value the org has (exactly, else ignoring case,
 * by actual or display value) goes as the org's actual value; one it lacks
 * is left out of that record's write — the rest still goes — with a note,
 * and out of `fields`, so the link's base does not take it for sent and a
 * later fix (of Kanjo's value or of the org's picklist) sends it.
 * `toCrm` turns Kanjo values into write fields (to find which Kanjo path a
 * CRM field came from).
 */
export async function fitPicklists(
  ctx: SyncContext,
  module: string,
  sends: readonly PicklistSend[],
  toCrm: (flat: FlatFields) => Record<string, unknown>,
): Promise<void> {
  const checked = sends.filter((send) => Object.entries(send.body).some(mayBePicklist));
  if (checked.length === 0) return;
  const picklists = new Map(
    (await moduleFields(ctx, module)).flatMap((field) =>
      field.dataType === 'picklist' ? [[field.apiName, field.pickList ?? []] as const] : [],
    ),
  );
  for (const send of checked) {
    for (const [field, value] of Object.entries(send.body).filter(mayBePicklist)) {
      const options = picklists.get(field);
      if (options === undefined || typeof value !== 'string') continue;
      const matched = crmPicklistValue(value, options);
      if (matched !== undefined) {
        send.body[field] = matched;
        for (const path of pathsOf(send.fields, field, toCrm)) {
          if (matched !== send.fields[path]) send.sentAs = { ...send.sentAs, [path]: matched };
        }
        continue;
      }
      delete send.body[field];
      for (const path of pathsOf(send.fields, field, toCrm)) delete send.fields[path];
      send.notes = [
        ...(send.notes ?? []),
        `${field}: the CRM has no value ${JSON.stringify(value)}; sent without it`,
      ];
    }
  }
}

/** The Kanjo paths whose value goes to this CRM field. */
function pathsOf(
  fields: FlatFields,
  crmField: string,
  toCrm: (flat: FlatFields) => Record<string, unknown>,
): string[] {
  return Object.entries(fields).flatMap(([path, value]: [string, FieldValue]) =>
    Object.hasOwn(toCrm({ [path]: value }), crmField) ? [path] : [],
  );
}

/** A write's reason with what it left out. */
export function withNotes(reason: string, notes: readonly string[] | undefined): string {
  return notes && notes.length > 0 ? `${reason}; ${notes.join('; ')}` : reason;
}

/**
 * The part of a merge's Kanjo-side changes that could go: a value the org's
 * picklist lacks is not a change to send (it was reported when it was left
 * out), so a record read again is not queued again for it — until Kanjo's
 * value or the org's picklist changes.
 */
export async function sendable(
  ctx: SyncContext,
  module: string,
  { toRemote, remote }: { toRemote: FlatFields; remote: FlatFields },
  toCrm: (flat: FlatFields) => Record<string, unknown>,
): Promise<FlatFields> {
  const send: PicklistSend = { fields: { ...toRemote }, body: toCrm(toRemote) };
  await fitPicklists(ctx, module, [send], toCrm);
  // "pieces" against the CRM's "Pieces": what would be written is already there.
  return Object.fromEntries(
    Object.entries(send.fields).filter(
      ([path, value]) => !valuesEqual(send.sentAs?.[path] ?? value, remote[path]),
    ),
  );
}

/**
 * Changes left with nothing to write (their only changed value is one the
 * CRM's picklist lacks) are not sent: said in the history, unqueued.
 */
export async function withoutEmpty<
  S extends PicklistSend & { row: { id: string }; link?: { crmId: string } | undefined },
>(ctx: SyncContext, state: EntityState, updates: S[]): Promise<S[]> {
  const empty = updates.filter((send) => Object.keys(send.body).length === 0);
  if (empty.length === 0) return updates;
  const { entity, module } = state.adapter;
  for (const send of empty) {
    ctx.recorder.add({
      entity,
      localId: send.row.id,
      crmModule: module,
      crmId: send.link?.crmId ?? null,
      action: 'skipped',
      direction: 'outbound',
      reason: withNotes('nothing else changed', send.notes),
    });
  }
  if (!ctx.dryRun) {
    await writeTransaction(ctx.deps.db, ctx.organizationId, async (trx) => {
      for (const send of empty) await deleteOutbox(trx, ctx.organizationId, entity, send.row.id);
    });
  }
  return updates.filter((send) => !empty.includes(send));
}
