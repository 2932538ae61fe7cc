import type { ConflictRule } from '@kanjo/core';
import type { Db } from '../../db/database';
import { loadConnectionRow } from '../connection-store';
import { readableSyncSettings } from '../settings-store';

/**
 * The rule that decides a device edit which meets a CRM write it had not
 * seen: the organization's conflict rule where that entity syncs both ways,
 * the CRM's value where Kanjo only fetches it (the CRM is then the source),
 * none when the CRM is no longer connected (the later write wins, as for any
 * two Kanjo edits). Rules that no longer parse hold the conflict for a person
 * (`ask`): both values are kept until someone decides.
 */
export async function crmEditRule(
  trx: Db,
  organizationId: string,
  entity: 'customer' | 'item',
): Promise<ConflictRule | null> {
  const connection = await loadConnectionRow(trx, organizationId);
  if (!connection) return null;
  const settings = await readableSyncSettings(trx, organizationId);
  if (settings === null) return 'ask';
  const extent = entity === 'customer' ? settings.customers.extent : settings.items.mode;
  if (extent === 'off') return null;
  return extent === 'fetch' ? 'crmWins' : settings.conflictRule;
}
