import { describe, expect, it } from 'vitest';
import { createZohoClient } from './client.js';
import { CrmError } from './errors.js';
import { retryAfterMs } from './http.js';
import { createFakeZoho, FAKE_SECRET } from './testing/fake-zoho.js';

const tooMany = {
  code: 'TOO_MANY_REQUESTS',
  details: {},
  message: 'too many requests',
  status: 'error',
};

function setup(options: { maxConcurrency?: number; retries?: number } = {}) {
  const fake = createFakeZoho();
  const waits: number[] = [];
  const crm = createZohoClient({
    accountsUrl: fake.accountsUrl,
    clientId: 'cid',
    clientSecret: FAKE_SECRET,
    refreshToken: 'rt',
    fetch: fake.fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { fake, crm, waits };
}

function contacts(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({ id: String(i + 1), Last_Name: `L${i + 1}` }));
}

describe('request core', () => {
  it('honours Retry-After on 429 (both rate-limit codes)', async () => {
    const { fake, crm, waits } = setup();
    fake.state.script.push(
      () => Response.json(tooMany, { status: 429, headers: { 'Retry-After': '7' } }),
      () =>
        Response.json(
          { ...tooMany, code: 'RATE_LIMIT_EXCEEDED' },
          { status: 429, headers: { 'Retry-After': '2' } },
        ),
    );
    await crm.org();
    expect(waits).toEqual([7000, 2000]);
    expect(crm.stats()).toEqual({ calls: 3, retries: 2, refreshes: 1 });
  });

  it('backs off exponentially with full jitter on 5xx and network errors', async () => {
    const { fake, crm, waits } = setup();
    fake.state.script.push(
      () =>
        Response.json(
          { code: 'INTERNAL_ERROR', details: {}, message: 'boom', status: 'error' },
          { status: 500 },
        ),
      () =>
        Response.json(
          { code: 'INTERNAL_ERROR', details: {}, message: 'boom', status: 'error' },
          { status: 503 },
        ),
    );
    let failNetwork = true;
    const flaky = createZohoClient({
      accountsUrl: fake.accountsUrl,
      clientId: 'c',
      clientSecret: FAKE_SECRET,
      refreshToken: 'rt',
      fetch: async (url, init) => {
        if (failNetwork && url.includes('/crm/v8/')) {
          failNetwork = false;
          throw new TypeError('fetch failed');
        }
        return fake.fetch(url, init);
      },
      sleep: async () => {},
    });
    await crm.org();
    expect(waits).toEqual([250, 500]); // 0.5 × 500·2^n
    await flaky.org();
    expect(flaky.stats().retries).toBe(1);
  });

  it('gives up after `retries` with a retryable CRM_RATE_LIMITED', async () => {
    const { fake, crm, waits } = setup({ retries: 2 });
    for (let i = 0; i < 3; i += 1)
      fake.state.script.push(() => Response.json(tooMany, { status: 429 }));
    const error = await crm.org().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'CRM_RATE_LIMITED',
      retryable: true,
      providerCode: 'TOO_MANY_REQUESTS',
      status: 429,
    });
    expect(waits).toHaveLength(2);
  });

  it('does not retry a 400 and maps the Zoho envelope', async () => {
    const { fake, crm } = setup();
    fake.state.script.push(() =>
      Response.json(
        {
          code: 'INVALID_MODULE',
          details: { resource_path_index: 0 },
          message: 'the module name given seems to be invalid',
          status: 'error',
        },
        { status: 400 },
      ),
    );
    await expect(crm.org()).rejects.toMatchObject({
      code: 'CRM_INVALID_REQUEST',
      providerCode: 'INVALID_MODULE',
      details: { resource_path_index: 0 },
    });
    expect(crm.stats().retries).toBe(0);
  });

  it('never has more than maxConcurrency requests in flight', async () => {
    const { fake, crm } = setup({ maxConcurrency: 3 });
    fake.state.apiDelayMs = 5;
    await Promise.all(Array.from({ length: 30 }, () => crm.org()));
    expect(fake.state.maxInFlight).toBe(3);
    expect(crm.stats().calls).toBe(30);
  });

  it('keeps the limit while retries are happening', async () => {
    const { fake, crm } = setup({ maxConcurrency: 2 });
    fake.state.apiDelayMs = 2;
    for (let i = 0; i < 10; i += 1)
      fake.state.script.push(() => Response.json(tooMany, { status: 429 }));
    await Promise.all(Array.from({ length: 12 }, () => crm.org()));
    expect(fake.state.maxInFlight).toBeLessThanOrEqual(2);
    expect(crm.stats()).toMatchObject({ calls: 22, retries: 10 });
  });
});

