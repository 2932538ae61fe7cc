import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { customerArgs, invoiceArgs, type InvoiceCreateArgs } from '@kanjo/core/testing';
import { uuidv7 } from '../src/ids';
import { Client } from './helpers';
import { makeSyncTest } from './sync-client';

/**
 * What the domain accepts at its two doors — the REST bodies and the sync
 * push — is one set of core schemas, so each bad value below is tried at both:
 * REST answers 400 naming the field, the push records the mutation as
 * rejected with the same reason, and nothing is written either way.
 */

const BAD_NAMES: [string, string, RegExp][] = [
  ['a NUL byte', 'Acme\u0000 KK', /control characters/],
  ['a right-to-left override', 'Acme\u202eKK', /bidirectional control/],
  ['a first-strong isolate', 'Acme\u2068KK', /bidirectional control/],
  ['CR LF', 'Acme\r\nKK', /single line/],
  ['a lone surrogate', 'Acme\ud800KK', /unpaired surrogate/],
];

async function customers(db: Awaited<ReturnType<typeof makeSyncTest>>['db']) {
  const res = await sql<{ n: number }>`select count(*) as n from customers`.execute(db);
  return res.rows[0]?.n;
}

function expectRefused(
  res: { status: number; json: Record<string, any> },
  path: string,
  reason?: RegExp,
) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error.code).toBe('VALIDATION_FAILED');
  const fields = res.json.error.details.fields as { path: string; message: string }[];
  const field = fields.find((entry) => entry.path === path);
  expect(field, JSON.stringify(fields)).toBeDefined();
  if (reason) expect(field?.message).toMatch(reason);
}

async function customerId(http: Client): Promise<string> {
  const res = await http.post('/api/customers', customerArgs());
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('text: names are one NFC line without control, bidi-control or unpaired-surrogate characters', () => {
  it.each(BAD_NAMES)(
    'REST refuses a customer name with %s (400 naming displayName)',
    async (_label, name, reason) => {
      const { http, db } = await makeSyncTest();
      const res = await http.post('/api/customers', customerArgs({ displayName: name }));
      expectRefused(res, 'displayName', reason);
      const patched = await http.patch(`/api/customers/${await customerId(http)}`, {
        contactPersons: [{ lastName: name }],
      });
      expectRefused(patched, 'contactPersons.0.lastName', reason);
      expect(await customers(db)).toBe(1);
    },
  );

  it.each(BAD_NAMES)(
    'the sync push rejects a customer name with %s, applying nothing',
    async (_label, name, reason) => {
      const { sync, db } = await makeSyncTest();
      sync.enqueue('customer.create', uuidv7(), customerArgs({ displayName: name }));
      sync.enqueue('customer.create', uuidv7(), customerArgs({ displayName: 'Fine KK' }));
      const res = await sync.push();
      expect(res.status).toBe(200);
      const [bad, good] = res.json.results;
      expect(bad).toMatchObject({ seq: 1, status: 'rejected', code: 'VALIDATION_FAILED' });
      expect(bad.message).toMatch(/displayName/);
      expect(bad.message).toMatch(reason);
      expect(good).toMatchObject({ seq: 2, status: 'applied' });
      expect(await customers(db)).toBe(1);
    },
  );

  it('stores a name typed in NFD as NFC, and notes with CRLF as LF (REST and push alike)', async () => {
    const { http, sync } = await makeSyncTest();
    const nfd = 'Cafe\u0301 Ha\u0308user';
    const created = await http.post(
      '/api/customers',
      customerArgs({ displayName: nfd, notes: 'line one\r\nline two' }),
    );
    expect(created.status).toBe(201);
    expect(created.json.displayName).toBe('Caf\u00e9 H\u00e4user');
    expect(created.json.notes).toBe('line one\nline two');
    const read = await http.get(`/api/customers/${created.json.id as string}`);
    expect(read.json.displayName).toBe('Caf\u00e9 H\u00e4user');
    const pushed = uuidv7();
    sync.enqueue('customer.create', pushed, customerArgs({ displayName: nfd }));
    expect((await sync.push()).json.results[0]).toMatchObject({ status: 'applied' });
    await sync.pullAll();
    expect(sync.row('customer', pushed).displayName).toBe('Caf\u00e9 H\u00e4user');
  });
});

describe('text in an email request: the subject is a header line, the message multi-line', () => {
  it.each([
    ['subject', 'Invoice\r\nBcc: victim@example.com', /single line/],
    ['subject', 'Invoice \u202eFDP.exe', /bidirectional control/],
    ['message', 'Hello\u0000', /control characters/],
  ])('refuses a %s of %j', async (field, value, reason) => {
    const { http } = await makeSyncTest();
    const quote = await http.post(
      '/api/quotes',
      invoiceArgs(await customerId(http), { dueDate: undefined }),
    );
    const res = await http.post(`/api/quotes/${quote.json.id as string}/email`, {
      to: ['buyer@example.com'],
      [field]: value,
    });
    expectRefused(res, field, reason);
  });
});

describe('names outside core’s records: the organization at sign-up, a member', () => {
  it('refuses an organization name with a bidi override or a line break, and keeps NFC', async () => {
    const { app } = await makeSyncTest();
    const body = (organizationName: string) => ({
      organizationName,
      email: `o-${uuidv7()}@example.com`,
      password: 'correct horse battery',
      baseCurrency: 'JPY',
    });
    const signUpWith = (name: string) => new Client(app).post('/api/auth/signup', body(name));
    expectRefused(await signUpWith('Acme\u202eKK'), 'organizationName', /bidirectional/);
    expectRefused(await signUpWith('Acme\r\nKK'), 'organizationName', /single line/);
    expectRefused(await signUpWith('  '), 'organizationName', /Enter a name/);
    const ok = await signUpWith('Cafe\u0301 KK');
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json.organization.name).toBe('Caf\u00e9 KK');
  });

  it('refuses a member’s name with a NUL byte', async () => {
    const { http } = await makeSyncTest();
    const invite = { email: `m-${uuidv7()}@example.com`, role: 'sales', name: 'Bob\u0000' };
    expectRefused(await http.post('/api/users', invite), 'name', /control characters/);
  });
});

