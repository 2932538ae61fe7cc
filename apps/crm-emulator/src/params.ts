import type { Context } from 'hono';
import { ZohoError } from './errors';

/**
 * A required comma-separated list parameter (`ids=1,2`, `channel_ids=3`), or
 * Zoho's `REQUIRED_PARAM_MISSING` naming it.
 */
export function requiredList(c: Context, name: string): string[] {
  const values = (c.req.query(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (values.length === 0) {
    throw new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
      param_name: name,
    });
  }
  return values;
}
