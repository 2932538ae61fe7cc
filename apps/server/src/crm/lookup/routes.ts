import { Hono } from 'hono';
import type { AppEnv } from '../../http/env';
import type { CrmMetadata } from '../settings-metadata';

/**
 * CRM data inside Kanjo (F9, F10): `GET /api/crm/search?q=`,
 * `POST /api/crm/import`, `GET /api/crm/customers/:customerId/info`.
 */
export function crmLookupRoutes(_options: { metadata: CrmMetadata }): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
