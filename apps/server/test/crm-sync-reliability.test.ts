import { describe, expect, it } from 'vitest';
import { INBOUND_ATTEMPTS } from '../src/crm/sync/inbound-failures';
import { useSyncContexts, type RunDetail, type SyncContext } from './crm-sync-setup';

/** No duplicates under retries, partial batch failures, dry run, items ↔ Products and refusals. */

const context = useSyncContexts();

const count = async (s: SyncContext, table: string) =>
  (await s.t.sql.one<{ n: number }>(`SELECT cast(count(*) AS integer) AS n FROM ${table}`))?.n;

async function addCustomers(s: SyncContext, names: string[], extra: object = {}) {
  const ids: string[] = [];
  for (const displayName of names) {
    const res = await s.owner.post('/api/customers', { kind: 'business', displayName, ...extra });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    ids.push(String(res.json.id));
  }
  return ids;
}

describe('no duplicate CRM records under retries and lost answers', () => {
  it('maps every customer to exactly one account when upsert answers are lost and 500s happen', async () => {
    const s = await context();
    const names = Array.from({ length: 30 }, (_, i) => `Retry Co ${i + 1}`);
    await addCustomers(s, names);
    await s.call('POST', '/__emulator/faults', {
      seed: 7,
      rules: [{ route: 'POST /crm/v8/{module}/upsert', dropAfterWrite: 0.6, error500: 0.2 }],
    });

    for (let attempt = 0; attempt < 4 && (await s.links()).length < names.length; attempt += 1) {
      await s.sync();
    }
    const stats = (await s.call('GET', '/__emulator/stats')) as {
      faults: { dropped: number; '500': number };
    };
    await s.call('DELETE', '/__emulator/faults');

    expect(stats.faults.dropped + stats.faults['500']).toBeGreaterThan(0);
    const accounts = await s.accounts();
    for (const name of names) {
      expect(
        accounts.filter((a) => a.Account_Name === name),
        name,
      ).toHaveLength(1);
    }
    expect(accounts).toHaveLength(names.length);
    const links = await s.links();
    expect(new Set(links.map((l) => l.crm_id)).size).toBe(names.length);
  });
});

describe('partial batch failures are neither lost nor resent', () => {
  it('links the valid records, keeps the 3 refused with the CRM code, and resends only those', async () => {
    const s = await context({
      settings: (settings) =>
        settings.customers.mapping.accounts.push({ kanjo: 'customFields.code', crm: 'Kanjo_Code' }),
    });
    const org = await s.owner.patch('/api/organization', {
      customerFields: [{ key: 'code', label: 'Code', type: 'text' }],
    });
    expect(org.status, JSON.stringify(org.json)).toBe(200);
    await s.call('POST', '/__emulator/fields', {
      module: 'Accounts',
      api_name: 'Kanjo_Code',
      data_type: 'text',
      length: 10,
    });
    const good = await addCustomers(
      s,
      Array.from({ length: 7 }, (_, i) => `Good ${i}`),
      { customFields: { code: 'OK' } },
    );
    const bad = await addCustomers(s, ['Bad 1', 'Bad 2', 'Bad 3'], {
      customFields: { code: 'FAR-TOO-LONG-FOR-THE-CRM' },
    });

    const first = await s.sync();
    expect(first.run.counts.customer).toMatchObject({ pushed: 7, failed: 3 });
    const failed = first.items.filter((i) => i.action === 'failed');
    expect(failed.map((i) => i.localId).sort()).toEqual([...bad].sort());
    expect(failed.every((i) => i.errorCode === 'INVALID_DATA')).toBe(true);
    expect((await s.links()).map((l) => l.local_id).sort()).toEqual([...good].sort());
    expect(await count(s, 'crm_outbox')).toBe(3);

    const upserts = async () => (await s.calls())['POST /crm/v8/Accounts/upsert'] ?? 0;
    const before = await upserts();
    const second = await s.sync();
    expect(await upserts()).toBe(before + 1);
    const sent = second.items.filter((i) => i.direction === 'outbound');
    expect(sent.map((i) => i.localId).sort()).toEqual([...bad].sort());
    expect(sent.every((i) => i.action === 'failed')).toBe(true);
    const attempts = await s.t.sql.all<{ attempts: number }>('SELECT attempts FROM crm_outbox');
    expect(attempts.map((a) => a.attempts)).toEqual([2, 2, 2]);

    for (const id of bad) {
      await s.owner.patch(`/api/customers/${id}`, { customFields: { code: 'FIXED' } });
    }
    const third = await s.sync();
    expect(third.run.counts.customer).toMatchObject({ pushed: 3, failed: 0 });
    expect(await count(s, 'crm_outbox')).toBe(0);
    expect(await s.accounts()).toHaveLength(10);
  });
});

