import { SSE_HEARTBEAT_MS } from '@kanjo/core';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { sessionIsLive } from '../auth/session';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { StreamSlot, SyncNotifier } from './notifier';

/**
 * How often an open stream re-checks its session. Logout, disable and
 * invalidation through the session module end streams at once; this catches
 * the rest (expiry, a session row deleted any other way) within 30 s.
 */
export const SESSION_RECHECK_MS = 30_000;

export interface SyncEventsOptions {
  notifier: SyncNotifier;
  heartbeatMs?: number;
  recheckMs?: number;
}

/**
 * `GET /api/sync/events`: a Server-Sent Events stream that says `poke` with
 * `{"seq": N}` whenever the organization's seq moves (after the commit), and
 * once on connect with the current seq, so a reconnecting client catches up on
 * pokes it missed. A comment line every 25 s keeps proxies from closing it.
 * The stream lives only as long as its session: when the session ends it says
 * `event: end` with `{"code":"SESSION_EXPIRED"}` and closes. A session holds
 * at most 4 streams and a user 12; more answer 429 TOO_MANY_STREAMS.
 */
export function syncEvents(
  c: Context<AppEnv>,
  { notifier, heartbeatMs = SSE_HEARTBEAT_MS, recheckMs = SESSION_RECHECK_MS }: SyncEventsOptions,
): Response {
  const { id: userId, organizationId } = c.var.user;
  const sessionId = c.var.session.id;
  const { db, clock } = c.var.deps;
  let sessionEnded = false;
  let endStream = (): void => undefined;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  const endSession = () => {
    sessionEnded = true;
    endStream();
  };
  notifier.watchSessions(db);
  const slot = notifier.openStream({ sessionId, userId }, endSession);
  if (!slot.ok) throw tooManyStreams(slot);
  const live = () => sessionIsLive(db, sessionId, clock());

  return streamSSE(c, async (stream) => {
    stream.onAbort(endStream);
    // Pokes go out in order, each only after the session is found still live.
    let queue = Promise.resolve();
    const poke = (seq: number) => {
      queue = queue
        .then(async () => {
          if (sessionEnded) return;
          if (!(await live())) return endSession();
          await stream.writeSSE({ event: 'poke', data: JSON.stringify({ seq }) });
        })
        .catch(() => undefined);
      return queue;
    };
    const unsubscribe = notifier.subscribe(organizationId, (seq) => void poke(seq));
    const timers = startTimers(stream, { heartbeatMs, recheckMs, live, endSession });
    try {
      const org = await db
        .selectFrom('organizations')
        .select('seq')
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      await poke(org.seq);
      await ended;
      if (sessionEnded) await sayEnd(stream);
    } finally {
      timers.stop();
      unsubscribe();
      slot.release();
    }
  });
}

function startTimers(
  stream: SSEStreamingApi,
  options: {
    heartbeatMs: number;
    recheckMs: number;
    live: () => Promise<boolean>;
    endSession: () => void;
  },
): { stop: () => void } {
  const heartbeat = setInterval(() => {
    stream.write(': heartbeat\n\n').catch(() => undefined);
  }, options.heartbeatMs);
  const recheck = setInterval(() => {
    options.live().then(
      (live) => live || options.endSession(),
      () => undefined,
    );
  }, options.recheckMs);
  return {
    stop: () => {
      clearInterval(heartbeat);
      clearInterval(recheck);
    },
  };
}

/** Tells the client why the stream closes, so it checks its session instead of reconnecting blindly. */
async function sayEnd(stream: SSEStreamingApi): Promise<void> {
  await stream
    .writeSSE({ event: 'end', data: JSON.stringify({ code: 'SESSION_EXPIRED' }) })
    .catch(() => undefined);
}

function tooManyStreams(slot: Extract<StreamSlot, { ok: false }>): ApiError {
  const message =
    slot.limit === 'session'
      ? `This session already has ${slot.max} open event streams: close one first.`
      : `This user already has ${slot.max} open event streams: close one first.`;
  return new ApiError(429, 'TOO_MANY_STREAMS', message, { limit: slot.limit, max: slot.max });
}
