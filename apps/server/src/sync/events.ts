import { SSE_HEARTBEAT_MS } from '@kanjo/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/env';
import type { SyncNotifier } from './notifier';

/**
 * `GET /api/sync/events`: a Server-Sent Events stream that says `poke` with
 * `{"seq": N}` whenever the organization's seq moves (after the commit), and
 * once on connect with the current seq, so a reconnecting client catches up on
 * pokes it missed. A comment line every 25 s keeps proxies from closing it.
 */
export function syncEvents(
  c: Context<AppEnv>,
  { notifier, heartbeatMs = SSE_HEARTBEAT_MS }: { notifier: SyncNotifier; heartbeatMs?: number },
): Response {
  const organizationId = c.var.user.organizationId;
  const { db } = c.var.deps;
  return streamSSE(c, async (stream) => {
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    const poke = (seq: number) =>
      stream.writeSSE({ event: 'poke', data: JSON.stringify({ seq }) }).catch(() => undefined);
    const unsubscribe = notifier.subscribe(organizationId, (seq) => void poke(seq));
    const heartbeat = setInterval(() => {
      stream.write(': heartbeat\n\n').catch(() => undefined);
    }, heartbeatMs);
    try {
      const org = await db
        .selectFrom('organizations')
        .select('seq')
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      await poke(org.seq);
      await closed;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
    }
  });
}
