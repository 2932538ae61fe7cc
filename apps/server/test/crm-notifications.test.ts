import { createHash } from 'node:crypto';
import { emulatorDeliveries } from '@kanjo/crm-emulator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { CrmChannels } from '../src/crm/notifications/crm-channels';
import { maintainChannels } from '../src/crm/notifications/maintain';
import { NotifiedRunQueue } from '../src/crm/notifications/queue';
import { saveSyncSettings, setSyncPaused } from '../src/crm/settings-store';
import { CrmSyncRunner, type RunRequest, type StartedRun } from '../src/crm/sync/run';
import { scheduleCrmSync } from '../src/crm/sync/scheduler';
import type { AppDeps } from '../src/http/env';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { useHookServers } from './hook-server';
import { TEST_START, type TestClock } from './clock';
import { Client } from './helpers';

/** CRM notifications over real HTTP: channels, callbacks and the hand-off to the runner. */

const HOUR = 3_600_000;

/**
 * Notified runs as a spy sees them. `hold()` makes the runner look busy (a run
 * of another trigger going) until the returned release is called.
 */
class SpyRunner extends CrmSyncRunner {
  readonly started: RunRequest[] = [];
  private gate: Promise<void> | undefined;

  hold(): () => void {
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => (release = resolve)).then(() => {
      this.gate = undefined;
    });
    return release;
  }

  override async start(request: RunRequest): Promise<StartedRun> {
    if (this.gate) return { runId: 'held', alreadyRunning: true, done: this.gate };
    const started = await super.start(request);
    if (!started.alreadyRunning) this.started.push(request);
    return started;
  }

  notified() {
    return this.started.filter((r) => r.trigger === 'notification').map((r) => r.crmIds);
  }
}

interface Hooked {
  s: SyncContext;
  deps: AppDeps;
  runner: SpyRunner;
  queue: NotifiedRunQueue;
  hookUrl: string;
  clock: TestClock;
}

const context = useSyncContexts();
const serveHooks = useHookServers();

/** A connected org whose callback route listens on its own port, the emulator sharing its clock. */
async function hooked(options: Parameters<typeof context>[0] = {}): Promise<Hooked> {
  const s = await context(options);
  const runner = new SpyRunner();
  const queue = new NotifiedRunQueue({ runner });
  const { deps, hookUrl } = await serveHooks(s, { runner, queue });
  return { s, deps, runner, queue, hookUrl, clock: s.t.clock };
}

interface ChannelRow {
  channel_id: string;
  crm_module: string;
  events: string;
  token_hash: Buffer;
  expires_at: string;
}
const channelRows = (h: Hooked) =>
  h.s.t.sql.all<ChannelRow>('SELECT * FROM crm_channels ORDER BY crm_module');

interface ListedChannel {
  channel_id: string;
  events: string[];
  channel_expiry: string;
  notify_url: string;
  token: string;
  resource_name: string;
}
/** The CRM's view of the channels, tokens included (Zoho lists them to their owner). */
async function crmChannels(h: Hooked): Promise<ListedChannel[]> {
  const { body } = await (await h.s.crm()).request({ path: '/actions/watch' });
  const listed = (body as { watch?: ListedChannel[] } | undefined)?.watch ?? [];
  return listed.sort((a, b) => a.resource_name.localeCompare(b.resource_name));
}

const notifiedRunRows = (h: Hooked) =>
  h.s.t.sql.all("SELECT id FROM crm_runs WHERE trigger = 'notification'");

/** A CRM-side write, then its callbacks delivered (the emulator's own retries included). */
async function crmInsertAccount(h: Hooked, name: string): Promise<string> {
  const [result] = await (await h.s.crm()).insert('Accounts', [{ Account_Name: name }]);
  if (!result?.ok) throw new Error(`account not inserted: ${JSON.stringify(result)}`);
  await emulatorDeliveries(h.s.emulator.app).idle();
  return result.id;
}

const deliveries = (h: Hooked): ReturnType<typeof emulatorDeliveries>['recent'] =>
  emulatorDeliveries(h.s.emulator.app).recent;

