import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { AttemptBudget } from '../../auth/throttle';
import { clientLimitKey } from '../../http/client-address';
import type { AppEnv } from '../../http/env';
import { errorBody } from '../../http/errors';
import type { CrmSyncRunner } from '../sync/run';
import { crmCallbackSchema, verifyCallback } from './callback';
import { NotifiedRunQueue } from './queue';

/** Zoho's callbacks carry ids only: 64 KiB is thousands of them. */
const MAX_CALLBACK_BYTES = 64 * 1024;
/**
 * Refused callbacks an address may send per minute before it is answered 429
 * unread and unlogged. Genuine callbacks never count, so the CRM's own
 * addresses are only slowed by their own refusals (a channel it still calls
 * after Kanjo let it go).
 */
const REFUSALS_PER_MINUTE = 30;
/** Organization ids are UUIDs: anything else is refused before it is looked up or logged. */
const ORGANIZATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CrmNotificationRoutesOptions {
  runner: CrmSyncRunner;
  /** The hand-off to the runner; one is made when omitted (tests pass theirs to await it). */
  queue?: NotifiedRunQueue;
}

/**
 * CRM notification callbacks: `POST /hooks/crm/:organizationId`,
 * outside `/api`: no session and no Origin check (CRM servers send none), the
 * channel token is the proof. Malformed → 400, unknown channel → 404, wrong
 * token → 403, another module → 400, and nothing is done; a genuine callback
 * gets 202 at once and its ids go to the queue. Each refusal is logged on one
 * short line (never the request's own text); an address past
 * {@link REFUSALS_PER_MINUTE} refusals gets 429 until the minute is over.
 *
 * @example
 * app.route('/hooks/crm', crmNotificationRoutes({ runner }));
 */
export function crmNotificationRoutes(options: CrmNotificationRoutesOptions): Hono<AppEnv> {
  const { runner } = options;
  const queue = options.queue ?? new NotifiedRunQueue({ runner });
  const refusals = new AttemptBudget(REFUSALS_PER_MINUTE, 60_000);
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const { deps } = c.var;
    const address = clientLimitKey(c, { trustProxy: deps.trustProxy === true });
    const now = deps.clock().getTime();
    const wait = refusals.retryAfterMs(address, now);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.json(
        errorBody('RATE_LIMITED', 'Too many refused callbacks from this address.'),
        429,
      );
    }
    await next();
    if (c.res.status < 400) return;
    refusals.take(address, now);
    deps.log.info('CRM notification refused', {
      status: c.res.status,
      code: await errorCode(c.res),
      address,
      path: c.req.path.slice(0, 80),
      ...(refusals.retryAfterMs(address, now) > 0
        ? { limited: 'further refusals answered 429 for a minute' }
        : {}),
    });
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_CALLBACK_BYTES,
      onError: (c) =>
        c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is over 64 KiB.'), 413),
    }),
  );
  app.post('/:organizationId', async (c) => {
    const organizationId = c.req.param('organizationId');
    const { deps } = c.var;
    if (!ORGANIZATION_ID.test(organizationId)) {
      return c.json(errorBody('CRM_CHANNEL_UNKNOWN', 'No such channel.'), 404);
    }
    const parsed = v.safeParse(crmCallbackSchema, await readJson(c));
    if (!parsed.success) {
      return c.json(errorBody('INVALID_CALLBACK', 'Not a CRM notification.'), 400);
    }
    const verdict = await verifyCallback(deps.db, organizationId, parsed.output);
    if (!verdict.ok) return c.json(errorBody(verdict.code, verdict.message), verdict.status);
    queue.add(deps, organizationId, verdict.records);
    return c.body(null, 202);
  });
  return app;
}

/** The `error.code` of one of our own small JSON answers, for the log line. */
async function errorCode(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    return undefined;
  }
}
