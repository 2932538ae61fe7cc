import * as v from 'valibot';
import type { Db } from '../../db/database';
import type { NotifiedRecords } from '../sync/run';
import { findChannel, tokenMatches, type WatchedModule } from './channel-store';

/** A CRM record or channel id: digits, as a string or (channel ids) a safe JSON number. */
const crmIdSchema = v.union([
  v.pipe(v.string(), v.regex(/^\d{1,30}$/)),
  v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.transform(String)),
]);

/**
 * Zoho's callback body (`notify_url` POST). Not strict: Zoho adds fields
 * (`affected_values`, …) and a new one must not turn genuine changes into 400s.
 */
export const crmCallbackSchema = v.object({
  channel_id: crmIdSchema,
  token: v.pipe(v.string(), v.maxLength(200)),
  module: v.pipe(v.string(), v.maxLength(100)),
  ids: v.array(crmIdSchema),
  operation: v.picklist(['insert', 'update', 'delete']),
  resource_uri: v.optional(v.string()),
  server_time: v.optional(v.number()),
  query_params: v.optional(v.record(v.string(), v.unknown())),
  affected_fields: v.optional(v.array(v.unknown())),
});

export type CrmCallback = v.InferOutput<typeof crmCallbackSchema>;

export type CallbackVerdict =
  | { ok: true; records: NotifiedRecords }
  | { ok: false; status: 400 | 403 | 404; code: string; message: string };

/**
 * Whether a callback is genuine: a channel of this organization, its
 * token (compared as SHA-256 digests, in constant time) and its module.
 *
 * @example
 * const verdict = await verifyCallback(db, organizationId, callback);
 * if (!verdict.ok) return c.json(errorBody(verdict.code, verdict.message), verdict.status);
 */
export async function verifyCallback(
  db: Db,
  organizationId: string,
  callback: CrmCallback,
): Promise<CallbackVerdict> {
  const channel = await findChannel(db, organizationId, callback.channel_id);
  if (!channel) {
    return { ok: false, status: 404, code: 'CRM_CHANNEL_UNKNOWN', message: 'No such channel.' };
  }
  if (!tokenMatches(callback.token, channel.token_hash)) {
    return { ok: false, status: 403, code: 'CRM_CHANNEL_TOKEN', message: 'Wrong channel token.' };
  }
  if (callback.module !== channel.crm_module) {
    return {
      ok: false,
      status: 400,
      code: 'CRM_CHANNEL_MODULE',
      message: `This channel watches ${channel.crm_module}.`,
    };
  }
  const module = channel.crm_module as WatchedModule;
  return {
    ok: true,
    records: { module, ids: [...new Set(callback.ids)], operation: callback.operation },
  };
}
