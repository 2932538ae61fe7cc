import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { customerArgs } from '@kanjo/core/testing';
import { uuidv7 } from '../src/ids';
import { makeSyncTest } from './sync-client';

async function snapshot(db: Awaited<ReturnType<typeof makeSyncTest>>['db']): Promise<string> {
  const parts: unknown[] = [];
  for (const table of [
    'organizations',
    'customers',
    'invoices',
    'change_log',
    'sync_clients',
    'sync_results',
    'conflicts',
  ]) {
    parts.push((await sql.raw(`select * from ${table} order by 1, 2`).execute(db)).rows);
  }
  return JSON.stringify(parts);
}

const mutation = fc.record(
  {
    seq: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.string()),
    name: fc.oneof(
      fc.constantFrom('customer.create', 'invoice.patch', 'customer.patch', 'nope'),
      fc.string(),
    ),
    entityId: fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), fc.integer()),
    args: fc.oneof(fc.jsonValue(), fc.constant(customerArgs())),
    baseVersion: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.string()),
    extra: fc.string(),
  },
  { requiredKeys: [] },
);
const pushBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      clientId: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.integer()),
      mutations: fc.oneof(fc.array(mutation, { maxLength: 4 }), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);
const query = fc.dictionary(
  fc.constantFrom('cursor', 'limit', 'clientId', 'x'),
  fc.oneof(fc.string(), fc.nat().map(String)),
);

describe('sync endpoints under malformed input', () => {
  it('never answer 5xx; a refused push writes nothing', async () => {
    const { http, db, sync } = await makeSyncTest();
    sync.enqueue('customer.create', uuidv7(), customerArgs());
    await sync.push();
    await fc.assert(
      fc.asyncProperty(pushBody, query, fc.jsonValue(), async (body, q, resolveBody) => {
        const before = await snapshot(db);
        const push = await http.post('/api/sync/push', body);
        expect(push.status, JSON.stringify(body)).toBeLessThan(500);
        if (push.status >= 400) expect(await snapshot(db)).toBe(before);
        const pull = await http.get(`/api/sync/pull?${new URLSearchParams(q)}`);
        expect(pull.status, JSON.stringify(q)).toBeLessThan(500);
        const resolve = await http.post(`/api/conflicts/${uuidv7()}/resolve`, resolveBody);
        expect(resolve.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
