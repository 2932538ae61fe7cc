import type { CrmProvider } from '@kanjo/core';
import {
  createZohoClient,
  createZohoProvider,
  type CachedToken,
  type FetchLike,
  type ZohoClient,
  type ZohoClientOptions,
} from '@kanjo/crm-zoho';
import type { Db } from '../db/database';
import { ServiceError } from '../errors';
import type { Logger } from '../log';
import { crmDisabled, crmNotConnected, openStored } from './connection';
import { loadConnectionRow, saveToken, type CrmConnectionRow } from './connection-store';
import type { SecretBox } from './secret-box';
import { sharedRefresh } from './token-refresh';
import { originBoundFetch } from './origin-fetch';
import { countingFetch } from './settings-api-usage';
import type { CrmCredentials } from './verify';

/** The credential columns: any change to them means a new client. */
const fingerprint = (row: CrmConnectionRow): string =>
  [
    row.updated_at,
    row.api_domain,
    row.accounts_url,
    row.client_id,
    row.client_secret_enc,
    row.refresh_token_enc,
  ].join('\n');

/**
 * An organization's CRM: the provider the server asks (provider-neutral), and
 * the Zoho client under it, which only this module and tests see. Both share
 * one token and one concurrency limit.
 */
interface OrganizationCrm {
  client: ZohoClient;
  provider: CrmProvider;
}

/**
 * One CRM provider (over one Zoho client) per organization, kept while its
 * credentials stay the same, so its token and concurrency limit are shared by
 * everything that talks to that CRM.
 */
export class CrmClients {
  private readonly clients = new Map<string, OrganizationCrm & { fingerprint: string }>();

  get(
    deps: { db: Db; clock: () => Date; secrets: SecretBox; log: Logger },
    row: CrmConnectionRow,
  ): CrmProvider {
    return this.crm(deps, row).provider;
  }

  /** The Zoho client under the provider, for tests and benchmarks that write the CRM directly. */
  client(
    deps: { db: Db; clock: () => Date; secrets: SecretBox; log: Logger },
    row: CrmConnectionRow,
  ): ZohoClient {
    return this.crm(deps, row).client;
  }

  private crm(
    deps: { db: Db; clock: () => Date; secrets: SecretBox; log: Logger },
    row: CrmConnectionRow,
  ): OrganizationCrm {
    const key = fingerprint(row);
    const cached = this.clients.get(row.organization_id);
    if (cached?.fingerprint === key) return cached;
    const stored = openStored(deps.secrets, row);
    const client = buildZohoClient({
      credentials: stored.credentials,
      refreshToken: stored.refreshToken,
      token: stored.token,
      clock: deps.clock,
      fetch: countingFetch({ ...deps, organizationId: row.organization_id }),
      shareRefresh: sharedRefresh(deps, row.organization_id),
      // Kept so a restart does not spend one of Zoho's 10 refreshes per 10 minutes.
      onToken: (token) => {
        saveToken(deps.db, deps.secrets, row, token).catch((error: unknown) =>
          deps.log.error('could not keep the CRM access token', {
            organizationId: row.organization_id,
            error: String(error),
          }),
        );
      },
    });
    const crm = { client, provider: createZohoProvider(client) };
    this.clients.set(row.organization_id, { fingerprint: key, ...crm });
    return crm;
  }

  /** Drops an organization's client (tests; a deleted connection drops it lazily too). */
  forget(organizationId: string): void {
    this.clients.delete(organizationId);
  }
}

export interface CrmClientDeps {
  db: Db;
  clock: () => Date;
  log: Logger;
  secrets?: SecretBox;
  crmClients?: CrmClients;
}

/**
 * The CRM provider for an organization's CRM work. Reads the connection on
 * every call, so disabling it stops all CRM work at once: throws 404
 * `CRM_NOT_CONNECTED`, 409 `CRM_DISABLED`, or 503 `CRM_SECRETS_UNAVAILABLE`.
 *
 * @example
 * const crm = await crmProviderFor(deps, organizationId);
 * const profiles = await crm.profiles();
 */
export async function crmProviderFor(
  deps: CrmClientDeps,
  organizationId: string,
): Promise<CrmProvider> {
  const { clients, row, secrets } = await connected(deps, organizationId);
  return clients.get({ ...deps, secrets }, row);
}

/**
 * The Zoho client under the provider (see `crmProviderFor`), for tests and
 * benchmarks that seed or read the CRM directly; the server's own code asks the provider.
 *
 * @example
 * const crm = await crmClientFor(deps, organizationId);
 * await crm.insert('Products', products);
 */
export async function crmClientFor(
  deps: CrmClientDeps,
  organizationId: string,
): Promise<ZohoClient> {
  const { clients, row, secrets } = await connected(deps, organizationId);
  return clients.client({ ...deps, secrets }, row);
}

async function connected(deps: CrmClientDeps, organizationId: string) {
  const secrets = requireSecrets(deps);
  const row = await loadConnectionRow(deps.db, organizationId);
  if (!row) throw crmNotConnected();
  if (row.status !== 'connected') throw crmDisabled();
  return { clients: deps.crmClients ?? new CrmClients(), row, secrets };
}

/** The secret box, or 503 when this server was started without one. */
export function requireSecrets(deps: { secrets?: SecretBox }): SecretBox {
  if (deps.secrets) return deps.secrets;
  throw new ServiceError(
    'unavailable',
    'CRM_SECRETS_UNAVAILABLE',
    'This server was started without a secret key, so it cannot keep CRM secrets.',
  );
}

export interface CrmClientOptions {
  credentials: CrmCredentials;
  refreshToken: string;
  token: CachedToken | undefined;
  clock: () => Date;
  onToken?: (token: CachedToken) => void;
  /** Refreshes shared with the other instances (`CrmClients` passes `sharedRefresh`). */
  shareRefresh?: ZohoClientOptions['shareRefresh'];
  retries?: number;
  /** Defaults to the global fetch; `CrmClients` passes one that counts calls. */
  fetch?: FetchLike;
}

/** A Zoho client for verified or stored credentials; it talks only to their origins. */
function buildZohoClient({
  credentials,
  refreshToken,
  token,
  clock,
  onToken,
  shareRefresh,
  retries,
  fetch,
}: CrmClientOptions): ZohoClient {
  return createZohoClient({
    ...credentials,
    refreshToken,
    clock: () => clock().getTime(),
    ...(token ? { initialToken: token } : {}),
    ...(onToken ? { onToken } : {}),
    ...(shareRefresh ? { shareRefresh } : {}),
    ...(retries !== undefined ? { retries } : {}),
    fetch: originBoundFetch(credentials, fetch),
  });
}

/**
 * The CRM provider for verified or stored credentials (see `buildZohoClient`).
 *
 * @example const crm = buildCrmProvider({ credentials, refreshToken, token: undefined, clock });
 */
export function buildCrmProvider(options: CrmClientOptions): CrmProvider {
  return createZohoProvider(buildZohoClient(options));
}
