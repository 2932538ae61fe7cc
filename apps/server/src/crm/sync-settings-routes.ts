import { crmSyncSettingsSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { documented, errorResponseSchema, jsonResponse } from '../http/openapi-docs';
import { readBody } from '../http/validate';
import type { CrmMetadata } from './settings-metadata';
import { setSyncPaused } from './settings-store';
import { syncSettingsView, updateSyncSettings } from './sync-settings';

const settingsBodySchema = v.strictObject({ settings: crmSyncSettingsSchema });

const currencySchema = v.object({
  organization: v.string(),
  crm: v.nullable(v.string()),
  multiCurrency: v.nullable(v.boolean()),
  twoWayAllowed: v.boolean(),
  message: v.optional(v.string()),
});
const viewWaitSchema = v.object({
  module: v.picklist(['Accounts', 'Contacts', 'Products']),
  viewId: v.string(),
  since: v.string(),
  runId: v.string(),
});
const viewEntries = {
  settings: crmSyncSettingsSchema,
  setup: v.picklist(['pending', 'done']),
  waitingViews: v.array(viewWaitSchema),
  paused: v.boolean(),
  pausedAt: v.nullable(v.string()),
  updatedAt: v.nullable(v.string()),
  currency: currencySchema,
  budget: v.object({ usedToday: v.number(), limit: v.nullable(v.number()) }),
};
const settingsResponse = v.object(viewEntries);
const savedResponse = v.object({
  ...viewEntries,
  warnings: v.array(v.object({ code: v.literal('CRM_NOT_CHECKED'), message: v.string() })),
});
const pauseResponse = v.object({ paused: v.boolean(), pausedAt: v.nullable(v.string()) });

const tags = ['CRM'];

/**
 * `/api/crm/settings`, `/api/crm/pause`, `/api/crm/resume`: the organization's
 * sync rules and the pause switch. Any member reads;
 * owners and admins change.
 */
export function crmSettingsRoutes({ metadata }: { metadata: CrmMetadata }) {
  const pauseRoute = (paused: boolean) =>
    [
      documented({
        summary: paused
          ? 'Pause CRM sync: nothing syncs until resumed; settings and links are kept'
          : 'Resume CRM sync',
        tags,
        responses: { 200: jsonResponse('The pause state', pauseResponse) },
      }),
      requireRole('owner', 'admin'),
    ] as const;

  return new Hono<AppEnv>()
    .get(
      '/settings',
      documented({
        summary:
          'The CRM sync rules (defaults until saved), setup and pause state, modules waiting for a view, currency check and API budget',
        description:
          '`setup` is `pending` until an owner or admin first saves the rules: until then nothing syncs (no run of any trigger, no notification channel), a dry run excepted. `waitingViews` lists the modules whose chosen CRM view disappeared from the CRM: runs leave them out until a view (or none) is saved for them.',
        tags,
        responses: { 200: jsonResponse('The sync settings', settingsResponse) },
      }),
      async (c) => c.json(await syncSettingsView(c.var.deps, c.var.user.organizationId)),
    )
    .put(
      '/settings',
      documented({
        summary: 'Change the CRM sync rules',
        description:
          'Validates the settings, then the currency rule (with different base currencies only fetching is allowed) and every mapping used against the CRM’s fields and Kanjo’s. Without an enabled connection only Kanjo’s side is checked and `warnings` says so. The first save sets the CRM up: the interval poll then starts the first run on its next tick (within a minute) when automatic sync is on. Saving another view (or none) for a module waiting for its gone view lets it sync again.',
        tags,
        body: settingsBodySchema,
        responses: {
          200: jsonResponse('Saved', savedResponse),
          400: jsonResponse(
            'VALIDATION_FAILED (details.fields), MAPPING_INVALID (details.problems: list, index, kanjo, crm, code, reason) or CRM_AUTH_FAILED',
            errorResponseSchema,
          ),
          409: jsonResponse(
            'CRM_CURRENCY_MISMATCH: the message names both currencies',
            errorResponseSchema,
          ),
          429: jsonResponse('CRM_RATE_LIMITED', errorResponseSchema),
          502: jsonResponse('CRM_UNAVAILABLE', errorResponseSchema),
        },
      }),
      requireRole('owner', 'admin'),
      async (c) => {
        const { settings } = await readBody(c, settingsBodySchema);
        const saved = await updateSyncSettings(
          { ...c.var.deps, metadata },
          { organizationId: c.var.user.organizationId, userId: c.var.user.id, settings },
        );
        return c.json(saved);
      },
    )
    .post('/pause', ...pauseRoute(true), async (c) => c.json(await pause(c, true)))
    .post('/resume', ...pauseRoute(false), async (c) => c.json(await pause(c, false)));
}

function pause(c: { var: AppEnv['Variables'] }, paused: boolean) {
  return setSyncPaused(c.var.deps.db, {
    organizationId: c.var.user.organizationId,
    userId: c.var.user.id,
    now: c.var.deps.clock().toISOString(),
    paused,
  });
}