async function postHook(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

/** Polls until `done()` holds; fails after `timeoutMs` rather than sleeping a guessed time. */
async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('channel maintenance', () => {
  it('subscribes one channel per synced module and stores only token hashes', async () => {
    const h = await hooked({
      settings: (settings) => {
        settings.customers.module = 'accountsAndContacts';
        settings.items.mode = 'fetch';
      },
    });
    const changes = await maintainChannels(h.deps, h.s.organizationId);
    expect(changes.created.sort()).toEqual(['Accounts', 'Contacts', 'Deals', 'Products']);
    const listed = await crmChannels(h);
    expect(listed.map((c) => [c.resource_name, c.events, c.notify_url])).toEqual(
      ['Accounts', 'Contacts', 'Deals', 'Products'].map((m) => [m, [`${m}.all`], h.hookUrl]),
    );
    const expiry = TEST_START.getTime() + 24 * HOUR;
    for (const c of listed) {
      expect(Date.parse(c.channel_expiry)).toBe(expiry);
      expect(c.channel_id).toMatch(/^\d{16}$/);
      expect(c.token.length).toBeLessThanOrEqual(50);
      expect(Buffer.from(c.token, 'base64url')).toHaveLength(32);
    }
    const rows = await channelRows(h);
    expect(rows.map((r) => r.channel_id).sort()).toEqual(listed.map((c) => c.channel_id).sort());
    const dump = JSON.stringify(await h.s.t.sql.all('SELECT * FROM crm_channels'));
    for (const c of listed) {
      expect(dump).not.toContain(c.token);
      const row = rows.find((r) => r.channel_id === c.channel_id);
      expect(row?.token_hash).toEqual(createHash('sha256').update(c.token).digest());
      expect(row?.expires_at).toBe(new Date(expiry).toISOString());
    }
    // A second pass changes nothing; a module no longer synced is unwatched and forgotten.
    expect(Object.values(await maintainChannels(h.deps, h.s.organizationId)).flat()).toEqual([]);
    const items = await h.s.owner.get('/api/crm/settings');
    const settings = structuredClone(items.json.settings);
    settings.items.mode = 'off';
    // Saved straight to the database: the test app's own upkeep has no public URL.
    await saveSyncSettings(h.s.t.db, {
      organizationId: h.s.organizationId,
      userId: String((await h.s.owner.get('/api/me')).json.user.id),
      now: h.clock.now().toISOString(),
      settings,
    });
    expect((await maintainChannels(h.deps, h.s.organizationId)).removed).toEqual(['Products']);
    expect((await crmChannels(h)).map((c) => c.resource_name)).toEqual([
      'Accounts',
      'Contacts',
      'Deals',
    ]);
    expect((await channelRows(h)).map((r) => r.crm_module)).toEqual([
      'Accounts',
      'Contacts',
      'Deals',
    ]);
  });

  it('keeps no channel without a public URL, and removes them on pause', async () => {
    const h = await hooked();
    const none = await maintainChannels({ ...h.deps, publicUrl: undefined }, h.s.organizationId);
    expect(none.created).toEqual([]);
    expect((await maintainChannels(h.deps, h.s.organizationId)).created.sort()).toEqual([
      'Accounts',
      'Deals',
    ]);
    // Paused through an app with the public URL, whose upkeep the test can wait for: the
    // context's own app has no public URL, and its pass after a pause would race this one.
    const channels = new CrmChannels();
    const owner = new Client(createApp({ ...h.deps, crmChannels: channels }));
    owner.cookie = h.s.owner.cookie;
    expect((await owner.post('/api/crm/pause', {})).status).toBe(200);
    // A pass after the one the pause started: it finds nothing left to remove.
    expect((await channels.maintain(h.deps, h.s.organizationId)).removed).toEqual([]);
    expect(await crmChannels(h)).toEqual([]);
    expect(await channelRows(h)).toEqual([]);
  });

  it('renews from the scheduler tick once less than a quarter of the life is left', async () => {
    const h = await hooked();
    const { tick } = scheduler(h);
    await tick();
    const first = await crmChannels(h);
    const hashes = (await channelRows(h)).map((r) => r.token_hash);
    expect(first).toHaveLength(2);
    h.clock.advance(17 * HOUR); // 7 h left: not yet
    await tick();
    expect((await crmChannels(h)).map((c) => c.channel_expiry)).toEqual(
      first.map((c) => c.channel_expiry),
    );
    h.clock.advance(2 * HOUR); // 5 h left: renewed a day ahead, keeping its token
    await tick();
    const renewed = await crmChannels(h);
    expect(renewed.map((c) => c.channel_id)).toEqual(first.map((c) => c.channel_id));
    for (const c of renewed)
      expect(Date.parse(c.channel_expiry)).toBe(h.clock.now().getTime() + 24 * HOUR);
    // Same token: a callback crossing the renewal still proves itself.
    expect(renewed.map((c) => c.token)).toEqual(first.map((c) => c.token));
    expect((await channelRows(h)).map((r) => r.token_hash)).toEqual(hashes);
    // The renewed channel still calls back, and its token is accepted.
    const id = await crmInsertAccount(h, 'After Renewal');
    expect(deliveries(h).map((d) => d.status)).toEqual([202]);
    await h.queue.settled();
    expect(h.runner.notified()).toEqual([{ module: 'Accounts', ids: [id], operation: 'insert' }]);
  });

  it('subscribes again when the CRM lost the channel or it expired', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    const [accounts, deals] = await crmChannels(h);
    await (await h.s.crm()).unwatch([accounts?.channel_id ?? '']);
    expect((await crmChannels(h)).map((c) => c.resource_name)).toEqual(['Deals']);
    h.clock.advance(19 * HOUR);
    const changes = await maintainChannels(h.deps, h.s.organizationId);
    expect(changes).toMatchObject({ renewed: ['Deals'], resubscribed: ['Accounts'] });
    expect((await crmChannels(h)).map((c) => c.channel_id)).toEqual([
      accounts?.channel_id,
      deals?.channel_id,
    ]);
    h.clock.advance(25 * HOUR); // both lapsed at the CRM and here
    expect(await crmChannels(h)).toEqual([]);
    const again = await maintainChannels(h.deps, h.s.organizationId);
    expect(again.resubscribed.sort()).toEqual(['Accounts', 'Deals']);
    expect(await crmChannels(h)).toHaveLength(2);
    await crmInsertAccount(h, 'After Lapse');
    expect(deliveries(h).map((d) => d.status)).toEqual([202]);
  });

  it('runs one pass at a time per organization', async () => {
    const h = await hooked();
    const channels = new CrmChannels();
    const first = channels.maintain(h.deps, h.s.organizationId);
    await new Promise((resolve) => setImmediate(resolve)); // the first pass is going
    const [second, third] = [1, 2].map(() => channels.maintain(h.deps, h.s.organizationId));
    expect(second).toBe(third); // calls made meanwhile share the next pass
    expect((await first).created.sort()).toEqual(['Accounts', 'Deals']);
    expect(Object.values((await second) ?? {}).flat()).toEqual([]);
    expect(await channelRows(h)).toHaveLength(2);
    expect(await crmChannels(h)).toHaveLength(2);
  });
});

