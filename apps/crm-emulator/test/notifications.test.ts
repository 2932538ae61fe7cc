import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorDeliveries } from '../src/notifications';
import { Store, type RecordChange } from '../src/store';
import { BASE, setupEmulator, T0 } from './support';

/** A real HTTP endpoint that records every callback and answers with `status`. */
async function receiver(status = 200) {
  const received: any[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url, body: JSON.parse(text) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, received };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function setup() {
  const t = await setupEmulator({
    options: { notifications: { timeoutMs: 1000, retries: 1, retryDelayMs: 10 } },
  });
  const watch = (items: unknown[], method = 'POST') =>
    t.call(method, '/actions/watch', { watch: items });
  /** `/__emulator/notifications`: its channels and recent deliveries. */
  const control = async (method: string, body?: unknown) =>
    (await t.control(method, '/notifications', body)).json;
  return { ...t, watch, control, idle: () => emulatorDeliveries(t.app).idle() };
}

const account = (name: string) => ({ Account_Name: name });
const deal = (name: string) => ({ Deal_Name: name, Stage: 'Qualification' });

describe('subscribing', () => {
  it('answers each channel with Zoho’s per-module subscription details', async () => {
    const t = await setup();
    const res = await t.watch([
      {
        channel_id: '1000',
        events: ['Deals.edit', 'Accounts.all'],
        notify_url: 'https://x.test/h',
        token: 'tok',
      },
    ]);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      watch: [
        {
          code: 'SUCCESS',
          details: {
            events: [
              {
                channel_expiry: '2026-01-15T07:00:00+00:00',
                resource_uri: `${BASE}/crm/v8/Deals`,
                resource_id: expect.any(String),
                resource_name: 'Deals',
                channel_id: '1000',
              },
              expect.objectContaining({ resource_name: 'Accounts', channel_id: '1000' }),
            ],
          },
          message: 'Successfully subscribed for actions-watch of the given module',
          status: 'success',
        },
      ],
    });
  });

  it('lists active channels one entry per module, and answers 204 when there are none', async () => {
    const t = await setup();
    expect((await t.call('GET', '/actions/watch')).status).toBe(204);
    await t.watch([
      {
        channel_id: 7,
        events: ['Contacts.create'],
        notify_url: 'https://x.test/h?k=v',
        token: 'a',
      },
    ]);
    const list = await t.call('GET', '/actions/watch');
    expect(list.status).toBe(200);
    expect(list.json.watch).toEqual([
      expect.objectContaining({
        channel_id: '7',
        events: ['Contacts.create'],
        notify_url: 'https://x.test/h?k=v',
        token: 'a',
        resource_name: 'Contacts',
        channel_expiry: '2026-01-15T07:00:00+00:00',
        return_affected_field_values: false,
      }),
    ]);
    expect(list.json.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
  });

  it.each([
    ['an expiry beyond a week', { channel_expiry: '2026-01-22T06:00:01+00:00' }, 'channel_expiry'],
    ['a token over 50 characters', { token: 'x'.repeat(51) }, 'token'],
    ['a notify_url that is not http(s)', { notify_url: 'ftp://x.test/h' }, 'notify_url'],
    ['an unknown module', { events: ['Widgets.all'] }, 'events'],
  ])('refuses %s with INVALID_DATA', async (_name, patch, field) => {
    const t = await setup();
    const item = {
      channel_id: '1',
      events: ['Deals.all'],
      notify_url: 'https://x.test/h',
      ...patch,
    };
    const res = await t.watch([item]);
    expect(res.status).toBe(400);
    expect(res.json.watch[0]).toMatchObject({
      code: 'INVALID_DATA',
      status: 'error',
      details: { api_name: field },
    });
    expect((await t.call('GET', '/actions/watch')).status).toBe(204);
  });

  it('accepts an expiry of exactly a week, and reports a missing notify_url per item (207)', async () => {
    const t = await setup();
    const res = await t.watch([
      {
        channel_id: '1',
        events: ['Deals.all'],
        notify_url: 'https://x.test/h',
        channel_expiry: '2026-01-22T06:00:00+00:00',
      },
      { channel_id: '2', events: ['Deals.all'] },
    ]);
    expect(res.status).toBe(207);
    expect(res.json.watch[1]).toEqual({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'notify_url', json_path: '$.watch[1].notify_url' },
      message: 'required field not found',
      status: 'error',
    });
  });

  it('refuses more than 50 channels in one request', async () => {
    const t = await setup();
    const items = Array.from({ length: 51 }, (_, i) => ({
      channel_id: String(i),
      events: ['Deals.all'],
      notify_url: 'https://x.test/h',
    }));
    const res = await t.watch(items);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 50 } });
    expect((await t.watch(items.slice(0, 50))).status).toBe(201);
  });
});

