import { Hono } from 'hono';
import type { AppEnv } from '../../http/env';
import type { CrmSyncRunner } from '../sync/run';

/**
 * CRM notification callbacks (B4, R11): `POST /hooks/crm/:organizationId`,
 * outside `/api` (no session: the channel token is the proof).
 */
export function crmNotificationRoutes(_options: { runner: CrmSyncRunner }): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
