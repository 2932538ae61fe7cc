import { crmAuditEntrySchema } from '@kanjo/core';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../auth/middleware';
import { clientAddress } from '../http/client-address';
import type { AppDeps, AppEnv } from '../http/env';
import { errorResponseSchema, documented, jsonResponse } from '../http/openapi-docs';
import { limitQuerySchema, parseWith, readBody } from '../http/validate';
import { connectCrm, disableCrm, removeCrm, reverifyCrm, type ConnectionDeps } from './connection';
import { listAuditEntries, type CrmActor } from './connection-audit';
import { loadConnectionView } from './connection-store';
import { REACH_ACTIONS, REACH_MODULES } from './reach';
import { requireSecrets } from './crm-clients';

/** An http(s) origin such as `https://accounts.zoho.eu`: no path, query or credentials. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

const originSchema = v.pipe(
  v.string(),
  v.trim(),
  v.check(isOrigin, 'An http(s) address without a path, like https://accounts.zoho.eu.'),
  v.transform((text) => new URL(text).origin),
);
const secretSchema = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2000));

export const crmConnectSchema = v.pipe(
  v.strictObject({
    email: v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254)),
    apiDomain: originSchema,
    accountsUrl: originSchema,
    clientId: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(200)),
    clientSecret: v.optional(secretSchema),
    refreshToken: v.optional(secretSchema),
    grantCode: v.optional(secretSchema),
  }),
  v.forward(
    v.partialCheck(
      [['refreshToken'], ['grantCode']],
      (input) => input.refreshToken === undefined || input.grantCode === undefined,
      'Give either a refresh token or a grant code, not both.',
    ),
    ['grantCode'],
  ),
);

const connectionViewSchema = v.object({
  provider: v.literal('zoho'),
  status: v.picklist(['connected', 'disabled']),
  email: v.string(),
  apiDomain: v.string(),
  accountsUrl: v.string(),
  clientId: v.string(),
  clientSecretSet: v.literal(true),
  refreshTokenSet: v.literal(true),
  crmOrg: v.object({
    id: v.string(),
    name: v.string(),
    currency: v.string(),
    multiCurrency: v.boolean(),
    timeZone: v.string(),
  }),
  crmUser: v.object({ id: v.string(), email: v.string(), name: v.string() }),
  connectedBy: v.object({ id: v.string(), email: v.nullable(v.string()) }),
  connectedAt: v.string(),
  updatedAt: v.string(),
  verifiedAt: v.string(),
  disabledAt: v.nullable(v.string()),
  reach: v.nullable(
    v.object({
      checkedAt: v.string(),
      profile: v.nullable(v.object({ id: v.string(), name: v.string() })),
      outOfReach: v.array(
        v.object({
          module: v.picklist(REACH_MODULES),
          missing: v.array(v.picklist(REACH_ACTIONS)),
        }),
      ),
      unreadable: v.nullable(v.string()),
      warning: v.nullable(v.string()),
    }),
  ),
});
const connectionResponse = v.object({ connection: connectionViewSchema });
const maybeConnectionResponse = v.object({ connection: v.nullable(connectionViewSchema) });

const auditQuerySchema = v.strictObject({ limit: limitQuerySchema(200) });

const crmFailures = {
  400: jsonResponse(
    'VALIDATION_FAILED, CRM_SECRETS_REQUIRED (details.fields: the secrets to give again when the accounts URL or API domain changes), CRM_AUTH_FAILED (details.providerCode), CRM_PERMISSION_DENIED, CRM_USER_MISMATCH or CRM_SCOPE_MISSING (details.missingScopes: the OAuth scopes the grant lacks; details.requiredScopes: every scope Kanjo needs)',
    errorResponseSchema,
  ),
  404: jsonResponse('CRM_NOT_CONNECTED', errorResponseSchema),
  409: jsonResponse(
    'CRM_DISABLED, CRM_SECRETS_UNREADABLE or CRM_SECRETS_HOST_MISMATCH (the stored secrets belong to other addresses)',
    errorResponseSchema,
  ),
  429: jsonResponse('CRM_RATE_LIMITED', errorResponseSchema),
  502: jsonResponse('CRM_UNAVAILABLE: the CRM is unreachable or failed', errorResponseSchema),
};

const connectionDeps = (deps: AppDeps): ConnectionDeps => ({
  db: deps.db,
  clock: deps.clock,
  secrets: requireSecrets(deps),
  newId: deps.newId,
  log: deps.log,
  ...(deps.mail ? { mail: deps.mail } : {}),
});

/** The signed-in user as the audit records them, with the client's address when known. */
function actorOf(c: Context<AppEnv>): CrmActor {
  const address = clientAddress(c, { trustProxy: c.var.deps.trustProxy === true });
  const { id, role } = c.var.user;
  return { userId: id, role, address: address === 'unknown' ? null : address };
}

