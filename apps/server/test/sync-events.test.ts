import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { customerArgs } from '@kanjo/core/testing';
import { SESSION_COOKIE, createSession } from '../src/auth/session';
import type { AppEnv } from '../src/http/env';
import { uuidv7 } from '../src/ids';
import { syncEvents } from '../src/sync/events';
import { SyncNotifier } from '../src/sync/notifier';
import { makeTestApp, signUp } from './helpers';
import { makeSyncOrg, makeSyncTest } from './sync-client';

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
    /** Resolves with what came before the end of the stream, or throws after `ms`. */
    async ended(ms = 2000): Promise<string> {
      const deadline = Date.now() + ms;
      for (;;) {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error('the stream is still open')),
            Math.max(0, deadline - Date.now()),
          ),
        );
        const { value, done } = await Promise.race([reader.read(), timeout]);
        if (done) return buffer;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

const eventsUrl = 'http://127.0.0.1:8787/api/sync/events';

async function openEvents(app: Awaited<ReturnType<typeof makeSyncTest>>['app'], cookie: string) {
  const res = await app.request(eventsUrl, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  return eventReader(res);
}

/** The session id inside a `kanjo_session=<id>.<secret>` cookie. */
function sessionIdOf(cookie: string): string {
  return cookie.split('=')[1]?.split('.')[0] ?? '';
}

/** makeSyncTest with the owner's organization id. */
async function eventsTest() {
  const t = await makeSyncTest();
  const user = await t.db
    .selectFrom('users')
    .select('organization_id')
    .where('id', '=', t.userId)
    .executeTakeFirstOrThrow();
  return { ...t, organizationId: user.organization_id };
}

/** `syncEvents` alone, for the signed-in owner of `t`, with short timers. */
function bareEventsApp(
  t: Awaited<ReturnType<typeof eventsTest>>,
  options: Parameters<typeof syncEvents>[1],
) {
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', { db: t.db, clock: t.clock.now } as AppEnv['Variables']['deps']);
      c.set('user', {
        id: t.userId,
        organizationId: t.organizationId,
      } as AppEnv['Variables']['user']);
      c.set('session', {
        id: sessionIdOf(t.http.cookie),
        userId: t.userId,
        expiresAt: new Date(),
      });
      await next();
    })
    .get('/events', (c) => syncEvents(c, options));
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
    const t = await eventsTest();
    const notifier = new SyncNotifier();
    const app = bareEventsApp(t, { notifier, heartbeatMs: 20 });
    const events = eventReader(await app.request('/events'));
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');
    expect(await events.next()).toBe(': heartbeat');
    expect(notifier.listenerCount(t.organizationId)).toBe(1);
    expect(notifier.streamCount()).toBe(1);
    await events.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(notifier.listenerCount(t.organizationId)).toBe(0);
    expect(notifier.streamCount()).toBe(0);
  });

  it('needs a session', async () => {
    const { app } = await makeSyncTest();
    const res = await app.request('http://127.0.0.1:8787/api/sync/events');
    expect(res.status).toBe(401);
  });
});

describe('events (SSE) end with their session', () => {
  const ended = 'event: end\ndata: {"code":"SESSION_EXPIRED"}';

  it('ends the stream at once when its session logs out', async () => {
    const { app, http } = await makeSyncTest();
    const events = await openEvents(app, http.cookie);
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');
    const cookie = http.cookie;
    expect((await http.post('/api/auth/logout')).status).toBe(204);
    expect((await events.ended()).trim()).toBe(ended);
    // The logged-out cookie opens no new stream either.
    const again = await app.request(eventsUrl, { headers: { cookie } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'SESSION_EXPIRED',
    );
  });

  it('ends every stream of a user the owner disables, and only theirs', async () => {
    const t = await makeTestApp();
    const { owner, member, memberId } = await makeSyncOrg(t, { role: 'sales' });
    const memberEvents = await openEvents(t.app, member.cookie);
    const ownerEvents = await openEvents(t.app, owner.cookie);
    expect(await memberEvents.next()).toBe('event: poke\ndata: {"seq":0}');
    expect(await ownerEvents.next()).toBe('event: poke\ndata: {"seq":0}');
    expect((await owner.patch(`/api/users/${memberId}`, { disabled: true })).status).toBe(200);
    expect((await memberEvents.ended()).trim()).toBe(ended);
    await owner.post('/api/customers', customerArgs());
    expect(await ownerEvents.next()).toBe('event: poke\ndata: {"seq":1}');
    await ownerEvents.close();
  });

  it('pokes no session that ended another way: the stream ends instead', async () => {
    const t = await makeTestApp();
    const { owner, member } = await makeSyncOrg(t, { role: 'sales' });
    const events = await openEvents(t.app, member.cookie);
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');
    // Deleted without the session module (as an expiry sweep or a bulk change might).
    await t.db.deleteFrom('sessions').where('id', '=', sessionIdOf(member.cookie)).execute();
    await owner.post('/api/customers', customerArgs());
    expect((await events.ended()).trim()).toBe(ended);
  });

  it('re-checks its session on a timer: an expired session’s stream ends', async () => {
    const t = await eventsTest();
    const app = bareEventsApp(t, { notifier: new SyncNotifier(), recheckMs: 20 });
    const events = eventReader(await app.request('/events'));
    expect(await events.next()).toBe('event: poke\ndata: {"seq":0}');
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await events.ended()).trim()).toBe(ended);
  });

  it('refuses a fifth stream on one session and a thirteenth for one user (429)', async () => {
    const t = await makeTestApp();
    const { client, me } = await signUp(t.app);
    const sessions = [client.cookie];
    // Three more devices of the same user.
    for (let i = 0; i < 3; i++) {
      const { token } = await createSession(t.db, me.user.id as string, t.clock.now());
      sessions.push(`${SESSION_COOKIE}=${token}`);
    }
    const [first, , , last] = sessions;
    if (!first || !last) throw new Error('four sessions expected');
    const open = [];
    for (let i = 0; i < 4; i++) open.push(await openEvents(t.app, first));
    const fifth = await t.app.request(eventsUrl, { headers: { cookie: first } });
    expect(fifth.status).toBe(429);
    expect(await fifth.json()).toMatchObject({
      error: { code: 'TOO_MANY_STREAMS', details: { limit: 'session', max: 4 } },
    });
    // A closed stream frees its slot.
    await open.shift()?.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    open.push(await openEvents(t.app, first));
    for (const cookie of sessions.slice(1, 3)) {
      for (let i = 0; i < 4; i++) open.push(await openEvents(t.app, cookie));
    }
    const thirteenth = await t.app.request(eventsUrl, { headers: { cookie: last } });
    expect(thirteenth.status).toBe(429);
    expect(await thirteenth.json()).toMatchObject({
      error: { code: 'TOO_MANY_STREAMS', details: { limit: 'user', max: 12 } },
    });
    for (const events of open) await events.close();
  });

  it('tells a dead session (401 SESSION_EXPIRED) from no session (401 UNAUTHENTICATED)', async () => {
    const { app } = await makeSyncTest();
    const none = await app.request('http://127.0.0.1:8787/api/sync/pull');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const dead = await app.request('http://127.0.0.1:8787/api/sync/pull', {
      headers: { cookie: 'kanjo_session=unknown.secret' },
    });
    expect(dead.status).toBe(401);
    expect(await dead.json()).toMatchObject({ error: { code: 'SESSION_EXPIRED' } });
  });
});
