import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/coql';
import { setupEmulator } from './support';

async function setup(opts: Parameters<typeof setupEmulator>[0] = {}) {
  const t = await setupEmulator(opts);
  const query = async (select_query: string) => {
    const { status, json } = await t.call('POST', '/coql', { select_query });
    return { status, json };
  };
  return { ...t, query };
}

describe('COQL parser', () => {
  it('reads select, from, where, order by and limit, keywords in any case', () => {
    expect(
      parseQuery(
        "SELECT Last_Name, Account_Name.Account_Name FROM Contacts WHERE Email = 'a@b.c' ORDER BY Last_Name DESC, id LIMIT 10 OFFSET 20",
      ),
    ).toEqual({
      fields: ['Last_Name', 'Account_Name.Account_Name'],
      module: 'Contacts',
      where: { kind: 'compare', field: 'Email', op: '=', value: 'a@b.c' },
      orderBy: [
        { field: 'Last_Name', descending: true },
        { field: 'id', descending: false },
      ],
      limit: 10,
      offset: 20,
    });
  });

  it.each([
    ["a like '%x%'", { kind: 'like', field: 'a', pattern: '%x%', negate: false }],
    ["a not like 'x%'", { kind: 'like', field: 'a', pattern: 'x%', negate: true }],
    ["a in ('x', 2)", { kind: 'in', field: 'a', values: ['x', 2], negate: false }],
    ["a not in ('x')", { kind: 'in', field: 'a', values: ['x'], negate: true }],
    ['a is null', { kind: 'null', field: 'a', negate: false }],
    ['a is not null', { kind: 'null', field: 'a', negate: true }],
    ["a between '1' and '5'", { kind: 'between', field: 'a', low: '1', high: '5', negate: false }],
    ['a <> -1.5', { kind: 'compare', field: 'a', op: '!=', value: -1.5 }],
    ['a >= 3', { kind: 'compare', field: 'a', op: '>=', value: 3 }],
    ['a = true', { kind: 'compare', field: 'a', op: '=', value: true }],
    ["a = 'it''s'", { kind: 'compare', field: 'a', op: '=', value: "it's" }],
  ])('reads the condition %s', (condition, expected) => {
    expect(parseQuery(`select a from M where ${condition}`).where).toEqual(expected);
  });

  it('binds and tighter than or, and honours parentheses', () => {
    const c = (field: string) => ({ kind: 'compare', field, op: '=', value: 1 });
    expect(parseQuery('select a from M where a = 1 or b = 1 and c = 1').where).toEqual({
      kind: 'or',
      left: c('a'),
      right: { kind: 'and', left: c('b'), right: c('c') },
    });
    expect(parseQuery('select a from M where (a = 1 or b = 1) and c = 1').where).toEqual({
      kind: 'and',
      left: { kind: 'or', left: c('a'), right: c('b') },
      right: c('c'),
    });
  });

  it('defaults to limit 200 offset 0 and reads limit offset, count', () => {
    expect(parseQuery('select a from M where a = 1')).toMatchObject({ limit: 200, offset: 0 });
    expect(parseQuery('select a from M where a = 1 limit 40, 10')).toMatchObject({
      limit: 10,
      offset: 40,
    });
  });

  it.each([
    'select a from M',
    'select from M where a = 1',
    'select a M where a = 1',
    "select a from M where a = 'open",
    'select a from M where a == 1',
    'select a from M where (a = 1',
    'select a from M where a = 1 limit ten',
    'select a from M where a = 1 group by a',
    'select a from M where a not = 1',
    'select a from M where a = 1 ; drop',
  ])('refuses %s with SYNTAX_ERROR', (text) => {
    expect(() => parseQuery(text)).toThrow(expect.objectContaining({ code: 'SYNTAX_ERROR' }));
  });
});

