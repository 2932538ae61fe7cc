import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/env';
import { uuidv7 } from '../src/ids';
import { syncEvents } from '../src/sync/events';
import { SyncNotifier } from '../src/sync/notifier';
import { signUp } from './helpers';
import { customerArgs, makeSyncTest } from './sync-client';

/** Reads an SSE response through app.request, one event block at a time. */
function eventReader(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    /** The next block (up to a blank line), or throws after `ms`. */
    async next(ms = 2000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!buffer.includes('\n\n')) {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error('no event in time')),
            Math.max(0, deadline - Date.now()),
          ),
        );
        const { value, done } = await Promise.race([reader.read(), timeout]);
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
      const end = buffer.indexOf('\n\n');
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      return block;
    },
    close: () => reader.cancel(),
  };
}

async function openEvents(app: Awaited<ReturnType<typeof makeSyncTest>>['app'], cookie: string) {
  const res = await app.request('http://127.0.0.1:8787/api/sync/events', { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  return eventReader(res);
}

describe('events (SSE)', () => {
  it('pokes with the organization’s seq on connect, after a push and after a REST write', async () => {
    const { app, http, sync } = await makeSyncTest();
    const events = await openEvents(app, http.cookie);
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');

    sync.enqueue('customer.create', uuidv7(), customerArgs());
    sync.enqueue('customer.create', uuidv7(), customerArgs());
    await sync.push();
    expect(await events.next()).toBe('event: poke\ndata: {"seq":2}');

    await http.post('/api/customers', customerArgs());
    expect(await events.next()).toBe('event: poke\ndata: {"seq":3}');

    // A replayed push moves nothing and pokes no one; another organization's writes neither.
    await sync
      .push([{ seq: 1, name: 'customer.create', entityId: 'x', args: {}, baseVersion: 0 }])
      .catch(() => undefined);
    const other = await signUp(app);
    await other.client.post('/api/customers', customerArgs());
    await http.post('/api/customers', customerArgs());
    expect(await events.next()).toBe('event: poke\ndata: {"seq":4}');
    await events.close();
  });

  it('sends a heartbeat comment and unsubscribes when the client goes away', async () => {
    const { db } = await makeSyncTest();
    const org = await db
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .executeTakeFirstOrThrow();
    const notifier = new SyncNotifier();
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('deps', { db } as AppEnv['Variables']['deps']);
        c.set('user', {
          id: org.id,
          organizationId: org.organization_id,
        } as AppEnv['Variables']['user']);
        await next();
      })
      .get('/events', (c) => syncEvents(c, { notifier, heartbeatMs: 20 }));
    const events = eventReader(await app.request('/events'));
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');
    expect(await events.next()).toBe(': heartbeat');
    expect(notifier.listenerCount(org.organization_id)).toBe(1);
    await events.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(notifier.listenerCount(org.organization_id)).toBe(0);
  });

  it('needs a session', async () => {
    const { app } = await makeSyncTest();
    const res = await app.request('http://127.0.0.1:8787/api/sync/events');
    expect(res.status).toBe(401);
  });
});
