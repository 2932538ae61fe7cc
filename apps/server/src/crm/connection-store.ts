import type { CachedToken } from '@kanjo/crm-zoho';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { CrmConnectionTable } from '../db/schema';
import { originsOf, sealToken } from './connection-secrets';
import { parseReach, reachView, type ConnectionReach } from './reach';
import type { SecretBox } from './secret-box';

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
  /** What the CRM user may do, as read at the last connect or test; null before one. */
  reach: ConnectionReach | null;
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
    reach: reachView(parseReach(row.crm_reach)),
  };
}

/**
 * Keeps a refreshed access token, only while the connection still has the
 * refresh token and origins it came from: an old client must not write over
 * new credentials.
 */
export async function saveToken(
  db: Db,
  secrets: SecretBox,
  row: Pick<
    CrmConnectionRow,
    'organization_id' | 'refresh_token_enc' | 'accounts_url' | 'api_domain'
  >,
  token: CachedToken,
): Promise<void> {
  await db
    .updateTable('crm_connections')
    .set(sealToken(secrets, row.organization_id, token, originsOf(row)))
    .where('organization_id', '=', row.organization_id)
    .where('refresh_token_enc', '=', row.refresh_token_enc)
    .where('accounts_url', '=', row.accounts_url)
    .where('api_domain', '=', row.api_domain)
    .execute();
}

/** The organizations whose connection is on: the ones the interval scheduler visits. */
export async function connectedOrganizationIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('crm_connections')
    .select('organization_id')
    .where('status', '=', 'connected')
    .execute();
  return rows.map((row) => row.organization_id);
}

export type ConnectionValues = Omit<
  Insertable<CrmConnectionTable>,
  'organization_id' | 'created_at'
>;

/** Creates the organization's connection, or replaces every column of it but its creation time. */
export async function saveConnection(
  db: Db,
  organizationId: string,
  { now, values }: { now: string; values: ConnectionValues },
): Promise<void> {
  await db
    .insertInto('crm_connections')
    .values({ organization_id: organizationId, created_at: now, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}

/** Stops the connection; its secrets stay. */
export async function disableConnection(
  db: Db,
  organizationId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('crm_connections')
    .set({ status: 'disabled', disabled_at: now, updated_at: now })
    .where('organization_id', '=', organizationId)
    .execute();
}

/**
 * Records a re-verification, only while the connection still has the refresh
 * token it was verified with: credentials changed meanwhile are left alone.
 */
export async function saveVerification(
  db: Db,
  row: Pick<CrmConnectionRow, 'organization_id' | 'refresh_token_enc'>,
  values: Updateable<CrmConnectionTable>,
): Promise<void> {
  await db
    .updateTable('crm_connections')
    .set(values)
    .where('organization_id', '=', row.organization_id)
    .where('refresh_token_enc', '=', row.refresh_token_enc)
    .execute();
}

/** Forgets the connection and its secrets; false when there was none. */
export async function deleteConnection(db: Db, organizationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('crm_connections')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