describe('dry run', () => {
  it('reports what a sync would do and writes nothing anywhere', async () => {
    const s = await context({ seed: 'demo' });
    await addCustomers(s, ['Kanjo Side KK']);
    const outbox = await count(s, 'crm_outbox');
    const seq = await s.t.sql.one('SELECT seq FROM organizations');
    const writes = await s.writeCalls();

    const { run, items } = await s.sync({ dryRun: true });
    expect(run).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(run.counts.customer).toMatchObject({ added: 3, pushed: 1 });
    expect(items.filter((i) => i.action === 'added')).toHaveLength(3);
    expect(await s.writeCalls()).toBe(writes);
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['Kanjo Side KK']);
    expect(await count(s, 'crm_links')).toBe(0);
    expect(await count(s, 'crm_cursors')).toBe(0);
    expect(await count(s, 'crm_outbox')).toBe(outbox);
    expect(await s.t.sql.one('SELECT seq FROM organizations')).toEqual(seq);

    const real = await s.sync();
    expect(real.run.counts.customer).toMatchObject({ added: 3, pushed: 1 });
  });
});

describe('items ↔ Products', () => {
  it('imports products with Unit_Price as JPY rates and sends Kanjo items as products', async () => {
    const s = await context({
      seed: 'demo',
      settings: (settings) => (settings.items.mode = 'both'),
    });
    const pen = await s.owner.post('/api/items', { name: 'Pen', rate: 1500, sku: 'PEN-1' });
    expect(pen.status, JSON.stringify(pen.json)).toBe(201);

    const { run } = await s.sync();
    expect(run.counts.item).toMatchObject({ added: 2, pushed: 1, failed: 0 });
    const items = await s.items();
    expect(items.find((i) => i.name === 'Consulting hour')).toMatchObject({
      rate: 15000,
      sku: 'SVC-1',
      active: true,
    });
    expect((await s.products()).find((p) => p.Product_Name === 'Pen')).toMatchObject({
      Unit_Price: 1500,
      Product_Code: 'PEN-1',
    });

    await s.owner.patch(`/api/items/${String(pen.json.id)}`, { rate: 1800 });
    await s.sync();
    expect((await s.products()).find((p) => p.Product_Name === 'Pen')?.Unit_Price).toBe(1800);
    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });
});

