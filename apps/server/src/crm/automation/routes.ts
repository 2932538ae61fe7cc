import { Hono } from 'hono';
import type { AppEnv } from '../../http/env';
import type { SyncNotifier } from '../../sync/notifier';

/**
 * Deal-stage automation (F15, F16): `GET/PUT /api/crm/automation/settings`,
 * `GET /api/crm/automation/log`, `POST /api/crm/automation/dry-run`.
 */
export function crmAutomationRoutes(_options: { notifier: SyncNotifier }): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
