import {
  MAX_PUSH_MUTATIONS,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { ServiceError } from '../errors';
import { documented, jsonResponse } from '../http/openapi-docs';
import { parseWith, readJson } from '../http/validate';
import { compactChangeLog } from './compaction';
import { syncEvents } from './events';
import type { SyncNotifier } from './notifier';
import { pullChanges } from './pull';
import { pushMutations } from './push';

const tags = ['Sync'];

/** `/api/sync`: push, pull, events (SSE) and on-demand compaction. Mount behind requireUser. */
export function syncRoutes({ notifier }: { notifier: SyncNotifier }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(
    '/push',
    documented({
      summary: 'Push outbox mutations',
      tags,
      description:
        'Applies a client’s mutations exactly once and in order, in one transaction. `seq` ≤ the client’s `lastSeq` replays the stored result (a different body: 409 SEQ_REUSED, nothing applied); a gap stops processing; a refused mutation is `rejected` and still settles its seq; a transient failure answers 503 TRY_AGAIN with nothing applied. At most 500 mutations (413).',
      body: pushRequestSchema,
      responses: { 200: jsonResponse('`{ lastSeq, results, cursor }`', pushResponseSchema) },
    }),
    async (c) => {
      const body = await readJson(c);
      if (countMutations(body) > MAX_PUSH_MUTATIONS) {
        throw new ServiceError(
          'tooLarge',
          'PAYLOAD_TOO_LARGE',
          `Push at most ${MAX_PUSH_MUTATIONS} mutations at a time.`,
        );
      }
      const request = parseWith(pushRequestSchema, body);
      const { clock, newId, log } = c.var.deps;
      const response = await pushMutations({
        deps: c.var.deps,
        user: c.var.user,
        request,
        now: clock(),
        newId,
        log,
      });
      return c.json(response);
    },
  );

  app.get(
    '/pull',
    documented({
      summary: 'Pull changes after a cursor',
      tags,
      description:
        'Query: `cursor` (default 0), `limit` (distinct entities, 1–1000, default 500), `clientId`. From one snapshot: each changed entity once with its current stored row (`op: delete` for soft-deleted rows), the next `cursor`, `hasMore`, and the client’s `lastSeq` and newest 200 `rejections`. 410 CURSOR_EXPIRED: pull again from 0.',
      responses: {
        200: jsonResponse(
          '`{ changes, cursor, hasMore, lastSeq, rejections }`',
          pullResponseSchema,
        ),
        410: jsonResponse('CURSOR_EXPIRED'),
      },
    }),
    async (c) => {
      const query = parseWith(pullQuerySchema, c.req.query());
      const response = await pullChanges({
        db: c.var.deps.db,
        user: c.var.user,
        cursor: query.cursor,
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
        ...(query.clientId !== undefined ? { clientId: query.clientId } : {}),
      });
      return c.json(response);
    },
  );

  app.get(
    '/events',
    documented({
      summary: 'Change notifications (SSE)',
      tags,
      description:
        '`text/event-stream`: `event: poke` with `data: {"seq": N}` on connect and whenever the organization’s seq moves; a comment heartbeat every 25 s. The stream lives only as long as its session: on logout, the user being disabled or the session ending any other way (re-checked on every poke and every 30 s) it sends `event: end` with `data: {"code":"SESSION_EXPIRED"}` and closes. At most 4 open streams per session and 12 per user: one more is refused with 429 TOO_MANY_STREAMS (`details: { limit: "session" | "user", max }`); open streams are never closed to make room.',
      responses: {
        200: { description: 'An event stream.' },
        429: jsonResponse('TOO_MANY_STREAMS: this session or user has its most open streams'),
      },
    }),
    (c) => syncEvents(c, { notifier }),
  );

  app.post(
    '/compact',
    documented({
      summary: 'Compact the change log now',
      tags,
      description: 'Owner or admin. The server also compacts daily.',
      responses: {
        200: jsonResponse(
          '`{ superseded, expired }`: entries removed',
          v.object({ superseded: v.number(), expired: v.number() }),
        ),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const { db, clock } = c.var.deps;
      const result = await compactChangeLog({
        db,
        now: clock(),
        organizationId: c.var.user.organizationId,
      });
      return c.json(result);
    },
  );

  return app;
}

function countMutations(body: unknown): number {
  if (typeof body !== 'object' || body === null || !('mutations' in body)) return 0;
  return Array.isArray(body.mutations) ? body.mutations.length : 0;
}
