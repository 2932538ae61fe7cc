import type { CachedToken } from '@kanjo/crm-zoho';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { CrmConnectionTable } from '../db/schema';
import type { SecretBox } from './secret-box';
import type { CrmCredentials } from './verify';

export type CrmConnectionRow = Selectable<CrmConnectionTable>;

/** The connection as the API shows it: never a secret, only whether one is set. */
export interface CrmConnectionView {
  provider: 'zoho';
  status: 'connected' | 'disabled';
  email: string;
  apiDomain: string;
  accountsUrl: string;
  clientId: string;
  clientSecretSet: true;
  refreshTokenSet: true;
  crmOrg: { id: string; name: string; currency: string; multiCurrency: boolean; timeZone: string };
  crmUser: { id: string; email: string; name: string };
  connectedBy: { id: string; email: string | null };
  connectedAt: string;
  updatedAt: string;
  verifiedAt: string;
  disabledAt: string | null;
}

export function loadConnectionRow(
  db: Db,
  organizationId: string,
): Promise<CrmConnectionRow | undefined> {
  return db
    .selectFrom('crm_connections')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

/** The API view of an organization's connection, or null when it has none. */
export async function loadConnectionView(
  db: Db,
  organizationId: string,
): Promise<CrmConnectionView | null> {
  const row = await loadConnectionRow(db, organizationId);
  if (!row) return null;
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', row.connected_by)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return toView(row, user?.email ?? null);
}

function toView(row: CrmConnectionRow, connectedByEmail: string | null): CrmConnectionView {
  return {
    provider: row.provider,
    status: row.status,
    email: row.email,
    apiDomain: row.api_domain,
    accountsUrl: row.accounts_url,
    clientId: row.client_id,
    clientSecretSet: true,
    refreshTokenSet: true,
    crmOrg: {
      id: row.crm_org_id,
      name: row.crm_org_name,
      currency: row.crm_currency,
      multiCurrency: row.crm_multi_currency === 1,
      timeZone: row.crm_time_zone,
    },
    crmUser: { id: row.crm_user_id, email: row.crm_user_email, name: row.crm_user_name },
    connectedBy: { id: row.connected_by, email: connectedByEmail },
    connectedAt: row.created_at,
    updatedAt: row.updated_at,
    verifiedAt: row.verified_at,
    disabledAt: row.disabled_at,
  };
}

/** The stored secrets and cached token of a row, decrypted. */
export interface OpenedConnection {
  credentials: CrmCredentials;
  refreshToken: string;
  token: CachedToken | undefined;
}

export function openConnection(secrets: SecretBox, row: CrmConnectionRow): OpenedConnection {
  const organizationId = row.organization_id;
  const token =
    row.access_token_enc && row.access_token_expires_at
      ? {
          accessToken: secrets.open(row.access_token_enc, {
            organizationId,
            purpose: 'access_token',
          }),
          expiresAt: Date.parse(row.access_token_expires_at),
          apiDomain: row.api_domain,
        }
      : undefined;
  return {
    credentials: {
      apiDomain: row.api_domain,
      accountsUrl: row.accounts_url,
      clientId: row.client_id,
      clientSecret: secrets.open(row.client_secret_enc, {
        organizationId,
        purpose: 'client_secret',
      }),
    },
    refreshToken: secrets.open(row.refresh_token_enc, { organizationId, purpose: 'refresh_token' }),
    token,
  };
}

/** The cached-token columns for `token`, sealed; both null without one. */
export function sealToken(
  secrets: SecretBox,
  organizationId: string,
  token: CachedToken | undefined,
): Pick<CrmConnectionRow, 'access_token_enc' | 'access_token_expires_at'> {
  if (!token) return { access_token_enc: null, access_token_expires_at: null };
  return {
    access_token_enc: secrets.seal(token.accessToken, { organizationId, purpose: 'access_token' }),
    access_token_expires_at: new Date(token.expiresAt).toISOString(),
  };
}

/**
 * Keeps a refreshed access token, only while the connection still has the
 * refresh token it came from: an old client must not write over new credentials.
 */
export async function saveToken(
  db: Db,
  secrets: SecretBox,
  row: Pick<CrmConnectionRow, 'organization_id' | 'refresh_token_enc'>,
  token: CachedToken,
): Promise<void> {
  await db
    .updateTable('crm_connections')
    .set(sealToken(secrets, row.organization_id, token))
    .where('organization_id', '=', row.organization_id)
    .where('refresh_token_enc', '=', row.refresh_token_enc)
    .execute();
}
