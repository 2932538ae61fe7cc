import { CrmError, type CrmProfile, type CrmUserInfo } from '@kanjo/core';
import { crmProviderFor, type CrmClientDeps } from '../crm-clients';
import { crmRefusal } from '../verify';

export type { CrmProfile, CrmUserInfo };

/** How long the CRM's profiles and users are trusted before they are read again. */
const TTL_MS = 5 * 60 * 1000;

interface Entry<T> {
  at: number;
  value: T;
}

/**
 * The CRM's profiles and users, read through the organization's CRM provider
 * and kept a few minutes per organization: every panel request needs its
 * profile's name (for defaults) and its user's name, and Zoho counts calls.
 */
export class CrmDirectory {
  private readonly profilesByOrg = new Map<string, Entry<CrmProfile[]>>();
  private readonly usersByOrg = new Map<string, Entry<CrmUserInfo[]>>();
  private readonly contactAccounts = new Map<string, Entry<string | null>>();

  /** The CRM's profiles; `fresh` reads them again (the settings page). */
  async profiles(deps: CrmClientDeps, organizationId: string, { fresh = false } = {}) {
    return this.cached(this.profilesByOrg, deps, organizationId, fresh, async () =>
      (await crmProviderFor(deps, organizationId)).profiles(),
    );
  }

  async users(deps: CrmClientDeps, organizationId: string): Promise<CrmUserInfo[]> {
    return this.cached(this.usersByOrg, deps, organizationId, false, async () =>
      (await crmProviderFor(deps, organizationId)).users(),
    );
  }

  /** The CRM Account a Contact belongs to (null: none, or the CRM has no such contact). */
  async contactAccount(
    deps: CrmClientDeps,
    organizationId: string,
    contactId: string,
  ): Promise<string | null> {
    const key = `${organizationId}\n${contactId}`;
    return this.cached(this.contactAccounts, deps, key, false, async () => {
      const crm = await crmProviderFor(deps, organizationId);
      const contact = await crm.record('Contacts', contactId, ['Account_Name']);
      const account = contact?.Account_Name;
      return typeof account === 'object' && account !== null && 'id' in account
        ? String(account.id)
        : null;
    });
  }

  private async cached<T>(
    map: Map<string, Entry<T>>,
    deps: CrmClientDeps,
    key: string,
    fresh: boolean,
    read: () => Promise<T>,
  ): Promise<T> {
    const now = deps.clock().getTime();
    const hit = map.get(key);
    if (hit && !fresh && now - hit.at < TTL_MS) return hit.value;
    try {
      const value = await read();
      map.set(key, { at: now, value });
      return value;
    } catch (error) {
      throw error instanceof CrmError ? crmRefusal(error) : error;
    }
  }
}
