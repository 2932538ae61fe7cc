import { SSE_HEARTBEAT_MS } from '@kanjo/core';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { sessionIsLive } from '../auth/session';
import { currentSeq } from '../db/org-seq';
import type { AppEnv } from '../http/env';
import { ServiceError } from '../errors';
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
  const life = streamLife();
  notifier.watchSessions(db);
  const slot = notifier.openStream({ sessionId, userId }, life.endSession);
  if (!slot.ok) throw tooManyStreams(slot);
  const live = () => sessionIsLive(db, sessionId, clock());

  return streamSSE(c, async (stream) => {
    stream.onAbort(life.endStream);
    // Gone before the listener was added: onAbort would never call it.
    if (stream.aborted) life.endStream();
    const poke = orderedPokes(stream, life, live);
    const unsubscribe = notifier.subscribe(organizationId, (seq) => void poke(seq));
    const timers = startTimers(stream, life, { heartbeatMs, recheckMs, live });
    try {
      await poke(await currentSeq(db, organizationId));
      await life.ended;
      if (life.sessionEnded) await sayEnd(stream);
    } finally {
      timers.stop();
      unsubscribe();
      slot.release();
    }
  });
}

interface StreamLife {
  /** Settles when the stream should close: the client left or the session ended. */
  ended: Promise<void>;
  readonly sessionEnded: boolean;
  endStream: () => void;
  endSession: () => void;
}

function streamLife(): StreamLife {
  let resolveEnded = (): void => undefined;
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  let sessionEnded = false;
  return {
    ended,
    get sessionEnded() {
      return sessionEnded;
    },
    endStream: () => resolveEnded(),
    endSession: () => {
      sessionEnded = true;
      resolveEnded();
    },
  };
}

/** Pokes go out in order, each only after the session is found still live. */
function orderedPokes(
  stream: SSEStreamingApi,
  life: StreamLife,
  live: () => Promise<boolean>,
): (seq: number) => Promise<void> {
  let queue = Promise.resolve();
  return (seq) => {
    queue = queue
      .then(async () => {
        if (life.sessionEnded) return;
        if (!(await live())) return life.endSession();
        await stream.writeSSE({ event: 'poke', data: JSON.stringify({ seq }) });
      })
      .catch(() => undefined);
    return queue;
  };
}

function startTimers(
  stream: SSEStreamingApi,
  life: StreamLife,
  options: { heartbeatMs: number; recheckMs: number; live: () => Promise<boolean> },
): { stop: () => void } {
  const heartbeat = setInterval(() => {
    // A stream aborted unnoticed would hold its slot forever: the heartbeat frees it.
    if (stream.aborted || stream.closed) return life.endStream();
    stream.write(': heartbeat\n\n').catch(() => undefined);
  }, options.heartbeatMs);
  const recheck = setInterval(() => {
    options.live().then(
      (live) => live || life.endSession(),
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

function tooManyStreams(slot: Extract<StreamSlot, { ok: false }>): ServiceError {
  const message =
    slot.limit === 'session'
      ? `This session already has ${slot.max} open event streams: close one first.`
      : `This user already has ${slot.max} open event streams: close one first.`;
  return new ServiceError('tooMany', 'TOO_MANY_STREAMS', message, {
    limit: slot.limit,
    max: slot.max,
  });
}
