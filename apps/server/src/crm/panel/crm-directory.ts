import { CrmError } from '@kanjo/crm-zoho';
import * as v from 'valibot';
import { crmClientFor, type CrmClientDeps } from '../crm-clients';
import { crmApiError } from '../verify';

/** How long the CRM's profiles and users are trusted before they are read again. */
const TTL_MS = 5 * 60 * 1000;

const profilesAnswer = v.object({
  profiles: v.array(v.object({ id: v.string(), name: v.string() })),
});
const usersAnswer = v.object({
  users: v.optional(
    v.array(
      v.object({
        id: v.string(),
        full_name: v.optional(v.nullable(v.string())),
        email: v.optional(v.nullable(v.string())),
      }),
    ),
    [],
  ),
});

export interface CrmProfile {
  id: string;
  name: string;
}

export interface CrmUserInfo {
  id: string;
  name?: string;
  email?: string;
}

interface Entry<T> {
  at: number;
  value: T;
}

/**
 * The CRM's profiles and users, read through the organization's Zoho client
 * and kept a few minutes per organization: every panel request needs its
 * profile's name (for defaults) and its user's name, and Zoho counts calls.
 */
export class CrmDirectory {
  private readonly profilesByOrg = new Map<string, Entry<CrmProfile[]>>();
  private readonly usersByOrg = new Map<string, Entry<CrmUserInfo[]>>();
  private readonly contactAccounts = new Map<string, Entry<string | null>>();

  /** The CRM's profiles; `fresh` reads them again (the settings page). */
  async profiles(deps: CrmClientDeps, organizationId: string, { fresh = false } = {}) {
    return this.cached(this.profilesByOrg, deps, organizationId, fresh, async () => {
      const client = await crmClientFor(deps, organizationId);
      const { body } = await client.request({ path: '/settings/profiles' });
      return v.parse(profilesAnswer, body).profiles.map(({ id, name }) => ({ id, name }));
    });
  }

  async users(deps: CrmClientDeps, organizationId: string): Promise<CrmUserInfo[]> {
    return this.cached(this.usersByOrg, deps, organizationId, false, async () => {
      const client = await crmClientFor(deps, organizationId);
      const { body } = await client.request({ path: '/users', query: { type: 'AllUsers' } });
      return v.parse(usersAnswer, body ?? {}).users.map((u) => ({
        id: u.id,
        ...(u.full_name ? { name: u.full_name } : {}),
        ...(u.email ? { email: u.email } : {}),
      }));
    });
  }

  /** The CRM Account a Contact belongs to (null: none, or the CRM has no such contact). */
  async contactAccount(
    deps: CrmClientDeps,
    organizationId: string,
    contactId: string,
  ): Promise<string | null> {
    const key = `${organizationId}\n${contactId}`;
    return this.cached(this.contactAccounts, deps, key, false, async () => {
      const client = await crmClientFor(deps, organizationId);
      const contact = await client.getRecord('Contacts', contactId, ['Account_Name']);
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
      if (error instanceof CrmError) throw crmApiError(error);
      if (error instanceof v.ValiError) {
        throw crmApiError(new CrmError({ code: 'CRM_BAD_RESPONSE', message: 'unexpected answer' }));
      }
      throw error;
    }
  }
}
