import * as v from 'valibot';
import { customerSchema } from '../schemas/customer';
import { CONFLICT_RULES } from '../crm/settings';
import { idSchema } from '../schemas/common';
import { dealSchema } from '../schemas/deal';
import { invoiceSchema, quoteSchema, salesOrderSchema } from '../schemas/documents';
import { itemSchema } from '../schemas/item';
import { paymentSchema } from '../schemas/payment';

/**
 * The client ↔ server sync protocol (docs/architecture.md, "Sync protocol"):
 * the wire messages of `POST /api/sync/push`, `GET /api/sync/pull`,
 * `GET /api/sync/events` and the conflicts API, shared by the PWA's sync
 * engine and the server so neither can drift from the other.
 *
 * Requests are strict (unknown keys are refused); responses are read
 * leniently (`v.object`), so a newer server may add fields.
 */

export const MAX_PUSH_MUTATIONS = 500;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
export const MAX_PULL_REJECTIONS = 200;
export const SSE_HEARTBEAT_MS = 25_000;

/** Error codes of the sync endpoints, besides the core DomainError codes. */
export const SYNC_ERROR_STATUS = {
  /** A `(clientId, seq)` already stored with a different body; nothing of the push applied. */
  SEQ_REUSED: 409,
  /** Transient: nothing of the push applied; send it again later. */
  TRY_AGAIN: 503,
  /** The pull cursor is older than the retained log: drop local rows, pull from 0. */
  CURSOR_EXPIRED: 410,
  /** Over 500 mutations or 1 MiB. */
  PAYLOAD_TOO_LARGE: 413,
  /** The clientId is bound to another user. */
  FORBIDDEN: 403,
} as const;

/** A device's sync identity: the PWA makes a UUIDv7; any id of the record-id form is taken. */
export const clientIdSchema = idSchema;

const seqSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const countSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/**
 * One outbox entry. `name` and `entityId` are checked by the server's mutator,
 * not here, so a bad one becomes a recorded rejection instead of blocking the
 * whole outbox behind a 400.
 */
export const syncMutationSchema = v.strictObject({
  /** Positive, strictly increasing per client (the outbox auto-increment). */
  seq: seqSchema,
  /** A core mutation name, e.g. 'invoice.patch'. */
  name: v.pipe(v.string(), v.maxLength(100)),
  entityId: v.pipe(v.string(), v.maxLength(200)),
  /** Exactly what runMutation takes (the REST body of that mutation). */
  args: v.optional(v.unknown()),
  /** The row version the edit was based on; 0 for a create. */
  baseVersion: countSchema,
});

export const pushRequestSchema = v.strictObject({
  clientId: clientIdSchema,
  mutations: v.pipe(v.array(syncMutationSchema), v.maxLength(MAX_PUSH_MUTATIONS)),
});

export const pushResultSchema = v.object({
  seq: seqSchema,
  status: v.picklist(['applied', 'rejected']),
  /** For rejected: a DomainError code (VALIDATION_FAILED, INVOICE_LOCKED, DELETED, …). */
  code: v.optional(v.string()),
  message: v.optional(v.string()),
  /** For applied: the organization seq the mutation was applied at (the rows' new version). */
  version: v.optional(countSchema),
});

export const pushResponseSchema = v.object({
  /** The highest seq of this client the server has settled (applied or rejected). */
  lastSeq: countSchema,
  results: v.array(pushResultSchema),
  /** The organization's current seq. */
  cursor: countSchema,
});

export const pullQuerySchema = v.object({
  cursor: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'Use a whole number.'), v.transform(Number)),
    '0',
  ),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'Use a whole number.'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(MAX_PULL_LIMIT),
    ),
  ),
  clientId: v.optional(clientIdSchema),
});

const writerSchema = v.object({ userId: v.string(), clientId: v.nullable(v.string()) });

export const CONFLICT_RESOLUTIONS = ['winning', 'losing'] as const;

/**
 * A field two writers changed from the same base: the later one (by server
 * order) won and is stored; the value it overwrote is kept here until someone
 * resolves it. An absent (cleared) value is `null`.
 *
 * When a device's edit met a CRM write it had not seen, the organization's
 * CRM conflict rule decided instead of server order, and `crmRule` says
 * which: `crmWins` (the CRM's value stayed), `kanjoWins` (the edit replaced
 * it and goes to the CRM) or `ask` (the CRM's value stays on both sides until
 * a person keeps one). `field` is then the smallest mapped field, e.g.
 * `billingAddress.city` or `contactPersons.<id>.email`.
 */