describe('callbacks', () => {
  it('posts Zoho’s callback body for insert, update and delete', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([
      {
        channel_id: '42',
        events: ['Accounts.all'],
        notify_url: `${r.url}/hook?src=crm`,
        token: 'secret-1',
      },
    ]);
    const id = (await t.call('POST', '/Accounts', { data: [account('Acme')] })).json.data[0].details
      .id;
    await t.call('PUT', '/Accounts', { data: [{ id, Phone: '123' }] });
    await t.call('DELETE', `/Accounts?ids=${id}`);
    await t.idle();
    const common = {
      server_time: T0.getTime(),
      query_params: { src: 'crm' },
      module: 'Accounts',
      resource_uri: `${BASE}/crm/v8/Accounts`,
      ids: [id],
      affected_fields: [],
      channel_id: '42',
      token: 'secret-1',
    };
    expect(r.received.map((x) => x.body)).toEqual([
      { ...common, operation: 'insert' },
      { ...common, operation: 'update' },
      { ...common, operation: 'delete' },
    ]);
    expect(r.received[0].url).toBe('/hook?src=crm');
  });

  it('names changed fields and values when return_affected_field_values is set', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([
      {
        channel_id: '1',
        events: ['Accounts.edit'],
        notify_url: r.url,
        return_affected_field_values: true,
      },
    ]);
    const id = (await t.call('POST', '/Accounts', { data: [account('Acme')] })).json.data[0].details
      .id;
    await t.call('PUT', '/Accounts', { data: [{ id, Account_Name: 'Acme', Phone: '5' }] });
    await t.idle();
    expect(r.received).toHaveLength(1);
    expect(r.received[0].body).toMatchObject({
      operation: 'update',
      affected_fields: [{ [id]: ['Phone'] }],
      affected_values: [{ record_id: id, values: { Phone: '5' } }],
      token: null,
    });
  });

  it('announces an API stage change with the probability it brought, and an owner change', async () => {
    const t = await setup();
    const r = await receiver();
    const id = (await t.call('POST', '/Deals', { data: [deal('Acme rollout')] })).json.data[0]
      .details.id;
    await t.watch([
      {
        channel_id: '7',
        events: ['Deals.edit'],
        notify_url: r.url,
        token: 'tok',
        return_affected_field_values: true,
      },
    ]);
    await t.call('PUT', '/Deals', { data: [{ id, Stage: 'Closed Won' }] });
    const added = await t.app.request('/__emulator/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'rep@kanjo.test', name: 'Rep' }),
    });
    const rep = (await added.json()) as { id: string };
    await t.call('PUT', '/Deals', { data: [{ id, Owner: { id: rep.id } }] });
    await t.idle();
    expect(r.received.map((x) => x.body)).toEqual([
      expect.objectContaining({
        operation: 'update',
        ids: [id],
        affected_fields: [{ [id]: ['Stage', 'Probability'] }],
        affected_values: [{ record_id: id, values: { Stage: 'Closed Won', Probability: 100 } }],
        token: 'tok',
      }),
      expect.objectContaining({
        affected_fields: [{ [id]: ['Owner'] }],
        affected_values: [{ record_id: id, values: { Owner: { id: rep.id } } }],
      }),
    ]);
  });

  it('filters by module and operation: Deals.edit ignores accounts and deal inserts', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([{ channel_id: '1', events: ['Deals.edit'], notify_url: r.url }]);
    await t.call('POST', '/Accounts', { data: [account('Acme')] });
    const id = (await t.call('POST', '/Deals', { data: [deal('Big')] })).json.data[0].details.id;
    await t.idle();
    expect(r.received).toHaveLength(0);
    await t.call('PUT', '/Deals', { data: [{ id, Stage: 'Closed Won' }] });
    await t.idle();
    expect(r.received.map((x) => [x.body.module, x.body.operation])).toEqual([['Deals', 'update']]);
  });

  it('sends one callback with every id of a multi-record write', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([{ channel_id: '1', events: ['Accounts.create'], notify_url: r.url }]);
    const res = await t.call('POST', '/Accounts', {
      data: [account('A'), account('B'), account('C')],
    });
    await t.idle();
    expect(r.received).toHaveLength(1);
    expect(r.received[0].body.ids).toEqual(res.json.data.map((d: any) => d.details.id));
  });

  it('stops at expiry, and a PUT renewal brings callbacks back', async () => {
    const t = await setup();
    const r = await receiver();
    const item = { channel_id: '1', events: ['Accounts.create'], notify_url: r.url };
    await t.watch([{ ...item, channel_expiry: '2026-01-15T06:10:00+00:00' }]);
    t.advance(600);
    await t.call('POST', '/Accounts', { data: [account('Late')] });
    await t.idle();
    expect(r.received).toHaveLength(0);
    expect((await t.call('GET', '/actions/watch')).status).toBe(204);

    const renewed = await t.watch(
      [{ ...item, channel_expiry: '2026-01-15T08:00:00+00:00' }],
      'PUT',
    );
    expect(renewed.status).toBe(200);
    expect(renewed.json.watch[0].details.events[0].channel_expiry).toBe(
      '2026-01-15T08:00:00+00:00',
    );
    await t.call('POST', '/Accounts', { data: [account('Renewed')] });
    await t.idle();
    expect(r.received).toHaveLength(1);
  });

  it('PUT refuses a channel never subscribed', async () => {
    const t = await setup();
    const res = await t.watch(
      [{ channel_id: '9', events: ['Deals.all'], notify_url: 'https://x.test/h' }],
      'PUT',
    );
    expect(res.status).toBe(400);
    expect(res.json.watch[0]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'channel_id' },
    });
  });

  it('PATCH with _delete_events drops only those events', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([
      { channel_id: '1', events: ['Accounts.create', 'Deals.create'], notify_url: r.url },
    ]);
    const res = await t.watch(
      [{ channel_id: '1', events: ['Accounts.create'], _delete_events: true }],
      'PATCH',
    );
    expect(res.status).toBe(200);
    await t.call('POST', '/Accounts', { data: [account('A')] });
    await t.call('POST', '/Deals', { data: [deal('D')] });
    await t.idle();
    expect(r.received.map((x) => x.body.module)).toEqual(['Deals']);
  });

  it('DELETE disables channels; unknown ids fail per item', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([{ channel_id: '1', events: ['Accounts.all'], notify_url: r.url }]);
    const res = await t.call('DELETE', '/actions/watch?channel_ids=1,404');
    expect(res.status).toBe(207);
    expect(res.json.watch[0]).toEqual({
      code: 'SUCCESS',
      details: {
        resource_uri: `${BASE}/crm/v8/Accounts`,
        resource_id: expect.any(String),
        channel_id: '1',
      },
      message: 'Successfully un-subscribed from actions-watch',
      status: 'success',
    });
    expect(res.json.watch[1]).toMatchObject({ code: 'INVALID_DATA', status: 'error' });
    await t.call('POST', '/Accounts', { data: [account('A')] });
    await t.idle();
    expect(r.received).toHaveLength(0);
  });

  it('sends nothing while switched off by the control, and resumes when switched on', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([{ channel_id: '1', events: ['Accounts.all'], notify_url: r.url }]);
    expect(await t.control('POST', { enabled: false })).toEqual({ enabled: false });
    await t.call('POST', '/Accounts', { data: [account('Quiet')] });
    await t.idle();
    expect(r.received).toHaveLength(0);
    // The change is still there for a poller to find.
    expect((await t.call('GET', '/Accounts?fields=Account_Name')).json.data).toHaveLength(1);
    await t.control('POST', { enabled: true });
    await t.call('POST', '/Accounts', { data: [account('Loud')] });
    await t.idle();
    expect(r.received).toHaveLength(1);
    const state = await t.control('GET');
    expect(state).toMatchObject({ enabled: true, delivered: 1, failed: 0 });
    expect(state.channels).toEqual([
      expect.objectContaining({ channel_id: '1', notify_url: r.url }),
    ]);
    expect(state.recent[0]).toMatchObject({ url: r.url, status: 200, ok: true });
  });

  it('a receiver answering 500 neither breaks the write nor escapes the retries', async () => {
    const t = await setup();
    const r = await receiver(500);
    await t.watch([{ channel_id: '1', events: ['Accounts.create'], notify_url: r.url }]);
    const res = await t.call('POST', '/Accounts', { data: [account('A')] });
    expect(res.status).toBe(201);
    await t.idle();
    expect(r.received).toHaveLength(2);
    expect(await t.control('GET')).toMatchObject({ delivered: 0, failed: 1 });
    expect((await t.control('GET')).recent[0]).toMatchObject({
      status: 500,
      ok: false,
      attempts: 2,
    });
  });

  it('an unreachable receiver is counted as failed, without a status', async () => {
    const t = await setup();
    const r = await receiver();
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await t.watch([{ channel_id: '1', events: ['Accounts.create'], notify_url: r.url }]);
    expect((await t.call('POST', '/Accounts', { data: [account('A')] })).status).toBe(201);
    await t.idle();
    expect((await t.control('GET')).recent[0]).toMatchObject({ status: null, ok: false });
  });

  it('reset forgets channels and counters', async () => {
    const t = await setup();
    await t.watch([
      { channel_id: '1', events: ['Accounts.create'], notify_url: 'https://x.test/h' },
    ]);
    await t.app.request('/__emulator/reset', { method: 'POST' });
    expect(await t.control('GET')).toMatchObject({ channels: [], delivered: 0, failed: 0 });
  });
});

