import { CrmError, type CrmFieldInfo, type CrmProvider, type CrmViewInfo } from '@kanjo/core';
import { crmRefusal } from './verify';

/** The CRM modules whose fields and views the sync settings page needs. */
export const CRM_METADATA_MODULES = ['Accounts', 'Contacts', 'Products'] as const;
export type CrmMetadataModule = (typeof CRM_METADATA_MODULES)[number];

export type CrmField = CrmFieldInfo;
export type CrmView = CrmViewInfo;

/** Runs a CRM read and answers its failures the way every CRM route does. */
async function asApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof CrmError ? crmRefusal(error) : error;
  }
}

/** A cache is kept this long: fields change seldom and a settings page asks often. */
export const METADATA_TTL_MS = 5 * 60 * 1000;

/**
 * The CRM's field lists and views per organization and module, cached in
 * memory for five minutes. One instance per app, shared by the routes.
 *
 * @example
 * const fields = await metadata.fields({ organizationId, module: 'Accounts', crm: () => crmProviderFor(deps, organizationId) });
 */
export class CrmMetadata {
  private readonly fieldLists = new Map<string, Cached<CrmField[]>>();
  private readonly viewLists = new Map<string, Cached<CrmView[]>>();

  constructor(private readonly clock: () => Date) {}

  fields(input: MetadataRequest): Promise<CrmField[]> {
    return this.cached(this.fieldLists, input, (crm) => crm.fields(input.module));
  }

  views(input: MetadataRequest): Promise<CrmView[]> {
    return this.cached(this.viewLists, input, (crm) => crm.views(input.module));
  }

  /** Drops what is kept for an organization (its connection changed). */
  forget(organizationId: string): void {
    for (const lists of [this.fieldLists, this.viewLists]) {
      for (const key of lists.keys()) {
        if (key.startsWith(`${organizationId}\n`)) lists.delete(key);
      }
    }
  }

  private async cached<T>(
    lists: Map<string, Cached<T>>,
    { organizationId, module, crm, refresh }: MetadataRequest,
    load: (crm: CrmProvider) => Promise<T>,
  ): Promise<T> {
    const key = `${organizationId}\n${module}`;
    const now = this.clock().getTime();
    const hit = lists.get(key);
    if (!refresh && hit && now - hit.at < METADATA_TTL_MS) return hit.value;
    const client = await crm();
    const value = await asApi(() => load(client));
    lists.set(key, { at: now, value });
    return value;
  }
}

interface Cached<T> {
  at: number;
  value: T;
}

export interface MetadataRequest {
  organizationId: string;
  module: CrmMetadataModule;
  /** The organization's CRM provider; called only on a cache miss. */
  crm: () => Promise<CrmProvider>;
  /** Skip the cache (and refill it). */
  refresh?: boolean;
}
