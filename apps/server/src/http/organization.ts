import { organizationSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import { loadOrganization, saveOrganization } from '../db/organizations';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { parseWith, readBody } from './validate';

const patchOrganizationSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  country: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'Use an ISO 3166 country code such as JP.')),
  ),
  locale: v.optional(v.picklist(['en', 'ja'])),
  timezone: v.optional(
    v.pipe(
      v.string(),
      v.check((tz) => isTimeZone(tz), 'Use an IANA time zone such as Asia/Tokyo.'),
    ),
  ),
  roundingMode: v.optional(v.picklist(['halfUp', 'down', 'up'])),
  numbering: v.optional(
    v.strictObject({
      invoicePrefix: v.pipe(v.string(), v.maxLength(20)),
      quotePrefix: v.pipe(v.string(), v.maxLength(20)),
      salesOrderPrefix: v.pipe(v.string(), v.maxLength(20)),
    }),
  ),
  customerFields: v.optional(v.unknown()),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The caller's organization; its settings are changed by owners and admins. */
export const organizationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const org = await loadOrganization(c.var.deps.db, c.var.user.organizationId);
    if (!org) throw notFound('Organization');
    return c.json(org);
  })
  .patch('/', requireRole('owner', 'admin'), async (c) => {
    const patch = await readBody(c, patchOrganizationSchema);
    const { db, clock } = c.var.deps;
    const current = await loadOrganization(db, c.var.user.organizationId);
    if (!current) throw notFound('Organization');
    // The merged result is checked against the full schema (custom field definitions included).
    const next = parseWith(organizationSchema, { ...current, ...patch });
    await saveOrganization(db, next, clock().toISOString());
    return c.json(next);
  });
