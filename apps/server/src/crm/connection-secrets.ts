import type { CachedToken } from '@kanjo/crm-zoho';
import * as v from 'valibot';
import type { CrmConnectionRow } from './connection-store';
import {
  SecretBoxError,
  type SecretBox,
  type SecretContext,
  type SecretPurpose,
} from './secret-box';
import type { CrmCredentials } from './verify';

/** The two origins the stored secrets were sealed for: the only places they may be sent. */
export interface CrmOrigins {
  accountsUrl: string;
  apiDomain: string;
}

/** The stored secrets and cached token of a row, decrypted. */
export interface OpenedConnection {
  credentials: CrmCredentials;
  refreshToken: string;
  token: CachedToken | undefined;
  /** Sealed before the origins were bound in: re-seal at the next write. */
  unbound: boolean;
}

/** The row's origin columns differ from the origins its secrets were sealed for. */
export class SecretOriginMismatch extends Error {
  constructor(
    readonly sealedFor: CrmOrigins,
    readonly row: CrmOrigins,
  ) {
    super('The stored CRM secrets were sealed for other origins than the connection shows.');
    this.name = 'SecretOriginMismatch';
  }
}

/**
 * Sealed secrets carry the origins they were stored for inside the
 * authenticated ciphertext, so nobody who can write the row (or send a changed
 * address) can point them at another host without the key.
 */
const BOUND = 'kanjo-bound-v1:';
const boundSchema = v.object({ accountsUrl: v.string(), apiDomain: v.string(), value: v.string() });

export function sealBound(
  secrets: SecretBox,
  context: SecretContext,
  value: string,
  origins: CrmOrigins,
): string {
  const envelope = { accountsUrl: origins.accountsUrl, apiDomain: origins.apiDomain, value };
  return secrets.seal(BOUND + JSON.stringify(envelope), context);
}

/** The secret, checked against the origins the row would send it to. */
function openBound(
  secrets: SecretBox,
  context: SecretContext,
  sealed: string,
  row: CrmOrigins,
): { value: string; unbound: boolean } {
  const plain = secrets.open(sealed, context);
  // Sealed before origins were bound in: trusted as the row says, re-sealed bound at the next write.
  if (!plain.startsWith(BOUND)) return { value: plain, unbound: true };
  const parsed = v.safeParse(boundSchema, parseJson(plain.slice(BOUND.length)));
  if (!parsed.success) throw new SecretBoxError('A stored secret has an unknown form.');
  const { value, ...sealedFor } = parsed.output;
  if (sealedFor.accountsUrl !== row.accountsUrl || sealedFor.apiDomain !== row.apiDomain) {
    throw new SecretOriginMismatch(sealedFor, row);
  }
  return { value, unbound: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const originsOf = (
  row: Pick<CrmConnectionRow, 'accounts_url' | 'api_domain'>,
): CrmOrigins => ({
  accountsUrl: row.accounts_url,
  apiDomain: row.api_domain,
});

/**
 * Opens a row's secrets; throws `SecretBoxError` (wrong key, altered value) or
 * `SecretOriginMismatch` (the row now names hosts its secrets were not stored for).
 */
export function openConnection(secrets: SecretBox, row: CrmConnectionRow): OpenedConnection {
  const organizationId = row.organization_id;
  const origins = originsOf(row);
  const open = (sealed: string, purpose: SecretPurpose) =>
    openBound(secrets, { organizationId, purpose }, sealed, origins);
  const clientSecret = open(row.client_secret_enc, 'client_secret');
  const refreshToken = open(row.refresh_token_enc, 'refresh_token');
  const access =
    row.access_token_enc && row.access_token_expires_at
      ? open(row.access_token_enc, 'access_token')
      : undefined;
  const token =
    access && row.access_token_expires_at
      ? {
          accessToken: access.value,
          expiresAt: Date.parse(row.access_token_expires_at),
          apiDomain: origins.apiDomain,
        }
      : undefined;
  return {
    credentials: { ...origins, clientId: row.client_id, clientSecret: clientSecret.value },
    refreshToken: refreshToken.value,
    token,
    unbound: clientSecret.unbound || refreshToken.unbound || access?.unbound === true,
  };
}

/** The client secret and refresh token columns, sealed for `origins`. */
export function sealSecrets(
  secrets: SecretBox,
  organizationId: string,
  values: { clientSecret: string; refreshToken: string },
  origins: CrmOrigins,
): Pick<CrmConnectionRow, 'client_secret_enc' | 'refresh_token_enc'> {
  return {
    client_secret_enc: sealBound(
      secrets,
      { organizationId, purpose: 'client_secret' },
      values.clientSecret,
      origins,
    ),
    refresh_token_enc: sealBound(
      secrets,
      { organizationId, purpose: 'refresh_token' },
      values.refreshToken,
      origins,
    ),
  };
}

/** The cached-token columns for `token`, sealed for `origins`; both null without one. */
export function sealToken(
  secrets: SecretBox,
  organizationId: string,
  token: CachedToken | undefined,
  origins: CrmOrigins,
): Pick<CrmConnectionRow, 'access_token_enc' | 'access_token_expires_at'> {
  if (!token) return { access_token_enc: null, access_token_expires_at: null };
  const context = { organizationId, purpose: 'access_token' as const };
  return {
    access_token_enc: sealBound(secrets, context, token.accessToken, origins),
    access_token_expires_at: new Date(token.expiresAt).toISOString(),
  };
}
