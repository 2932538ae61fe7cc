import { panelPermissionsSchema } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../../auth/middleware';
import type { AppEnv } from '../../http/env';
import { documented, jsonResponse } from '../../http/openapi-docs';
import { readBody } from '../../http/validate';
import { requireSecrets } from '../crm-clients';
import type { CrmDirectory } from './crm-directory';
import { loadSavedPermissions, mergeProfiles, savePermissions } from './permissions-store';
import { loadPanelStatus, rotatePanelSecret } from './secret-store';

const profileIdSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64));

export const panelPermissionsBodySchema = v.strictObject({
  profiles: v.pipe(
    v.array(
      v.strictObject({
        profileId: profileIdSchema,
        profileName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
        permissions: panelPermissionsSchema,
      }),
    ),
    v.maxLength(200),
    v.check(
      (list) => new Set(list.map((p) => p.profileId)).size === list.length,
      'Each profile once.',
    ),
  ),
});

/** Where the CRM opens the panel: this server's public URL, else the address it was reached at. */
function panelUrl(publicUrl: string | undefined, requestUrl: string): string {
  const base = (publicUrl ?? new URL(requestUrl).origin).replace(/\/+$/, '');
  return `${base}/crm-panel`;
}

const tags = ['CRM panel settings'];

/** The panel's address, and the one to paste in the CRM's widget setting (it names the org). */
const where = (panelUrl: string, organizationId: string) => ({
  panelUrl,
  organizationId,
  widgetUrl: `${panelUrl}?org=${encodeURIComponent(organizationId)}`,
});

/**
 * `/api/crm/panel…`: the panel secret the CRM signs with and what each
 * CRM profile may do there. Owners and admins only.
 *
 * @example
 * app.route('/api/crm', crmPanelSettingsRoutes({ directory }));
 */
export function crmPanelSettingsRoutes({ directory }: { directory: CrmDirectory }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/panel', requireRole('owner', 'admin'));
  app.use('/panel/*', requireRole('owner', 'admin'));

  app.get(
    '/panel',
    documented({
      summary: 'The panel URL for the CRM widget, and whether a secret is set',
      tags,
      responses: {
        200: jsonResponse(
          '{ panelUrl, organizationId, widgetUrl, hasSecret, createdAt, rotatedAt }',
        ),
      },
    }),
    async (c) => {
      const organizationId = c.var.user.organizationId;
      const url = panelUrl(c.var.deps.publicUrl, c.req.url);
      const { secretSet, createdAt, rotatedAt } = await loadPanelStatus(
        c.var.deps.db,
        organizationId,
      );
      return c.json({ ...where(url, organizationId), hasSecret: secretSet, createdAt, rotatedAt });
    },
  );

  app.post(
    '/panel/secret',
    documented({
      summary: 'Make or rotate the panel secret; shown this once',
      tags,
      responses: {
        200: jsonResponse('{ secret, panelUrl, organizationId, widgetUrl, hasSecret, rotatedAt }'),
        503: jsonResponse('CRM_SECRETS_UNAVAILABLE'),
      },
    }),
    async (c) => {
      const organizationId = c.var.user.organizationId;
      const url = panelUrl(c.var.deps.publicUrl, c.req.url);
      const { secret, rotatedAt } = await rotatePanelSecret({
        db: c.var.deps.db,
        secrets: requireSecrets(c.var.deps),
        organizationId,
        now: c.var.deps.clock().toISOString(),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ secret, ...where(url, organizationId), hasSecret: true, rotatedAt });
    },
  );

  app.get(
    '/panel/permissions',
    documented({
      summary: 'The CRM profiles with their panel permissions (defaults where unsaved)',
      tags,
      responses: {
        200: jsonResponse(
          '{ profiles: [{ profileId, profileName, permissions, saved, updatedAt, inCrm }] }',
        ),
      },
    }),
    async (c) => {
      const organizationId = c.var.user.organizationId;
      const deps = c.var.deps;
      const [crmProfiles, saved] = await Promise.all([
        directory.profiles(deps, organizationId, { fresh: true }),
        loadSavedPermissions(deps.db, organizationId),
      ]);
      return c.json({ profiles: mergeProfiles(crmProfiles, saved) });
    },
  );

  app.put(
    '/panel/permissions',
    documented({
      summary: "Save profiles' panel permissions (normalised; unknown profiles kept)",
      tags,
      body: panelPermissionsBodySchema,
      responses: {
        200: jsonResponse(
          '{ profiles: [{ profileId, profileName, permissions, saved, updatedAt }] }',
        ),
      },
    }),
    async (c) => {
      const body = await readBody(c, panelPermissionsBodySchema);
      const profiles = await savePermissions({
        db: c.var.deps.db,
        organizationId: c.var.user.organizationId,
        userId: c.var.user.id,
        now: c.var.deps.clock().toISOString(),
        profiles: body.profiles,
      });
      return c.json({ profiles });
    },
  );

  return app;
}
