import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CRM_SYNC_SETTINGS, type CrmSyncSettings } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { startEmbeddedEmulator } from '../src/crm/embedded-emulator';
import { createSecretBox } from '../src/crm/secret-box';
import { wantedModules } from '../src/crm/notifications/maintain';
import { NotifiedRunQueue } from '../src/crm/notifications/queue';
import { CrmPushTrigger } from '../src/crm/sync/push-trigger';
import { CrmSyncRunner } from '../src/crm/sync/run';
import { scheduleCrmSync } from '../src/crm/sync/scheduler';
import { DEMO_EMAIL, seedDemo } from '../src/demo/seed';
import { uuidv7 } from '../src/ids';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { Client, TEST_SECRET_KEY, makeTestApp } from './helpers';
import { useHookServers } from './hook-server';

/** Connected is not set up: nothing syncs until an owner or admin saves the sync rules. */

const HOUR = 3_600_000;
const context = useSyncContexts();
const serveHooks = useHookServers();

/**
 * The app as main.ts builds it over the context's database: one runner shared
 * by the routes, the interval scheduler (driven by `tick`), the push trigger
 * and the notification queue, with a callback address so channels are kept.
 */
async function wired(s: SyncContext) {
  const runner = new CrmSyncRunner();
  const queue = new NotifiedRunQueue({ runner });
  const { deps } = await serveHooks(s, { runner, queue });
  const push = new CrmPushTrigger({ deps, runner, delayMs: 60_000 });
  const app = createApp({ ...deps, crmSyncRunner: runner, crmPush: push });
  const owner = new Client(app);
  owner.cookie = s.owner.cookie;
  const scheduler = scheduleCrmSync({ deps, runner });
  scheduler.stop(); // the test drives `tick` itself
  return { deps, runner, queue, push, owner, tick: scheduler.tick };
}

const runs = (s: SyncContext) =>
  s.t.sql.all<{ trigger: string; dryRun: number; status: string }>(
    'SELECT trigger, dry_run AS "dryRun", status FROM crm_runs ORDER BY started_at, id',
  );

const channelCount = async (s: SyncContext) =>
  (await s.t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_channels'))?.n;

const outboxCount = async (s: SyncContext) =>
  (await s.t.sql.one<{ n: number }>('SELECT cast(count(*) AS integer) AS n FROM crm_outbox'))?.n;

function rules(change: (settings: CrmSyncSettings) => void = () => undefined) {
  const settings = structuredClone(DEFAULT_CRM_SYNC_SETTINGS);
  change(settings);
  return { settings };
}

async function crmAccount(s: SyncContext, name: string): Promise<void> {
  const [result] = await (await s.crm()).insert('Accounts', [{ Account_Name: name }]);
  expect(result?.ok, JSON.stringify(result)).toBe(true);
}

describe('nothing syncs before setup', () => {
  it('a fresh connection is not set up: no interval run, channel, push run or notified run, and Sync now is refused', async () => {
    const s = await context({ setUp: false });
    await crmAccount(s, 'CRM Only K.K.');
    const w = await wired(s);

    const state = await w.owner.get('/api/crm/settings');
    expect(state.status).toBe(200);
    expect(state.json.setup).toBe('pending');

    // The interval poll: a never-synced organization would be due at once, and again an hour on.
    expect((await w.tick()).started).toEqual([]);
    s.t.clock.advance(HOUR);
    expect((await w.tick()).started).toEqual([]);
    expect(await channelCount(s)).toBe(0);

    // A Kanjo write queues the customer for the CRM, but the push trigger starts nothing.
    const made = await w.owner.post('/api/customers', { kind: 'business', displayName: 'Local' });
    expect(made.status).toBe(201);
    expect(await outboxCount(s)).toBe(1);
    expect(await w.push.fire(s.organizationId)).toBeUndefined();

    // A notification (as if a channel had called) hands nothing to the runner that runs.
    w.queue.add(w.deps, s.organizationId, { module: 'Accounts', ids: ['1'], operation: 'update' });
    await w.queue.settled();

    const manual = await w.owner.post('/api/crm/sync', {});
    expect(manual.status).toBe(409);
    expect(manual.json.error.code).toBe('CRM_NOT_SET_UP');
    expect(manual.json.error.message).toMatch(/sync rules/);

    expect(await runs(s)).toEqual([]);
    expect(await s.links()).toEqual([]);
    expect((await s.accounts()).map((a) => a.Account_Name)).toEqual(['CRM Only K.K.']);
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['Local']);
  });

  it('a dry run is allowed before setup and writes nothing, nor counts as the first run', async () => {
    const s = await context({ setUp: false });
    await crmAccount(s, 'CRM Only K.K.');
    const w = await wired(s);
    expect(
      (await w.owner.post('/api/customers', { kind: 'business', displayName: 'Local' })).status,
    ).toBe(201);

    const started = await w.owner.post('/api/crm/sync', { dryRun: true });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const dry = await s.finished(String(started.json.runId));
    expect(dry.run).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(dry.items.length).toBeGreaterThan(0);

    expect((await w.tick()).started).toEqual([]);
    expect(await runs(s)).toEqual([{ trigger: 'manual', dryRun: 1, status: 'succeeded' }]);
    expect(await s.links()).toEqual([]);
    expect((await s.accounts()).map((a) => a.Account_Name)).toEqual(['CRM Only K.K.']);
    expect((await w.owner.get('/api/crm/settings')).json.setup).toBe('pending');
  });

  it('saving the rules for the first time sets the CRM up: the next tick runs and keeps channels', async () => {
    const s = await context({ setUp: false });
    await crmAccount(s, 'CRM Only K.K.');
    const w = await wired(s);
    expect((await w.tick()).started).toEqual([]);

    const saved = await w.owner.put('/api/crm/settings', rules());
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.setup).toBe('done');

    expect((await w.tick()).started).toHaveLength(1);
    expect(await runs(s)).toEqual([{ trigger: 'interval', dryRun: 0, status: 'succeeded' }]);
    expect(await channelCount(s)).toBeGreaterThan(0);
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['CRM Only K.K.']);
    expect((await w.owner.post('/api/crm/sync', {})).status).toBe(202);
  });

  it('the demo organization is connected with its ready-made rules saved', async () => {
    const t = await makeTestApp();
    await seedDemo(t.deps, { now: t.clock.now(), newId: () => uuidv7() });
    const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-demo-rules-'));
    const deps = {
      db: t.db,
      clock: t.deps.clock,
      secrets: createSecretBox(TEST_SECRET_KEY),
      log: t.deps.log,
    };
    const crm = await startEmbeddedEmulator({ dataDir, port: 0, demoEmail: DEMO_EMAIL, deps });
    try {
      const row = await t.sql.one<{ settings: string | null; setup_at: string | null }>(
        `SELECT s.settings, s.setup_at FROM crm_settings s
         JOIN users u ON u.organization_id = s.organization_id WHERE u.email = ?`,
        DEMO_EMAIL,
      );
      expect(row?.setup_at).not.toBeNull();
      expect(JSON.parse(row?.settings ?? 'null')).toEqual(DEFAULT_CRM_SYNC_SETTINGS);
    } finally {
      await crm?.close();
    }
  });
});

