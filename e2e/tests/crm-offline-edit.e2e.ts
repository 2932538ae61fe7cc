import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { goOffline, goOnline, waitForServiceWorker } from '../fixtures/network';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSyncApi } from '../pages/crm-sync-api';
import { CustomersPage } from '../pages/customers-page';
import { SyncPage } from '../pages/sync-page';

// The demo organization, connected to the CRM emulator embedded beside it.
const suite = useServerAndBrowser({ demo: true });

const CUSTOMER = 'Acme Trading';
const OFFLINE_PHONE = '090-1111-2222';
const CRM_PHONE = '06-5555-0101';

describe('a rep’s offline edit that meets a newer CRM change', () => {
  test('“CRM wins” keeps the CRM’s phone, and the rep sees both values', async () => {
    const rep = await suite.page('crm-offline-edit-desktop');
    const errors = collectPageErrors(rep);
    await logInToDemo(rep);
    await waitForServiceWorker(rep);
    const api = new CrmSyncApi(rep);
    const current = await api.request<{ settings: Record<string, unknown> }>(
      'GET',
      '/api/crm/settings',
    );
    const saved = await api.request('PUT', '/api/crm/settings', {
      settings: { ...current.json.settings, conflictRule: 'crmWins' },
    });
    expect(saved.status).toBe(200);
    await api.syncNow();
    const customers = await api.request<{ items: { id: string; displayName: string }[] }>(
      'GET',
      '/api/customers?limit=200',
    );
    const customerId = customers.json.items.find((c) => c.displayName === CUSTOMER)?.id;
    if (!customerId) throw new Error(`${CUSTOMER} was not imported`);
    const link = await api.request<{ link: { crmId: string } | null }>(
      'GET',
      `/api/crm/links/customer/${customerId}`,
    );
    const crmId = link.json.link?.crmId;
    if (!crmId) throw new Error(`${CUSTOMER} is not linked`);
    await rep.goto(`/customers/${customerId}`);
    await rep.locator('#phone').waitFor();

    // On the road: the rep changes the phone without a connection.
    await goOffline(rep.context());
    await rep.locator('#phone').fill(OFFLINE_PHONE);
    await new CustomersPage(rep).save();
    await rep.waitForURL('**/customers');

    // Meanwhile someone changes it in the CRM, and Kanjo takes that in.
    const office = await suite.page('crm-offline-edit-office');
    await office.goto(`${demoCrmUrl(suite.server)}/ui/accounts/${crmId}`);
    await office.locator('#f-Phone').fill(CRM_PHONE);
    await office.getByRole('button', { name: 'Save', exact: true }).click();
    await office.getByRole('status').filter({ hasText: /saved/i }).waitFor();
    await office.goto('/');
    await logInToDemo(office);
    await new CrmSyncApi(office).syncNow();

    // Back online, the rep's edit arrives last and still loses, as the rule says.
    await goOnline(rep.context());
    await new SyncPage(rep).waitForSynced();
    const stored = await api.request<{ phone?: string }>('GET', `/api/customers/${customerId}`);
    expect(stored.json.phone).toBe(CRM_PHONE);

    await rep.goto('/conflicts');
    const card = rep.locator('article.conflict').filter({ hasText: CUSTOMER });
    await card.getByText(/newer change made in the CRM/).waitFor();
    expect(await card.locator('[data-side="winning"] .value').textContent()).toBe(CRM_PHONE);
    expect(await card.locator('[data-side="winning"] .who').textContent()).toContain('The CRM');
    expect(await card.locator('[data-side="losing"] .value').textContent()).toBe(OFFLINE_PHONE);
    expect(await card.locator('[data-side="losing"] h3').textContent()).toBe('Not applied');
    await screenshot(rep, 'crm-offline-edit-desktop');

    const phone = await suite.page('crm-offline-edit-phone', 'phone');
    await logInToDemo(phone);
    await phone.goto('/conflicts');
    await phone.locator('article.conflict').filter({ hasText: CUSTOMER }).waitFor();
    await screenshot(phone, 'crm-offline-edit-phone');

    // The CRM keeps its value after the next sync.
    await api.syncNow();
    const crm = await (await fetch(`${demoCrmUrl(suite.server)}/ui/accounts/${crmId}`)).text();
    expect(crm).toContain(CRM_PHONE);
    expect(crm).not.toContain(OFFLINE_PHONE);
    expect(errors).toEqual([]);
  });
});