describe('store change listener', () => {
  it('announces a transaction once, after commit, and never a rolled-back one', () => {
    const store = new Store(new Database(':memory:'));
    const heard: RecordChange[][] = [];
    const off = store.onChange((changes) => heard.push([...changes]));
    const user = store.admin().id;
    store.transaction(() => {
      const a = store.insert('Accounts', { Account_Name: 'A' }, user, 1);
      store.update(a, { Account_Name: 'A', Phone: '1' }, user, 2);
      expect(heard).toHaveLength(0);
    });
    expect(heard).toEqual([
      [
        {
          module: 'Accounts',
          operation: 'insert',
          id: expect.any(String),
          changedFields: ['Account_Name'],
        },
        {
          module: 'Accounts',
          operation: 'update',
          id: expect.any(String),
          changedFields: ['Phone'],
        },
      ],
    ]);
    expect(() =>
      store.transaction(() => {
        store.insert('Accounts', { Account_Name: 'B' }, user, 3);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(heard).toHaveLength(1);
    off();
    store.insert('Accounts', { Account_Name: 'C' }, user, 4);
    expect(heard).toHaveLength(1);
  });

  it('notifies writes made outside the API too (the seed control)', async () => {
    const t = await setup();
    const r = await receiver();
    await t.watch([{ channel_id: '1', events: ['Accounts.create'], notify_url: r.url }]);
    await t.app.request('/__emulator/seed', {
      method: 'POST',
      body: JSON.stringify({ accounts: 3 }),
    });
    await t.idle();
    expect(r.received.flatMap((x) => x.body.ids)).toHaveLength(3);
  });
});