export const conflictSchema = v.object({
  id: v.string(),
  entity: v.picklist(['customer', 'item', 'quote', 'salesOrder', 'invoice', 'payment']),
  entityId: v.string(),
  field: v.string(),
  winningValue: v.unknown(),
  losingValue: v.unknown(),
  winner: writerSchema,
  loser: writerSchema,
  createdAt: v.string(),
  resolvedAt: v.optional(v.string()),
  resolution: v.optional(v.picklist(CONFLICT_RESOLUTIONS)),
  resolvedBy: v.optional(v.string()),
  crmRule: v.optional(v.picklist(CONFLICT_RULES)),
  version: countSchema,
});

export const conflictListQuerySchema = v.object({
  status: v.optional(v.picklist(['open', 'resolved']), 'open'),
});

export const resolveConflictSchema = v.strictObject({ keep: v.picklist(CONFLICT_RESOLUTIONS) });

export const SYNC_ENTITIES = [
  'customer',
  'item',
  'quote',
  'salesOrder',
  'invoice',
  'payment',
  'conflict',
  'deal',
] as const;

const op = v.picklist(['put', 'delete']);

function isStoredRow(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'string'
  );
}

/**
 * A row as the server stored it. Writes are checked by today's rules; a row
 * written under older, looser ones (a name with a tab, a date before 1900, an
 * amount past today's money bound) must still reach every device — refusing
 * it would stop the whole pull, for every row behind it. Such a row is taken
 * as the server sent it; the next edit of it is checked in full and names the
 * field to fix.
 */
function storedRow<R extends v.GenericSchema>(row: R) {
  return v.union([row, v.custom<v.InferOutput<R>>(isStoredRow)]);
}

const change = <E extends string, R extends v.GenericSchema>(entity: E, row: R) =>
  v.object({
    entity: v.literal(entity),
    id: v.string(),
    op,
    row: storedRow(row),
    version: countSchema,
  });

/**
 * One changed entity with its CURRENT row (stored shape: documents carry no
 * computed totals). `op: 'delete'` is a soft delete; `row` is its last state.
 */
export const syncChangeSchema = v.variant('entity', [
  change('customer', customerSchema),
  change('item', itemSchema),
  change('quote', quoteSchema),
  change('salesOrder', salesOrderSchema),
  change('invoice', invoiceSchema),
  change('payment', paymentSchema),
  change('conflict', conflictSchema),
  // CRM deals of synced customers, cached for pickers and offline CRM info (read-only).
  change('deal', dealSchema),
]);

/** A mutation of this client the server refused; the client shows it as the losing edit. */
export const syncRejectionSchema = v.object({
  seq: seqSchema,
  name: v.string(),
  entityId: v.string(),
  code: v.string(),
  message: v.string(),
  /** The refused mutation's args, so the losing edit can be shown after the outbox entry is gone. */
  args: v.optional(v.unknown()),
});

export const pullResponseSchema = v.object({
  changes: v.array(syncChangeSchema),
  /** Pull again from here. */
  cursor: countSchema,
  hasMore: v.boolean(),
  /** This client's settled seq: outbox entries up to it are acknowledged. */
  lastSeq: countSchema,
  /** This client's rejected mutations, newest first (at most 200). */
  rejections: v.array(syncRejectionSchema),
});

/** `data` of an SSE `event: poke`: the organization's seq moved to `seq`. */
export const pokeSchema = v.object({ seq: countSchema });

export type SyncMutation = v.InferOutput<typeof syncMutationSchema>;
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;
export type PushResult = v.InferOutput<typeof pushResultSchema>;
export type PushResponse = v.InferOutput<typeof pushResponseSchema>;
export type PullQuery = v.InferOutput<typeof pullQuerySchema>;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
export type SyncChange = v.InferOutput<typeof syncChangeSchema>;
export type SyncRejection = v.InferOutput<typeof syncRejectionSchema>;
export type PullResponse = v.InferOutput<typeof pullResponseSchema>;
export type Conflict = v.InferOutput<typeof conflictSchema>;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];
export type ConflictWriter = v.InferOutput<typeof writerSchema>;
export type Poke = v.InferOutput<typeof pokeSchema>;