describe('callbacks', () => {
  it('hands a genuine callback to one notification run', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    const id = await crmInsertAccount(h, 'Notified Account');
    expect(deliveries(h).map((d) => [d.status, d.body.module, d.body.ids])).toEqual([
      [202, 'Accounts', [id]],
    ]);
    await h.queue.settled();
    expect(h.runner.notified()).toEqual([{ module: 'Accounts', ids: [id], operation: 'insert' }]);
    expect(await notifiedRunRows(h)).toHaveLength(1);
  });

  it('refuses forged or malformed callbacks and does nothing', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    const [accounts] = await crmChannels(h);
    const genuine = {
      server_time: TEST_START.getTime(),
      query_params: {},
      module: 'Accounts',
      resource_uri: 'https://www.zohoapis.com/crm/v8/Accounts',
      ids: ['5725767000000411001'],
      affected_fields: [],
      operation: 'update',
      channel_id: Number(accounts?.channel_id),
      token: accounts?.token,
    };
    const other = await hooked();
    const cases: [unknown, number, string?][] = [
      [{ ...genuine, token: 'not-the-token' }, 403, 'CRM_CHANNEL_TOKEN'],
      [{ ...genuine, token: `${accounts?.token}x` }, 403, 'CRM_CHANNEL_TOKEN'],
      [{ ...genuine, channel_id: '1234567890123456' }, 404, 'CRM_CHANNEL_UNKNOWN'],
      [{ ...genuine, module: 'Deals' }, 400, 'CRM_CHANNEL_MODULE'],
      [{ ...genuine, operation: 'merge' }, 400, 'INVALID_CALLBACK'],
      [{ ...genuine, ids: ['1; drop table'] }, 400, 'INVALID_CALLBACK'],
      [{ ...genuine, token: undefined }, 400, 'INVALID_CALLBACK'],
      ['{"channel_id":', 400, 'INVALID_CALLBACK'],
      [{ ...genuine, ids: Array.from({ length: 4000 }, (_, i) => String(10 ** 18 + i)) }, 413],
    ];
    for (const [body, status, code] of cases) {
      const res = await postHook(h.hookUrl, body);
      expect([res.status, res.json?.error?.code]).toEqual([status, code ?? 'PAYLOAD_TOO_LARGE']);
    }
    // The same channel and token, posted for another organization: not its channel.
    const elsewhere = await postHook(
      h.hookUrl.replace(h.s.organizationId, other.s.organizationId),
      genuine,
    );
    expect(elsewhere.status).toBe(404);
    await Promise.all([h.queue.settled(), other.queue.settled()]);
    expect([...h.runner.started, ...other.runner.started]).toEqual([]);
    expect(await notifiedRunRows(h)).toEqual([]);
    // The genuine one, channel id as a string this time, is accepted.
    expect(
      (await postHook(h.hookUrl, { ...genuine, channel_id: accounts?.channel_id })).status,
    ).toBe(202);
    await h.queue.settled();
    expect(h.runner.notified()).toEqual([
      { module: 'Accounts', ids: ['5725767000000411001'], operation: 'update' },
    ]);
  });

  it('coalesces the same callback delivered twice while a run is going into one run', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    const release = h.runner.hold();
    const first = await crmInsertAccount(h, 'Twice');
    const [delivered] = deliveries(h);
    expect(delivered?.status).toBe(202);
    // Zoho redelivers: the very same body again, then another record's.
    expect((await postHook(h.hookUrl, delivered?.body)).status).toBe(202);
    const second = await crmInsertAccount(h, 'Another');
    expect(h.runner.started).toEqual([]);
    release();
    await h.queue.settled();
    expect(h.runner.notified()).toEqual([
      { module: 'Accounts', ids: [first, second], operation: 'insert' },
    ]);
    expect(await notifiedRunRows(h)).toHaveLength(1);
  });

  it('folds ids past the bound into one whole run instead of dropping them', async () => {
    const h = await hooked();
    const runner = new SpyRunner();
    const queue = new NotifiedRunQueue({ runner, maxPendingIds: 3 });
    const release = runner.hold();
    queue.add(h.deps, h.s.organizationId, {
      module: 'Accounts',
      ids: ['1', '2'],
      operation: 'update',
    });
    queue.add(h.deps, h.s.organizationId, {
      module: 'Deals',
      ids: ['3', '4'],
      operation: 'update',
    });
    release();
    await queue.settled();
    expect(runner.started.map((r) => [r.trigger, r.crmIds])).toEqual([['notification', undefined]]);
  });

  it('accepts but ignores callbacks of a paused organization', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    await crmInsertAccount(h, 'Before Pause');
    await h.queue.settled();
    const [delivered] = deliveries(h);
    // Paused in the store, not through the API: the API's pause also removes the channels,
    // and this is the callback that arrives between the pause and that removal.
    await setSyncPaused(h.s.t.db, {
      organizationId: h.s.organizationId,
      userId: String((await h.s.owner.get('/api/me')).json.user.id),
      now: h.clock.now().toISOString(),
      paused: true,
    });
    expect((await postHook(h.hookUrl, delivered?.body)).status).toBe(202);
    await h.queue.settled();
    expect(h.runner.notified()).toHaveLength(1);
    expect(await notifiedRunRows(h)).toHaveLength(1);
  });

  it('is served by the app outside /api: no session, no Origin check', async () => {
    const h = await hooked();
    await maintainChannels(h.deps, h.s.organizationId);
    const [accounts] = await crmChannels(h);
    const runner = new SpyRunner();
    const app = createApp({ ...h.deps, crmSyncRunner: runner });
    const res = await app.request(`/hooks/crm/${h.s.organizationId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://crm.zoho.com' },
      body: JSON.stringify({
        module: 'Accounts',
        ids: ['5725767000000411002'],
        operation: 'delete',
        channel_id: accounts?.channel_id,
        token: accounts?.token,
      }),
    });
    expect(res.status).toBe(202);
    await until(
      () => runner.started.length === 1 && runner.current(h.s.organizationId) === undefined,
    );
    expect(runner.notified()).toEqual([
      { module: 'Accounts', ids: ['5725767000000411002'], operation: 'delete' },
    ]);
  });
});

describe('poll fallback', () => {
  it('catches a CRM change by the interval tick when notifications are off', async () => {
    const h = await hooked();
    const { tick } = scheduler(h);
    expect((await tick()).started).toHaveLength(1);
    expect(await channelRows(h)).toHaveLength(2);
    await h.s.call('POST', '/__emulator/notifications', { enabled: false });
    await crmInsertAccount(h, 'Polled Account');
    expect(deliveries(h)).toEqual([]);
    await h.queue.settled();
    expect(h.runner.notified()).toEqual([]);
    h.clock.advance(15 * 60_000);
    expect((await tick()).started).toHaveLength(1);
    expect((await h.s.customers()).map((c) => c.displayName)).toContain('Polled Account');
  });

  it('does not let notified runs postpone the interval poll', async () => {
    const h = await hooked();
    const { tick } = scheduler(h);
    expect((await tick()).started).toHaveLength(1);
    h.clock.advance(14 * 60_000);
    await crmInsertAccount(h, 'Notified Meanwhile');
    await h.queue.settled();
    expect(h.runner.notified()).toHaveLength(1);
    h.clock.advance(60_000);
    expect((await tick()).started).toHaveLength(1);
  });
});

function scheduler(h: Hooked) {
  const scheduled = scheduleCrmSync({ deps: h.deps, runner: h.runner });
  scheduled.stop(); // the test drives `tick`
  return scheduled;
}

describe('channel upkeep after a change of the connection, rules or pause', () => {
  it('follows a settings save and a pause made through the API at once', async () => {
    const h = await hooked();
    const channels = new CrmChannels();
    const app = createApp({ ...h.deps, crmChannels: channels });
    const owner = new Client(app);
    owner.cookie = h.s.owner.cookie;
    await channels.maintain(h.deps, h.s.organizationId);
    expect((await crmChannels(h)).map((c) => c.resource_name)).toEqual(['Accounts', 'Deals']);

    const settings = structuredClone((await owner.get('/api/crm/settings')).json.settings);
    settings.customers.module = 'contacts';
    expect((await owner.put('/api/crm/settings', { settings })).status).toBe(200);
    await channels.maintain(h.deps, h.s.organizationId); // joins the pass the save started
    expect((await crmChannels(h)).map((c) => c.resource_name)).toEqual(['Contacts', 'Deals']);

    expect((await owner.post('/api/crm/pause', {})).status).toBe(200);
    await channels.maintain(h.deps, h.s.organizationId);
    expect(await crmChannels(h)).toEqual([]);
    expect(await channelRows(h)).toEqual([]);
  });
});
