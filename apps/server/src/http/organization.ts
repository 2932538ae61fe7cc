import {
  numberingInputSchema,
  organizationPatchSchema,
  organizationSchema,
  seriesFormat,
  type NumberedKind,
  type NumberingInput,
  type Organization,
} from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import { writeTransaction, type Db } from '../db/database';
import { loadOrganization, saveOrganization } from '../db/organizations';
import { nextCounters, readNumbering, setNumbering } from '../mutations/allocate-number';
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
      const organizationId = c.var.user.organizationId;
      const next = await writeTransaction(db, organizationId, async (trx) => {
        const current = await loadOrganization(trx, organizationId);
        if (!current) throw notFound('Organization');
        const merged: Record<string, unknown> = { ...current, ...patch };
        if (patch.country === null) delete merged.country;
        // The merged result is checked against the full schema as well.
        const parsed = parseWith(organizationSchema, merged);
        // New prefixes or digits go through the numbering rules, with the counters as they are.
        if (patch.numbering) {
          const counters = await nextCounters(trx, organizationId);
          parsed.numbering = await setNumbering(
            trx,
            organizationId,
            seriesInput(parsed, counters),
            parsed.numbering,
          );
        }
        await saveOrganization(trx, parsed, clock().toISOString());
        return parsed;
      });
      return c.json(next);
    },
  )
  .get(
    '/numbering',
    documented({
      summary: 'Document number series: prefix, digits, next number and its preview per kind',
      tags: ['Organization'],
      responses: {
        200: jsonResponse(
          '`{ quote, salesOrder, invoice }`, each `{ prefix, digits, next, preview, lastUsed }`',
        ),
      },
    }),
    async (c) => c.json(await numberingOf(c.var.deps.db, c.var.user.organizationId)),
  )
  .put(
    '/numbering',
    documented({
      summary: 'Set every document number series at once',
      tags: ['Organization'],
      description:
        'Owners and admins. Each series is `{ prefix, next, digits }`. A next number that is not above every number of its prefix already on a document of the kind (deleted ones included) is refused with 409 NUMBER_USED, naming each refused series in `details.fields`. Numbers are still given out by the server when a document is issued, in the same transaction.',
      body: numberingInputSchema,
      responses: {
        200: jsonResponse('The series as saved, as GET answers'),
        409: jsonResponse('NUMBER_USED'),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const input = await readBody(c, numberingInputSchema);
      const { db, clock } = c.var.deps;
      const organizationId = c.var.user.organizationId;
      await writeTransaction(db, organizationId, async (trx) => {
        const current = await loadOrganization(trx, organizationId);
        if (!current) throw notFound('Organization');
        const numbering = await setNumbering(trx, organizationId, input, current.numbering);
        await saveOrganization(trx, { ...current, numbering }, clock().toISOString());
      });
      return c.json(await numberingOf(db, organizationId));
    },
  );

async function numberingOf(db: Db, organizationId: string) {
  const org = await loadOrganization(db, organizationId);
  if (!org) throw notFound('Organization');
  return readNumbering(db, organizationId, org.numbering);
}

/** The organization's series with the given next counters, as the numbering rules take them. */
function seriesInput(org: Organization, next: Record<NumberedKind, number>): NumberingInput {
  const series = (kind: NumberedKind) => ({
    ...seriesFormat(org.numbering, kind),
    next: next[kind],
  });
  return { quote: series('quote'), salesOrder: series('salesOrder'), invoice: series('invoice') };
}