describe('a chosen CRM view that disappears from the CRM', () => {
  it('is said once in the history, its module waits, and saving another view resumes it', async () => {
    const s = await context();
    const made = await s.call('POST', '/__emulator/views', { module: 'Accounts', name: 'Key' });
    const view = String(made.id);
    const chosen = await s.owner.put(
      '/api/crm/settings',
      rules((r) => (r.customers.views.accounts = view)),
    );
    expect(chosen.status, JSON.stringify(chosen.json)).toBe(200);
    await crmAccount(s, 'Alpha K.K.');
    expect((await s.sync()).run.status).toBe('succeeded');
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['Alpha K.K.']);

    await s.call('DELETE', `/__emulator/views/${view}`);
    await crmAccount(s, 'Beta K.K.');
    const gone = (r: Awaited<ReturnType<SyncContext['sync']>>) =>
      r.items.filter((item) => item.errorCode === 'CRM_VIEW_NOT_FOUND');

    // A dry run says it too, but leaves nothing waiting.
    expect(gone(await s.sync({ dryRun: true }))).toHaveLength(1);
    expect((await s.owner.get('/api/crm/settings')).json.waitingViews).toEqual([]);

    const first = await s.sync();
    expect(first.run).toMatchObject({ status: 'succeeded', error: null });
    expect(gone(first)).toEqual([
      expect.objectContaining({
        action: 'failed',
        errorMessage: `The CRM view ${view} of module Accounts no longer exists: Accounts wait until an owner or admin chooses a view in the sync rules.`,
      }),
    ]);
    const waiting = (await s.owner.get('/api/crm/settings')).json.waitingViews;
    expect(waiting).toEqual([
      expect.objectContaining({ module: 'Accounts', viewId: view, runId: first.run.id }),
    ]);

    // Nor is the CRM asked to notify changes of the waiting module.
    const watched = () =>
      wantedModules({ ...s.t.deps, publicUrl: 'http://127.0.0.1:9' }, s.organizationId);
    expect(await watched()).toEqual(['Deals']);

    for (let i = 0; i < 2; i += 1) {
      const later = await s.sync();
      expect(later.run).toMatchObject({ status: 'succeeded', error: null });
      expect(later.items.filter((item) => item.action === 'failed')).toEqual([]);
    }
    expect((await s.customers()).map((c) => c.displayName)).toEqual(['Alpha K.K.']);

    const cleared = await s.owner.put('/api/crm/settings', rules());
    expect(cleared.status).toBe(200);
    expect(cleared.json.waitingViews).toEqual([]);
    expect(await watched()).toEqual(['Accounts', 'Deals']);
    expect((await s.sync()).run.status).toBe('succeeded');
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'Alpha K.K.',
      'Beta K.K.',
    ]);
  });
});
