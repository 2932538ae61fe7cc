import { organizationPatchSchema, organizationSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import { loadOrganization, saveOrganization } from '../db/organizations';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { documented, jsonResponse } from './openapi-docs';
import { parseWith, readBody } from './validate';

/**
 * The base currency is fixed once an organization exists: every amount already
 * recorded is in minor units of it, so changing it would silently re-value them.
 */
const settingsPatchSchema = v.omit(organizationPatchSchema, ['baseCurrency']);

/** The caller's organization; its settings are changed by owners and admins. */
export const organizationRoutes = new Hono<AppEnv>()
  .get(
    '/',
    documented({
      summary: 'Your organization and its settings',
      tags: ['Organization'],
      responses: { 200: jsonResponse('The organization', organizationSchema) },
    }),
    async (c) => {
      const org = await loadOrganization(c.var.deps.db, c.var.user.organizationId);
      if (!org) throw notFound('Organization');
      return c.json(org);
    },
  )
  .patch(
    '/',
    documented({
      summary:
        'Change settings: name, country, time zone, rounding mode, numbering, customer fields',
      tags: ['Organization'],
      body: settingsPatchSchema,
      responses: { 200: jsonResponse('The organization', organizationSchema) },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const patch = await readBody(c, settingsPatchSchema);
      const { db, clock } = c.var.deps;
      const current = await loadOrganization(db, c.var.user.organizationId);
      if (!current) throw notFound('Organization');
      const merged: Record<string, unknown> = { ...current, ...patch };
      if (patch.country === null) delete merged.country;
      // The merged result is checked against the full schema as well.
      const next = parseWith(organizationSchema, merged);
      await saveOrganization(db, next, clock().toISOString());
      return c.json(next);
    },
  );