const tags = ['CRM'];

/**
 * `/api/crm`: the organization's CRM connection. Any member reads; owners and
 * admins change it (an admin's change is mailed to the owners), and every
 * change is audited.
 */
export const crmRoutes = new Hono<AppEnv>()
  .get(
    '/connection',
    documented({
      summary: 'The CRM connection, without any secret',
      tags,
      responses: { 200: jsonResponse('The connection, or null', maybeConnectionResponse) },
    }),
    async (c) => {
      const connection = await loadConnectionView(c.var.deps.db, c.var.user.organizationId);
      return c.json({ connection });
    },
  )
  .put(
    '/connection',
    documented({
      summary: 'Connect to Zoho CRM, or change the connection',
      description:
        'Verifies before storing anything: exchanges the grant code, reads the current CRM user and org, and what the user’s profile may do per module (`connection.reach`: a module out of reach is named in `warning` and left out of syncs, it does not refuse the connection). A new connection needs clientSecret and exactly one of refreshToken or grantCode; a change on the same accountsUrl and apiDomain may omit them to keep the stored ones. Stored secrets are only ever sent to the addresses they were stored for: a change of accountsUrl or apiDomain without them is refused (400 CRM_SECRETS_REQUIRED, audited). An admin’s change is mailed to the owners.',
      tags,
      body: crmConnectSchema,
      responses: { 200: jsonResponse('Connected', connectionResponse), ...crmFailures },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const input = await readBody(c, crmConnectSchema);
      const connection = await connectCrm({
        deps: connectionDeps(c.var.deps),
        organizationId: c.var.user.organizationId,
        userId: c.var.user.id,
        actor: actorOf(c),
        input,
      });
      return c.json({ connection });
    },
  )
  .delete(
    '/connection',
    documented({
      summary: 'Disconnect: forget the connection and its secrets',
      tags,
      responses: { 204: jsonResponse('Removed'), 404: crmFailures[404] },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      await removeCrm(connectionDeps(c.var.deps), c.var.user.organizationId, actorOf(c));
      return c.body(null, 204);
    },
  )
  .post(
    '/connection/disable',
    documented({
      summary: 'Stop all CRM work at once, keeping the connection',
      tags,
      responses: { 200: jsonResponse('Disabled', connectionResponse), 404: crmFailures[404] },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const connection = await disableCrm(
        connectionDeps(c.var.deps),
        c.var.user.organizationId,
        actorOf(c),
      );
      return c.json({ connection });
    },
  )
  .post(
    '/connection/enable',
    documented({
      summary: 'Re-verify the stored credentials and resume CRM work',
      tags,
      responses: { 200: jsonResponse('Connected', connectionResponse), ...crmFailures },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const connection = await reverifyCrm(connectionDeps(c.var.deps), c.var.user.organizationId, {
        enable: true,
        actor: actorOf(c),
      });
      return c.json({ connection });
    },
  )
  .post(
    '/connection/test',
    documented({
      summary: 'Re-verify the connection now',
      description:
        'Also reads again what the CRM user’s profile may do per module: `connection.reach.warning` names the modules out of reach.',
      tags,
      responses: { 200: jsonResponse('Verified', connectionResponse), ...crmFailures },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const connection = await reverifyCrm(connectionDeps(c.var.deps), c.var.user.organizationId, {
        enable: false,
        actor: actorOf(c),
      });
      return c.json({ connection });
    },
  )
  .get(
    '/connection/audit',
    documented({
      summary: 'Who changed the CRM connection, and how',
      description:
        'Newest first; `limit` 1–200 (default 50). Every connect, changed field (names only, never a secret), replaced secrets, disable, enable, test, removal and refused move to another host without the secrets. Owners and admins.',
      tags,
      responses: {
        200: jsonResponse('The entries', v.object({ items: v.array(crmAuditEntrySchema) })),
        403: jsonResponse('FORBIDDEN', errorResponseSchema),
      },
    }),
    requireRole('owner', 'admin'),
    async (c) => {
      const query = parseWith(auditQuerySchema, c.req.query());
      const items = await listAuditEntries(
        c.var.deps.db,
        c.var.user.organizationId,
        query.limit ?? 50,
      );
      return c.json({ items });
    },
  );