describe('a CRM record that can never come in', () => {
  it(`holds the cursor for ${INBOUND_ATTEMPTS} runs, then the sync goes past it; fixed in the CRM, it comes in`, async () => {
    let now = Date.parse('2026-11-01T09:00:00Z');
    const s = await context({ emulatorClock: () => new Date(now) });
    const crm = await s.crm();
    const insert = async (name: string) => {
      now += 5_000;
      const [result] = await crm.insert('Accounts', [{ Account_Name: name }]);
      if (!result?.ok) throw new Error(`insert ${name}`);
      return result.id;
    };
    // Kanjo's names have at most 200 characters; the CRM took this one.
    const bad = await insert('Too Long '.repeat(30));
    await insert('Good One');
    const cursor = async () =>
      (
        await s.t.sql.one<{ modified_since: string | null }>(
          "SELECT modified_since FROM crm_cursors WHERE crm_module = 'Accounts'",
        )
      )?.modified_since ?? null;
    const badTime = String(
      (await crm.getRecord('Accounts', bad, ['Modified_Time']))?.Modified_Time,
    );
    const failures = (d: RunDetail) =>
      d.items.filter((i) => i.crmId === bad && i.action === 'failed');

    for (let run = 1; run <= INBOUND_ATTEMPTS; run += 1) {
      const detail = await s.sync();
      expect(failures(detail), `run ${run}`).toEqual([
        expect.objectContaining({ errorCode: 'VALIDATION_FAILED' }),
      ]);
      const [failure] = failures(detail);
      if (run < INBOUND_ATTEMPTS) {
        // The cursor waits before it, so the next run reads it again.
        const at = await cursor();
        expect(at === null || Date.parse(at) < Date.parse(badTime)).toBe(true);
        expect(failure?.reason).toBeNull();
      } else {
        expect(failure?.reason).toMatch(/goes on past it/);
      }
    }
    expect(Date.parse((await cursor()) ?? '')).toBeGreaterThan(Date.parse(badTime));
    expect(await count(s, 'crm_inbound_failures')).toBe(1);

    await insert('Later One');
    const after = await s.sync();
    expect(failures(after)).toEqual([]);
    expect(after.items).toEqual([
      expect.objectContaining({ action: 'added', changes: expect.anything() }),
    ]);
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'Good One',
      'Later One',
    ]);

    now += 5_000;
    await crm.update('Accounts', [{ id: bad, Account_Name: 'Fixed Name' }]);
    const fixed = await s.sync();
    expect(fixed.items).toContainEqual(expect.objectContaining({ crmId: bad, action: 'added' }));
    expect(await count(s, 'crm_inbound_failures')).toBe(0);
  });
});

describe('refusals', () => {
  it('refuses while paused or disabled, without calling the CRM', async () => {
    const s = await context({ seed: 'demo' });
    expect((await s.owner.post('/api/crm/pause', {})).status).toBe(200);
    const before = await s.calls();
    const paused = await s.owner.post('/api/crm/sync', {});
    expect(paused.status).toBe(409);
    expect(paused.json).toMatchObject({ error: { code: 'CRM_SYNC_PAUSED' } });
    expect(await s.calls()).toEqual({ ...before, 'GET /__emulator/stats': expect.any(Number) });

    expect((await s.owner.post('/api/crm/resume', {})).status).toBe(200);
    expect((await s.owner.post('/api/crm/connection/disable', {})).status).toBe(200);
    const calls = await s.calls();
    const disabled = await s.owner.post('/api/crm/sync', {});
    expect(disabled.status).toBe(409);
    expect(disabled.json).toMatchObject({ error: { code: 'CRM_DISABLED' } });
    const after = await s.calls();
    expect({ ...after, 'GET /__emulator/stats': 0 }).toEqual({
      ...calls,
      'GET /__emulator/stats': 0,
    });
    expect(await count(s, 'crm_runs')).toBe(0);
  });

  it('lets members read the history but only owners and admins start a sync', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const invite = await s.owner.post('/api/users', { email: 'sales@example.com', role: 'sales' });
    const { Client } = await import('./helpers');
    const sales = new Client(s.t.app);
    await sales.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: 'a long enough password',
    });
    expect((await sales.post('/api/crm/sync', {})).status).toBe(403);
    const runs = await sales.get('/api/crm/runs');
    expect(runs.status).toBe(200);
    expect(runs.json.runs).toHaveLength(1);
  });
});

describe('echo suppression', () => {
  it('does not queue writes that came from the CRM', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    expect(await count(s, 'crm_outbox')).toBe(0);
    const acme = (await s.customers()).find((c) => c.displayName === 'Acme Trading');
    await s.owner.patch(`/api/customers/${String(acme?.id)}`, { notes: 'VIP' });
    expect(await count(s, 'crm_outbox')).toBe(1);
    // A change outside the mapping is not queued.
    await s.owner.patch(`/api/customers/${String(acme?.id)}`, { paymentTermsDays: 30 });
    await s.sync();
    expect(await count(s, 'crm_outbox')).toBe(0);
    await s.owner.patch(`/api/customers/${String(acme?.id)}`, { paymentTermsDays: 45 });
    expect(await count(s, 'crm_outbox')).toBe(0);
  });
});