describe('POST /coql', () => {
  it('selects the asked columns plus id where the condition holds', async () => {
    const t = await setup({ seed: 'demo' });
    const res = await t.query(
      "select Account_Name, Industry from Accounts where Industry = 'retail'",
    );
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual([
      { Account_Name: 'Acme Trading', Industry: 'Retail', id: expect.any(String) },
    ]);
    expect(res.json.info).toEqual({ count: 1, more_records: false });
  });

  it('orders, then applies limit and offset (both spellings)', async () => {
    const t = await setup({ seed: 30 });
    const q =
      "select Account_Name from Accounts where Account_Name like 'Account%' order by Account_Name desc";
    const names = (res: { json: any }) => res.json.data.map((r: any) => r.Account_Name);
    const page = await t.query(`${q} limit 3 offset 2`);
    expect(names(page)).toEqual(['Account 00028', 'Account 00027', 'Account 00026']);
    expect(page.json.info.more_records).toBe(true);
    expect(names(await t.query(`${q} limit 2, 3`))).toEqual(names(page));
    const last = await t.query(`${q} limit 5 offset 25`);
    expect(last.json.info).toEqual({ count: 5, more_records: false });
  });

  it('returns 200 rows by default, id ascending', async () => {
    const t = await setup({ seed: 250 });
    const res = await t.query('select Account_Number from Accounts where id is not null');
    expect(res.json.info).toEqual({ count: 200, more_records: true });
    expect(res.json.data[0].Account_Number).toBe('A-1');
    expect(res.json.data[199].Account_Number).toBe('A-200');
  });

  it('combines in, not in, between, is null, or and parentheses', async () => {
    const t = await setup({ seed: 'demo' });
    const names = async (where: string) =>
      ((await t.query(`select Deal_Name from Deals where ${where}`)).json?.data ?? []).map(
        (r: any) => r.Deal_Name,
      );
    expect(await names("Stage in ('Closed Won', 'Closed Lost')")).toEqual(['Globex renewal']);
    expect(await names("Stage not in ('Closed Won')")).toEqual(['Acme rollout']);
    expect(await names('Amount between 100000 and 1000000')).toEqual(['Acme rollout']);
    expect(await names('Contact_Name is null')).toEqual(['Acme rollout', 'Globex renewal']);
    expect(
      await names("(Probability >= 50 or Deal_Name like '%rollout') and Amount < 600000"),
    ).toEqual(['Acme rollout', 'Globex renewal']);
    expect(await names("Closing_Date < '2026-02-01'")).toEqual(['Globex renewal']);
  });

  it('reads a lookup as { id } and a field through it', async () => {
    const t = await setup({ seed: 'demo' });
    const res = await t.query(
      "select Last_Name, Account_Name, Account_Name.Account_Name from Contacts where Account_Name.Account_Name = 'Acme Trading'",
    );
    expect(res.json.data).toEqual([
      {
        Last_Name: 'Sato',
        Account_Name: { id: expect.any(String) },
        'Account_Name.Account_Name': 'Acme Trading',
        id: expect.any(String),
      },
    ]);
  });

  it('compares Modified_Time as an instant, whatever the offset', async () => {
    const t = await setup();
    await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Early' }] });
    t.advance(1800);
    await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Late' }] });
    // 06:15Z written as 15:15+09:00: only the record written at 06:30Z is after it.
    const res = await t.query(
      "select Account_Name from Accounts where Modified_Time > '2026-01-15T15:15:00+09:00'",
    );
    expect(res.json.data.map((r: any) => r.Account_Name)).toEqual(['Late']);
  });

  it('sees a record at once, and skips deleted ones', async () => {
    const t = await setup({ options: { searchDelaySeconds: 60 } });
    const made = await t.call('POST', '/Accounts', { data: [{ Account_Name: 'Fresh' }] });
    const id = made.json.data[0].details.id;
    expect((await t.call('GET', '/Accounts/search?word=Fresh')).status).toBe(204);
    expect((await t.query(`select id from Accounts where id = '${id}'`)).json.data).toEqual([
      { id },
    ]);
    await t.call('DELETE', `/Accounts?ids=${id}`);
    expect((await t.query(`select id from Accounts where id = '${id}'`)).status).toBe(204);
  });

  it('answers 204 with no body when nothing matched', async () => {
    const t = await setup({ seed: 'demo' });
    const res = await t.query("select id from Accounts where Account_Name = 'Nobody'");
    expect(res).toEqual({ status: 204, json: undefined });
  });

  it('refuses limit 2,001 and a reach past 100,000 with LIMIT_EXCEEDED', async () => {
    const t = await setup();
    const over = await t.query('select id from Accounts where id is not null limit 2001');
    expect(over.status).toBe(400);
    expect(over.json).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 2000 } });
    const far = await t.query('select id from Accounts where id is not null limit 99000, 2000');
    expect(far.json).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 100000 } });
  });

  it('refuses malformed text and a missing where with SYNTAX_ERROR', async () => {
    const t = await setup();
    for (const q of [
      'select id from Accounts',
      "select id from Accounts where Account_Name = 'x",
    ]) {
      const res = await t.query(q);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 'SYNTAX_ERROR', status: 'error' });
    }
    expect((await t.call('POST', '/coql', {})).json.code).toBe('REQUIRED_PARAM_MISSING');
  });

  it('refuses an unknown column or module with INVALID_QUERY naming it', async () => {
    const t = await setup();
    const column = await t.query("select Nope from Accounts where Account_Name = 'x'");
    expect(column.status).toBe(400);
    expect(column.json).toMatchObject({
      code: 'INVALID_QUERY',
      details: { column_name: 'Nope', clause: 'select' },
    });
    const inWhere = await t.query("select id from Accounts where Account_Name.x = 'x'");
    expect(inWhere.json.details).toMatchObject({ column_name: 'Account_Name.x', clause: 'where' });
    const module = await t.query("select id from Widgets where id = '1'");
    expect(module.json).toMatchObject({ code: 'INVALID_QUERY', details: { module: 'Widgets' } });
  });

  it('refuses a value the column cannot hold', async () => {
    const t = await setup();
    const res = await t.query("select id from Accounts where Modified_Time > 'yesterday'");
    expect(res.json).toMatchObject({
      code: 'INVALID_QUERY',
      details: { column_name: 'Modified_Time' },
    });
  });
});
