import type { CrmProvider, CrmRecord, CrmWriteResult } from '@kanjo/core';
import { toCoqlRows, toFields, toProfiles, toTaxes, toUsers, toViews } from './answers.js';
import type { ZohoClient } from './client.js';
import { zohoCriteria } from './criteria.js';
import { CrmError, ZOHO_LIMITS } from './errors.js';
import { zohoChannelCalls, zohoOrgCalls } from './provider-org.js';
import { chunk } from './write-results.js';

/** Zoho's code for a record changed after the request's `If-Unmodified-Since`. */
const ALREADY_MODIFIED = 'ALREADY_MODIFIED';

/**
 * Kanjo's CRM provider for Zoho CRM v8, over the organization's Zoho client
 * (its token, limits and retries): Kanjo's operations in Zoho's paths,
 * headers, paging and answer shapes.
 *
 * @example
 * const provider = createZohoProvider(createZohoClient(options));
 * const [result] = await provider.updateUnmodified('Accounts', [{ id, Phone }], readAt);
 */
export function createZohoProvider(client: ZohoClient): CrmProvider {
  return {
    ...zohoRecordCalls(client),
    ...zohoOrgCalls(client),
    ...zohoChannelCalls(client),
    profiles: async () => toProfiles((await client.request({ path: '/settings/profiles' })).body),
    users: async () =>
      toUsers((await client.request({ path: '/users', query: { type: 'AllUsers' } })).body),
    taxes: async () => toTaxes((await client.request({ path: '/org/taxes' })).body),
    async fields(module) {
      const { body } = await client.request({ path: '/settings/fields', query: { module } });
      return toFields(body, module);
    },
    async views(module) {
      const { body } = await client.request({ path: '/settings/custom_views', query: { module } });
      return toViews(body, module);
    },
    callStats: () => client.stats(),
  };
}

type RecordCalls = Pick<
  CrmProvider,
  | 'list'
  | 'deleted'
  | 'record'
  | 'records'
  | 'related'
  | 'search'
  | 'findAny'
  | 'insert'
  | 'upsert'
  | 'updateUnmodified'
>;

function zohoRecordCalls(client: ZohoClient): RecordCalls {
  return {
    list: (module, { fields, view, modifiedSince, oldestChangeFirst, perPage }) =>
      client.listAll(module, {
        fields,
        ...(view !== undefined ? { cvid: view } : {}),
        ...(modifiedSince !== undefined ? { modifiedSince } : {}),
        ...(oldestChangeFirst ? { sortBy: 'Modified_Time', sortOrder: 'asc' } : {}),
        ...(perPage !== undefined ? { perPage } : {}),
      }),
    async *deleted(module, { since } = {}) {
      for await (const record of client.listDeleted(module, { modifiedSince: since })) {
        const time = record.deleted_time;
        yield { id: String(record.id), deletedAt: typeof time === 'string' ? time : null };
      }
    },
    record: (module, id, fields) => client.getRecord(module, id, fields),
    records: (module, ids, fields) => client.getRecords(module, ids, fields),
    related: (module, id, list, fields) => client.related(module, id, list, fields),
    search: (module, by, { fields, limit }) =>
      client.search(module, 'criteria' in by ? { criteria: zohoCriteria(by.criteria) } : by, {
        ...(fields !== undefined ? { fields } : {}),
        ...(limit !== undefined ? { perPage: limit } : {}),
      }),
    async findAny(module, match, { fields, limit }) {
      const where = Object.entries(match)
        .filter(([, values]) => values.length > 0)
        .map(([field, values]) => `${field} in (${values.map(coqlLiteral).join(', ')})`);
      if (where.length === 0) return { records: [], more: false };
      const select_query = `select ${fields.join(', ')} from ${module} where ${where.join(' or ')} limit ${limit}`;
      const { body } = await client.request({
        method: 'POST',
        path: '/coql',
        body: { select_query },
      });
      return toCoqlRows(body);
    },
    insert: (module, records) => client.insert(module, records),
    upsert: (module, records, matchOn) =>
      client.upsert(module, records, matchOn ? { duplicateCheckFields: [...matchOn] } : {}),
    updateUnmodified: (module, records, since) =>
      since === null
        ? client.update(module, records)
        : updateUnmodified(client, module, records, since),
  };
}

/** A COQL string literal: `\` and `'` escaped. */
const coqlLiteral = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Per batch: Zoho refuses each record changed after `since` (ALREADY_MODIFIED)
 * and a batch where all were with 412, which is as many stale records, not a
 * failed call.
 */
async function updateUnmodified(
  client: ZohoClient,
  module: string,
  records: readonly CrmRecord[],
  since: string,
): Promise<CrmWriteResult[]> {
  const results: CrmWriteResult[] = [];
  for (const batch of chunk(records, ZOHO_LIMITS.batchSize)) {
    try {
      const answered = await client.update(module, batch, { unmodifiedSince: since });
      results.push(
        ...answered.map((r) => (!r.ok && r.code === ALREADY_MODIFIED ? { ...r, stale: true } : r)),
      );
    } catch (error) {
      if (!(error instanceof CrmError && error.status === 412)) throw error;
      const { message } = error;
      results.push(
        ...batch.map((): CrmWriteResult => {
          return { ok: false, code: ALREADY_MODIFIED, message, details: {}, stale: true };
        }),
      );
    }
  }
  return results;
}