describe('listAll', () => {
  it('pages with `page` to 2,000 records, then `page_token`, yielding each record once', async () => {
    const { fake, crm } = setup();
    fake.state.records = contacts(4_500);
    const ids: string[] = [];
    for await (const record of crm.listAll('Contacts', { fields: ['Last_Name'] }))
      ids.push(String(record.id));
    expect(ids).toHaveLength(4_500);
    expect(new Set(ids).size).toBe(4_500);
    expect(ids[0]).toBe('1');
    expect(ids.at(-1)).toBe('4500');
    const queries = fake.state.requests.map(
      (r) => new URL(r.split(' ')[1] ?? '', 'http://x').searchParams,
    );
    expect(queries.slice(0, 10).map((q) => q.get('page'))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(queries.slice(10).map((q) => q.get('page_token'))).toEqual([
      'tok-offset-2000',
      'tok-offset-2200',
      ...Array.from({ length: 11 }, (_, i) => `tok-offset-${2400 + i * 200}`),
    ]);
    expect(queries.slice(10).every((q) => !q.has('page'))).toBe(true);
  });

  it('switches to page_token before crossing 2,000 with an odd per_page', async () => {
    const { fake, crm } = setup();
    fake.state.records = contacts(2_300);
    const ids: string[] = [];
    for await (const record of crm.listAll('Contacts', { fields: ['Last_Name'], perPage: 150 }))
      ids.push(String(record.id));
    expect(new Set(ids).size).toBe(2_300);
    expect(ids).toHaveLength(2_300);
  });

  it('treats 204 as an empty list and sends If-Modified-Since', async () => {
    const { fake, crm } = setup();
    let header: string | undefined;
    fake.state.script.push((c) => {
      header = c.req.header('if-modified-since');
      return new Response(null, { status: 204 });
    });
    const seen: unknown[] = [];
    for await (const record of crm.listAll('Contacts', {
      fields: ['Email'],
      modifiedSince: '2026-01-15T15:26:49+09:00',
    }))
      seen.push(record);
    expect(seen).toEqual([]);
    expect(header).toBe('2026-01-15T15:26:49+09:00');
  });
});

describe('writes', () => {
  it('a 207 batch returns per-record results in input order', async () => {
    const { fake, crm } = setup();
    fake.state.records = [{ id: '1', Last_Name: 'Old', Email: 'taken@x.in' }];
    const results = await crm.insert('Contacts', [
      { Last_Name: 'A', Email: 'a@x.in' },
      { Last_Name: 'B', Email: 'taken@x.in' },
      { Last_Name: 'C', Email: 'c@x.in' },
    ]);
    expect(results).toEqual([
      { ok: true, id: '1001' },
      {
        ok: false,
        code: 'DUPLICATE_DATA',
        message: 'duplicate data',
        details: { api_name: 'Email', json_path: '$.data[1].Email', id: '1' },
      },
      { ok: true, id: '1002' },
    ]);
  });

  it('batches by 100 and keeps order across batches; an all-failed 400 batch is per-record too', async () => {
    const { fake, crm } = setup();
    fake.state.records = [{ id: '1', Email: 'dup@x.in' }];
    const input = Array.from({ length: 250 }, (_, i) => ({
      Last_Name: `N${i}`,
      Email: i >= 200 ? 'dup@x.in' : `n${i}@x.in`,
    }));
    const results = await crm.insert('Contacts', input);
    expect(results).toHaveLength(250);
    expect(fake.state.requests.filter((r) => r.startsWith('POST'))).toHaveLength(3);
    expect(results.slice(0, 200).every((r) => r.ok)).toBe(true);
    expect(results.slice(200).every((r) => !r.ok && r.code === 'DUPLICATE_DATA')).toBe(true);
    expect(results[0]).toEqual({ ok: true, id: '1001' });
    expect(results[199]).toEqual({ ok: true, id: '1200' });
  });
});

describe('retryAfterMs', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['3', 3000],
    ['0', 0],
    ['Sun, 29 Nov 2026 04:00:10 GMT', 10_000],
    ['Sun, 29 Nov 2026 03:59:00 GMT', 0],
    ['soon', undefined],
  ])('%s → %s', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('Sun, 29 Nov 2026 04:00:00 GMT'))).toBe(expected);
  });
});
