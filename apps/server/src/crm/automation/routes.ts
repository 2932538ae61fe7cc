import { crmAutomationSettingsSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { limitQuerySchema, parseWith, readBody } from '../../http/validate';
import { automationDryRun } from './dry-run';
import { listAutomationLog } from './log-store';
import { loadAutomationSettings, saveAutomationSettings } from './settings-store';

const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const logQuerySchema = v.object({
  limit: limitQuerySchema(200),
  before: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  documentId: v.optional(idSchema),
  dealId: v.optional(idSchema),
});

const tags = ['CRM automation'];

/**
 * Deal-stage automation: the rules (any member reads, owners and
 * admins change), the log of every evaluation, and a dry run of the rules on
 * the current deals. Mounted at `/api/crm` behind `requireUser`.
 */
export function crmAutomationRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/automation/settings',
      documented({
        summary: 'The deal-stage automation rules and when they were turned on',
        tags,
        responses: { 200: jsonResponse('{ settings, enabledAt }') },
      }),
      async (c) => c.json(await loadAutomationSettings(c.var.deps.db, c.var.user.organizationId)),
    )
    .put(
      '/automation/settings',
      documented({
        summary: 'Change the deal-stage automation rules',
        description:
          'Turning the rules on stamps `enabledAt`: deal changes made before it are not acted on.',
        tags,
        body: crmAutomationSettingsSchema,
        responses: {
          200: jsonResponse('{ settings, enabledAt }'),
          400: jsonResponse('VALIDATION_FAILED', errorResponseSchema),
          403: jsonResponse('FORBIDDEN', errorResponseSchema),
        },
      }),
      requireRole('owner', 'admin'),
      async (c) => {
        const settings = await readBody(c, crmAutomationSettingsSchema);
        const saved = await saveAutomationSettings(c.var.deps.db, {
          organizationId: c.var.user.organizationId,
          settings,
          userId: c.var.user.id,
          now: c.var.deps.clock().toISOString(),
        });
        return c.json(saved);
      },
    )
    .get(
      '/automation/log',
      documented({
        summary: 'Every automation step, acted on or skipped, newest first',
        tags,
        responses: { 200: jsonResponse('{ entries, more }') },
      }),
      async (c) => {
        const { limit = 50, ...query } = parseWith(logQuerySchema, c.req.query());
        const log = await listAutomationLog(c.var.deps.db, c.var.user.organizationId, {
          ...query,
          limit,
        });
        return c.json(log);
      },
    )
    .post(
      '/automation/dry-run',
      documented({
        summary: 'What the rules would do to the current deals; nothing is written',
        tags,
        responses: { 200: jsonResponse('{ entries }') },
      }),
      async (c) => {
        const { clock, newId, db } = c.var.deps;
        const entries = await automationDryRun(db, c.var.user.organizationId, {
          now: clock().toISOString(),
          newId,
        });
        return c.json({ entries });
      },
    );
}
