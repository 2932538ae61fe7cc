import {
  defaultPanelPermissions,
  type PanelAction,
  type PanelClaims,
  type PanelDocumentKind,
  type PanelPermissions,
} from '@kanjo/core';
import type { MiddlewareHandler } from 'hono';
import { ServiceError } from '../../errors';
import type { AppDeps, AppEnv } from '../../http/env';
import { requireSecrets } from '../crm-clients';
import type { CrmDirectory } from './crm-directory';
import { loadSavedPermissions } from './permissions-store';
import { resolvePanelRecord, type PanelRecord } from './record';
import { PANEL_HEADER, verifyPanelRequest } from './verify';

/** A proven panel request: who asks, on which record, allowed to do what. */
export interface PanelAccess {
  organizationId: string;
  claims: PanelClaims;
  record: PanelRecord;
  profileName: string | undefined;
  permissions: PanelPermissions;
}

export interface PanelEnv {
  Variables: AppEnv['Variables'] & { panel: PanelAccess };
}

/**
 * A profile's permissions: as saved, else core's defaults by the profile's
 * name in the CRM. If the CRM cannot say the name, the profile gets the
 * defaults of a non-administrator (view only): never more than was granted.
 */
async function permissionsOf(
  deps: AppDeps,
  directory: CrmDirectory,
  organizationId: string,
  profileId: string,
): Promise<{ profileName: string | undefined; permissions: PanelPermissions }> {
  const saved = (await loadSavedPermissions(deps.db, organizationId)).get(profileId);
  if (saved) return { profileName: saved.profileName, permissions: saved.permissions };
  const profiles = await directory.profiles(deps, organizationId).catch(() => []);
  const profileName = profiles.find((p) => p.id === profileId)?.name;
  return { profileName, permissions: defaultPanelPermissions(profileName ?? '') };
}

/** Verifies `X-Kanjo-Panel` (401 otherwise) and sets `panel` for the handlers. */
export function requirePanel(directory: CrmDirectory): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    const deps = c.var.deps;
    const claims = await verifyPanelRequest({
      db: deps.db,
      secrets: requireSecrets(deps),
      raw: c.req.header(PANEL_HEADER),
      now: deps.clock(),
    });
    const organizationId = claims.org;
    const [record, granted] = await Promise.all([
      // A CRM that cannot say a Contact's Account leaves the record without a customer.
      resolvePanelRecord(deps.db, organizationId, claims, (contactId) =>
        directory.contactAccount(deps, organizationId, contactId).catch(() => null),
      ),
      permissionsOf(deps, directory, organizationId, claims.profile),
    ]);
    c.set('panel', { organizationId, claims, record, ...granted });
    await next();
    // The answers name one CRM user's view of one record: never kept by a cache.
    c.header('Cache-Control', 'no-store');
  };
}

const ACTION_WORDS: Record<PanelAction, string> = {
  createEdit: 'create or edit',
  view: 'view',
  sendEmail: 'send by email',
};

const KIND_WORDS: Record<PanelDocumentKind, string> = {
  quote: 'quotes',
  salesOrder: 'sales orders',
  invoice: 'invoices',
};

/** 403 `FORBIDDEN` naming the missing permission, unless the profile has it. */
export function requirePermission(
  access: PanelAccess,
  kind: PanelDocumentKind,
  action: PanelAction,
): void {
  if (access.permissions[kind][action]) return;
  throw new ServiceError(
    'forbidden',
    'FORBIDDEN',
    `This CRM profile may not ${ACTION_WORDS[action]} ${KIND_WORDS[kind]} (permission ${kind}.${action}).`,
    { kind, action },
  );
}

/** 403 unless the profile may see the receivables summary. */
export function requireReceivables(access: PanelAccess): void {
  if (access.permissions.receivables) return;
  throw new ServiceError(
    'forbidden',
    'FORBIDDEN',
    'This CRM profile may not see the receivables summary (permission receivables).',
    { action: 'receivables' },
  );
}
