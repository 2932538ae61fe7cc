import { fieldError, type CrmConnectionInput } from '@kanjo/core';
import type { CachedToken } from '@kanjo/crm-zoho';
import type { Db } from '../db/database';
import { ServiceError } from '../errors';
import type { Logger } from '../log';
import type { MailTransport } from '../mail/transport';
import { describeChange, type CrmActor } from './connection-audit';
import { audit, requireSecretsForNewHosts } from './connection-guard';
import {
  openConnection,
  SecretOriginMismatch,
  sealSecrets,
  sealToken,
  type OpenedConnection,
} from './connection-secrets';
import {
  deleteConnection,
  disableConnection,
  loadConnectionRow,
  loadConnectionView,
  saveConnection,
  saveVerification,
  type CrmConnectionRow,
  type CrmConnectionView,
} from './connection-store';
import { SecretBoxError, type SecretBox } from './secret-box';
import { verifyCrm, type CrmIdentity, type Verified } from './verify';

/** What connecting and changing a connection take (secrets omitted on a change: keep the stored ones). */
export type ConnectInput = CrmConnectionInput;

export interface ConnectionDeps {
  db: Db;
  clock: () => Date;
  secrets: SecretBox;
  /** Audit entry ids; uuidv7 unless given. */
  newId?: () => string;
  /** Where a failed owner notice is reported; silent unless given. */
  log?: Logger;
  /** Where owner notices go; from `SMTP_URL`/`MAIL_FROM` unless given. */
  mail?: MailTransport;
}

export const crmNotConnected = () =>
  new ServiceError('notFound', 'CRM_NOT_CONNECTED', 'This organization has no CRM connection.');
export const crmDisabled = () =>
  new ServiceError('conflict', 'CRM_DISABLED', 'The CRM connection is disabled: enable it first.');

/** The stored secrets, or a clear error when they cannot be read or belong to other hosts. */
export function openStored(secrets: SecretBox, row: CrmConnectionRow): OpenedConnection {
  try {
    return openConnection(secrets, row);
  } catch (error) {
    if (error instanceof SecretOriginMismatch) {
      throw new ServiceError(
        'conflict',
        'CRM_SECRETS_HOST_MISMATCH',
        `The stored CRM secrets were stored for ${error.sealedFor.accountsUrl} and ${error.sealedFor.apiDomain}, not the addresses the connection now shows; they are not sent anywhere else. Connect again with the client secret and a refresh token.`,
      );
    }
    if (!(error instanceof SecretBoxError)) throw error;
    throw new ServiceError(
      'conflict',
      'CRM_SECRETS_UNREADABLE',
      'The stored CRM secrets cannot be decrypted with this server’s key. Connect again with the client secret and a new refresh token.',
    );
  }
}

/**
 * Connects the organization to a Zoho CRM, or changes its connection. Verifies
 * first and writes only after: any failure leaves the stored connection as it was.
 * The PUT route and the embedded demo both come through here; `actor` defaults
 * to `userId` with no role (the server itself).
 */
export async function connectCrm({
  deps,
  organizationId,
  userId,
  input,
  actor = { userId, role: null },
}: {
  deps: ConnectionDeps;
  organizationId: string;
  userId: string;
  input: ConnectInput;
  actor?: CrmActor;
}): Promise<CrmConnectionView> {
  const existing = await loadConnectionRow(deps.db, organizationId);
  if (existing) await requireSecretsForNewHosts(deps, { organizationId, actor, existing, input });
  const { clientSecret, secret, token } = secretsToVerify(deps.secrets, existing, input);
  const origins = { apiDomain: input.apiDomain, accountsUrl: input.accountsUrl };
  const verified = await verifyCrm({
    credentials: { ...origins, clientId: input.clientId, clientSecret },
    secret,
    ...(token ? { token } : {}),
    expectedEmail: input.email,
    clock: deps.clock,
  });

  const now = deps.clock().toISOString();
  // Sealed afresh on every write (new IV), bound to the origins they were verified with.
  const values = {
    provider: 'zoho' as const,
    status: 'connected' as const,
    email: input.email,
    api_domain: input.apiDomain,
    accounts_url: input.accountsUrl,
    client_id: input.clientId,
    ...sealSecrets(
      deps.secrets,
      organizationId,
      { clientSecret, refreshToken: verified.refreshToken },
      origins,
    ),
    ...sealToken(deps.secrets, organizationId, verified.token, origins),
    ...identityColumns(verified.identity),
    crm_reach: JSON.stringify(verified.reach),
    connected_by: userId,
    updated_at: now,
    verified_at: now,
    disabled_at: null,
  };
  const change = describeChange(existing, input);
  await audit(deps, { organizationId, actor, ...change }, (trx) =>
    saveConnection(trx, organizationId, { now, values }),
  );
  return viewOrThrow(deps.db, organizationId);
}

/**
 * The secrets to verify with: the given ones, else the stored ones — only on
 * the same hosts (`requireSecretsForNewHosts` ran first) and only while their
 * sealed origins still match the row. The cached access token comes along only
 * for the very same grant, client and hosts.
 */
