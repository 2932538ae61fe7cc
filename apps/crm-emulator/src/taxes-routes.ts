import { Hono } from 'hono';
import type { EmulatorEnv } from './context';
import { presentOrgTaxes } from './inventory/taxes';

/** `GET /crm/v8/org/taxes`: the org's taxes, which inventory records' line taxes name. */
export function taxesRoutes(): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>().get('/org/taxes', (c) => c.json(presentOrgTaxes()));
}
