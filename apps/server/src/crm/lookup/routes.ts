import { Hono } from 'hono';
import type { AppEnv } from '../../http/env';

/**
 * CRM data inside Kanjo (F9, F10): `GET /api/crm/search?q=`,
 * `POST /api/crm/import`, `GET /api/crm/customers/:customerId/info`.
 */
export function crmLookupRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