describe('a person’s own name', () => {
  it('is one NFC line too', async () => {
    const { http } = await makeSyncTest();
    expectRefused(
      await http.patch('/api/me', { name: 'Ada\u202eecalovel' }),
      'name',
      /bidirectional/,
    );
    expectRefused(await http.patch('/api/me', { name: 'Ada\nLovelace' }), 'name', /single line/);
    const ok = await http.patch('/api/me', { name: 'Zoe\u0308' });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect((await http.get('/api/me')).json.user.name).toBe('Zo\u00eb');
  });
});

describe('dates: real calendar dates from 1900-01-01 to 2999-12-31', () => {
  it.each([
    ['issueDate', '0000-01-01', /1900-01-01 to 2999-12-31/],
    ['issueDate', '3000-01-01', /1900-01-01 to 2999-12-31/],
    ['dueDate', '2026-02-30', /real date/],
  ])('REST and push refuse %s %s', async (field, date, reason) => {
    const { http, sync, db } = await makeSyncTest();
    const customer = await customerId(http);
    const body = invoiceArgs(customer, { issueDate: '2026-01-01', [field]: date });
    expectRefused(await http.post('/api/invoices', body), field, reason);
    sync.enqueue('invoice.create', uuidv7(), body);
    const [result] = (await sync.push()).json.results;
    expect(result).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    expect(result.message).toMatch(new RegExp(`${field}: `));
    const invoices = await sql<{ n: number }>`select count(*) as n from invoices`.execute(db);
    expect(invoices.rows[0]?.n).toBe(0);
  });
});

describe('ids: URL-safe record ids everywhere, UUIDs for new rows', () => {
  it.each([
    ['a lone surrogate', 'a\ud800b'],
    ['a NUL byte', 'ab\u0000'],
    ['a slash', '../customers'],
    ['not a UUID', 'customer-1'],
    ['an upper-case UUID', '0190D6E4-7B1C-7C3E-9F2A-1B2C3D4E5F60'],
  ])(
    'a push creating a row with an id with %s is rejected and never applied',
    async (_label, id) => {
      const { sync, db } = await makeSyncTest();
      sync.enqueue('customer.create', id, customerArgs());
      const res = await sync.push();
      expect(res.status).toBe(200);
      expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
      expect(res.json.results[0].message).toMatch(/entityId: /);
      expect(await customers(db)).toBe(0);
    },
  );

  it.each([
    ['a lone surrogate', 'a\ud800b'],
    ['not a UUID', 'customer-1'],
  ])('REST refuses a body id with %s (400 naming id)', async (_label, id) => {
    const { http, db } = await makeSyncTest();
    expectRefused(await http.post('/api/customers', { ...customerArgs(), id }), 'id');
    expect(await customers(db)).toBe(0);
  });

  it('refuses malformed references inside documents, naming the field', async () => {
    const { http, sync } = await makeSyncTest();
    const customer = await customerId(http);
    const cases: [Partial<InvoiceCreateArgs>, string][] = [
      [{ customerId: 'a\ud800b' }, 'customerId'],
      [{ dealId: 'deal\u202e1' }, 'dealId'],
      [{ lines: [{ id: 'l\u0000', name: 'Work', quantity: '1', rate: 1 }] }, 'lines.0.id'],
      [{ lines: [{ itemId: 'x y', name: 'Work', quantity: '1', rate: 1 }] }, 'lines.0.itemId'],
    ];
    for (const [fields, path] of cases) {
      const body = invoiceArgs(customer, fields);
      expectRefused(await http.post('/api/invoices', body), path);
      sync.enqueue('invoice.create', uuidv7(), body);
    }
    const results = (await sync.push()).json.results as { status: string; message: string }[];
    expect(results.map((result) => result.status)).toEqual(cases.map(() => 'rejected'));
    results.forEach((result, index) => expect(result.message).toContain(`${cases[index]?.[1]}: `));
  });

  it('answers 404 for a malformed id in the path, as for an unknown one', async () => {
    const { http } = await makeSyncTest();
    const customer = await customerId(http);
    for (const id of ['a%20b', '%E2%80%AE', 'x'.repeat(65), '%00']) {
      for (const res of [
        await http.get(`/api/customers/${id}`),
        await http.patch(`/api/customers/${id}`, { displayName: 'X' }),
        await http.delete(`/api/customers/${id}`),
        await http.post(`/api/invoices/${id}/issue`),
      ]) {
        expect(res.status, id).toBe(404);
        expect(res.json.error.code).toBe('NOT_FOUND');
      }
    }
    const listed = await http.get('/api/invoices?customerId=a%00b');
    expectRefused(listed, 'customerId');
    expect((await http.get(`/api/invoices?customerId=${customer}`)).status).toBe(200);
  });

  it('a conversion’s new id must be a UUID too', async () => {
    const { http } = await makeSyncTest();
    const customer = await customerId(http);
    const quote = await http.post('/api/quotes', invoiceArgs(customer, { dueDate: undefined }));
    expect(quote.status, JSON.stringify(quote.json)).toBe(201);
    const res = await http.post(`/api/quotes/${quote.json.id as string}/convert`, {
      to: 'invoice',
      targetId: 'inv-1',
    });
    expectRefused(res, 'targetId');
  });
});