function secretsToVerify(
  secrets: SecretBox,
  existing: CrmConnectionRow | undefined,
  input: ConnectInput,
): {
  clientSecret: string;
  secret: { refreshToken: string } | { grantCode: string };
  token: CachedToken | undefined;
} {
  const keepsSecret = input.clientSecret === undefined;
  const keepsGrant = input.refreshToken === undefined && input.grantCode === undefined;
  const stored =
    existing && (keepsSecret || keepsGrant) ? openStored(secrets, existing) : undefined;
  const clientSecret = input.clientSecret ?? stored?.credentials.clientSecret;
  if (clientSecret === undefined) throw fieldError('clientSecret', 'Required.');
  let secret: { refreshToken: string } | { grantCode: string };
  if (input.grantCode !== undefined) secret = { grantCode: input.grantCode };
  else if (input.refreshToken !== undefined) secret = { refreshToken: input.refreshToken };
  else if (stored) secret = { refreshToken: stored.refreshToken };
  else throw fieldError('refreshToken', 'Give a refresh token or a grant code.');
  const sameGrant =
    stored !== undefined &&
    keepsGrant &&
    keepsSecret &&
    stored.credentials.clientId === input.clientId &&
    stored.credentials.accountsUrl === input.accountsUrl &&
    stored.credentials.apiDomain === input.apiDomain;
  return { clientSecret, secret, token: sameGrant ? stored.token : undefined };
}

function identityColumns(identity: CrmIdentity) {
  return {
    crm_org_id: identity.org.id,
    crm_org_name: identity.org.name,
    crm_currency: identity.org.currency,
    crm_multi_currency: identity.org.multiCurrency ? (1 as const) : (0 as const),
    crm_time_zone: identity.org.timeZone,
    crm_user_id: identity.user.id,
    crm_user_email: identity.user.email,
    crm_user_name: identity.user.name,
  };
}

async function viewOrThrow(db: Db, organizationId: string): Promise<CrmConnectionView> {
  const view = await loadConnectionView(db, organizationId);
  if (!view) throw crmNotConnected();
  return view;
}

async function rowOrThrow(db: Db, organizationId: string): Promise<CrmConnectionRow> {
  const row = await loadConnectionRow(db, organizationId);
  if (!row) throw crmNotConnected();
  return row;
}

/** Re-verifies the stored connection with its own secrets, on the hosts they were stored for. */
async function reverify(
  deps: ConnectionDeps,
  row: CrmConnectionRow,
): Promise<Verified & { stored: OpenedConnection }> {
  const stored = openStored(deps.secrets, row);
  const verified = await verifyCrm({
    credentials: stored.credentials,
    secret: { refreshToken: stored.refreshToken },
    ...(stored.token ? { token: stored.token } : {}),
    expectedEmail: row.email,
    clock: deps.clock,
  });
  return { ...verified, stored };
}

/** Stops all CRM work for the organization at once; the secrets stay for `enable`. */
export async function disableCrm(
  deps: ConnectionDeps,
  organizationId: string,
  actor: CrmActor,
): Promise<CrmConnectionView> {
  const row = await rowOrThrow(deps.db, organizationId);
  if (row.status !== 'disabled') {
    const now = deps.clock().toISOString();
    await audit(deps, { organizationId, actor, action: 'disable', fields: [] }, (trx) =>
      disableConnection(trx, organizationId, now),
    );
  }
  return viewOrThrow(deps.db, organizationId);
}

/**
 * Re-verifies and records the result: `enable` also turns the connection back
 * on. The write is skipped if the credentials changed meanwhile. Secrets sealed
 * before their origins were bound in are sealed again, bound.
 */
export async function reverifyCrm(
  deps: ConnectionDeps,
  organizationId: string,
  { enable, actor }: { enable: boolean; actor: CrmActor },
): Promise<CrmConnectionView> {
  const row = await rowOrThrow(deps.db, organizationId);
  if (!enable && row.status === 'disabled') throw crmDisabled();
  const verified = await reverify(deps, row);
  const now = deps.clock().toISOString();
  const { credentials } = verified.stored;
  const origins = { accountsUrl: credentials.accountsUrl, apiDomain: credentials.apiDomain };
  const enabling = enable && row.status === 'disabled';
  const action = enabling ? 'enable' : 'verify';
  await audit(deps, { organizationId, actor, action, fields: [] }, (trx) =>
    saveVerification(trx, row, {
      ...identityColumns(verified.identity),
      // Read afresh: a profile changed in the CRM shows at the next test.
      crm_reach: JSON.stringify(verified.reach),
      ...sealToken(deps.secrets, organizationId, verified.token, origins),
      ...(verified.stored.unbound
        ? sealSecrets(
            deps.secrets,
            organizationId,
            { clientSecret: credentials.clientSecret, refreshToken: verified.refreshToken },
            origins,
          )
        : {}),
      verified_at: now,
      ...(enabling ? { status: 'connected' as const, disabled_at: null, updated_at: now } : {}),
    }),
  );
  return viewOrThrow(deps.db, organizationId);
}

/** Forgets the connection and its secrets; its audit entries stay. */
export async function removeCrm(
  deps: ConnectionDeps,
  organizationId: string,
  actor: CrmActor,
): Promise<void> {
  await rowOrThrow(deps.db, organizationId);
  await audit(deps, { organizationId, actor, action: 'remove', fields: [] }, async (trx) => {
    if (!(await deleteConnection(trx, organizationId))) throw crmNotConnected();
  });
}
