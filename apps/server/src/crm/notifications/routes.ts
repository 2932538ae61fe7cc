import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import type { AppEnv } from '../../http/env';
import { errorBody } from '../../http/errors';
import type { SyncNotifier } from '../../sync/notifier';
import type { CrmSyncRunner } from '../sync/run';
import { crmCallbackSchema, verifyCallback } from './callback';
import { NotifiedRunQueue } from './queue';

/** Zoho's callbacks carry ids only: 64 KiB is thousands of them. */
const MAX_CALLBACK_BYTES = 64 * 1024;

export interface CrmNotificationRoutesOptions {
  runner: CrmSyncRunner;
  /** Pokes the organization's SSE clients after each commit of a notified run. */
  notifier?: SyncNotifier;
  /** The hand-off to the runner; one is made when omitted (tests pass theirs to await it). */
  queue?: NotifiedRunQueue;
}

/**
 * CRM notification callbacks (B4, R11): `POST /hooks/crm/:organizationId`,
 * outside `/api`: no session and no Origin check (CRM servers send none), the
 * channel token is the proof. Malformed → 400, unknown channel → 404, wrong
 * token → 403, another module → 400, and nothing is done; a genuine callback
 * gets 202 at once and its ids go to the queue.
 *
 * @example
 * app.route('/hooks/crm', crmNotificationRoutes({ runner, notifier }));
 */
export function crmNotificationRoutes(options: CrmNotificationRoutesOptions): Hono<AppEnv> {
  const { runner, notifier } = options;
  const queue =
    options.queue ??
    new NotifiedRunQueue({
      runner,
      notify: notifier && ((organizationId, seq) => notifier.notify(organizationId, seq)),
    });
  const app = new Hono<AppEnv>();
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
    const parsed = v.safeParse(crmCallbackSchema, await readJson(c));
    if (!parsed.success) {
      deps.log.info('CRM notification refused', { organizationId, code: 'INVALID_CALLBACK' });
      return c.json(errorBody('INVALID_CALLBACK', 'Not a CRM notification.'), 400);
    }
    const verdict = await verifyCallback(deps.db, organizationId, parsed.output);
    if (!verdict.ok) {
      deps.log.info('CRM notification refused', { organizationId, code: verdict.code });
      return c.json(errorBody(verdict.code, verdict.message), verdict.status);
    }
    queue.add(deps, organizationId, verdict.records);
    return c.body(null, 202);
  });
  return app;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return (await c.req.json()) as unknown;
  } catch {
    return undefined;
  }
}
