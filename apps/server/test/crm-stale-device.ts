import type { ConflictRule } from '@kanjo/core';
import { expect } from 'vitest';
import type { useSyncContexts } from './crm-sync-setup';
import { SyncClient } from './sync-client';

/**
 * A linked customer under the conflict rule `rule`, a device that pulled it,
 * then a CRM edit of its phone that Kanjo took in: the device's copy is stale.
 */
export async function staleDevice(context: ReturnType<typeof useSyncContexts>, rule: ConflictRule) {
  const s = await context({ settings: (settings) => void (settings.conflictRule = rule) });
  const created = await s.owner.post('/api/customers', {
    kind: 'business',
    displayName: 'Kita Trading',
    phone: 'base',
    billingAddress: { city: 'Sapporo', street: '1-1 Kita' },
  });
  expect(created.status).toBe(201);
  const id = String(created.json.id);
  await s.sync();
  const crmId = (await s.links()).find((link) => link.local_id === id)?.crm_id ?? '';
  expect(crmId).not.toBe('');
  const device = new SyncClient(s.owner);
  await device.pullAll();
  await (await s.crm()).update('Accounts', [{ id: crmId, Phone: 'crm' }]);
  const run = await s.sync();
  expect(run.run.status).toBe('succeeded');
  expect((await s.owner.get(`/api/customers/${id}`)).json.phone).toBe('crm');
  return { s, id, crmId, device };
}
