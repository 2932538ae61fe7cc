import type { ZohoCrmScope } from '@kanjo/core';
import type { ZohoClient } from './client.js';
import { CrmError } from './errors.js';

/**
 * One cheap call per scope the identity read did not already use (it read the
 * current user and the org): asked only when the token answer named no scopes.
 */
const PROBES: readonly { scope: ZohoCrmScope; call: (crm: ZohoClient) => Promise<unknown> }[] = [
  {
    scope: 'ZohoCRM.modules.ALL',
    call: (crm) => crm.request({ path: '/Accounts', query: { fields: 'id', per_page: 1 } }),
  },
  {
    scope: 'ZohoCRM.settings.ALL',
    call: (crm) => crm.request({ path: '/settings/fields', query: { module: 'Accounts' } }),
  },
  { scope: 'ZohoCRM.notifications.ALL', call: (crm) => crm.request({ path: '/actions/watch' }) },
  {
    scope: 'ZohoCRM.coql.READ',
    call: (crm) =>
      crm.request({
        method: 'POST',
        path: '/coql',
        body: { select_query: 'select id from Accounts where id is not null limit 1' },
      }),
  },
];

/**
 * The scopes Kanjo needs that the grant lacks, found by trying one call each
 * (for a token answer that named no scopes). Any other refusal is not about
 * scopes: the profile's reach and the runs say it.
 *
 * @example const missing = await probeMissingScopes(crm); // ['ZohoCRM.coql.READ']
 */
export async function probeMissingScopes(crm: ZohoClient): Promise<ZohoCrmScope[]> {
  const missing: ZohoCrmScope[] = [];
  for (const probe of PROBES) {
    try {
      await probe.call(crm);
    } catch (error) {
      if (error instanceof CrmError && error.code === 'CRM_SCOPE_MISSING')
        missing.push(probe.scope);
    }
  }
  return missing;
}
