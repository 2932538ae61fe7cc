import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS_DIR, collectPageErrors, screenshot } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmConflictsSection } from '../pages/crm-conflicts-section';
import { CustomersPage } from '../pages/customers-page';
import { CrmSyncApi } from '../pages/crm-sync-api';

// The demo organization, connected to the CRM emulator embedded beside it.
const suite = useServerAndBrowser({ demo: true });

const CUSTOMER = 'Acme Trading';
const KANJO_PHONE = '03-1111-2222';
const CRM_PHONE = '06-9876-5432';
const TYPED_NOTE = 'Call after 3pm';

describe('a field changed in Kanjo and in the CRM, with the rule “ask”', () => {
  test('the customer page shows both values, and “Use CRM value” settles it', async () => {
    const page = await suite.page('crm-conflict-desktop');
    const errors = collectPageErrors(page);
    await logInToDemo(page);

    // The rule: ask a person.
    const current = await new CrmSyncApi(page).request<{ settings: Record<string, unknown> }>(
      'GET',
      '/api/crm/settings',
    );
    const saved = await new CrmSyncApi(page).request('PUT', '/api/crm/settings', {
      settings: { ...current.json.settings, conflictRule: 'ask' },
    });
    expect(saved.status).toBe(200);

    // A first sync links the demo account; then syncs pause so neither edit travels early.
    await new CrmSyncApi(page).syncNow();
    const customers = await new CrmSyncApi(page).request<{
      items: { id: string; displayName: string }[];
    }>('GET', '/api/customers?limit=200');
    const customerId = customers.json.items.find((c) => c.displayName === CUSTOMER)?.id;
    if (!customerId) throw new Error(`${CUSTOMER} was not imported`);
    const link = await new CrmSyncApi(page).request<{ link: { crmId: string } | null }>(
      'GET',
      `/api/crm/links/customer/${customerId}`,
    );
    const crmId = link.json.link?.crmId;
    if (!crmId) throw new Error(`${CUSTOMER} is not linked`);
    expect((await new CrmSyncApi(page).request('POST', '/api/crm/pause', {})).status).toBe(200);

    // In the CRM (its own UI): a new phone number.
    await page.goto(`${demoCrmUrl(suite.server)}/ui/accounts/${crmId}`);
    await page.locator('#f-Phone').fill(CRM_PHONE);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).waitFor();

    // In Kanjo: another one, saved and sent to the server.
    await page.goto(`/customers/${customerId}`);
    await page.locator('#phone').fill(KANJO_PHONE);
    await new CustomersPage(page).save();
    await page.waitForURL('**/customers');
    await expect
      .poll(async () => {
        const stored = await new CrmSyncApi(page).request<{ phone?: string }>(
          'GET',
          `/api/customers/${customerId}`,
        );
        return stored.json.phone;
      })
      .toBe(KANJO_PHONE);

    expect((await new CrmSyncApi(page).request('POST', '/api/crm/resume', {})).status).toBe(200);
    await new CrmSyncApi(page).syncNow();

    // The customer page lists the held field with the base and both values.
    await page.goto(`/customers/${customerId}`);
    const conflicts = new CrmConflictsSection(page);
    await conflicts
      .section()
      .getByRole('heading', { level: 2, name: /Conflicts to resolve/ })
      .waitFor();
    expect(await conflicts.value('Phone', 'Kanjo').textContent()).toBe(KANJO_PHONE);
    expect(await conflicts.value('Phone', 'CRM').textContent()).toBe(CRM_PHONE);
    expect(await page.locator('#phone').inputValue()).toBe(KANJO_PHONE);
    await screenshot(page, 'crm-conflict-desktop');

    // The same page at phone size, before anything is settled.
    const phone = await suite.page('crm-conflict-phone', 'phone');
    await logInToDemo(phone);
    await phone.goto(`/customers/${customerId}`);
    const onPhone = new CrmConflictsSection(phone);
    await onPhone.field('Phone').waitFor();
    await screenshot(phone, 'crm-conflict-phone');
    // The first screen as a person sees it (the full page is very tall at this width).
    await phone.screenshot({ path: join(ARTIFACTS_DIR, 'crm-conflict-phone-screen.png') });
    await phone.context().close();

    // The sync history counts it and links to the record.
    await page.goto('/settings/crm/history');
    await page.getByRole('heading', { level: 2, name: 'Conflicts to resolve: 1' }).waitFor();
    await screenshot(page, 'crm-conflict-history-desktop');
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await page.waitForURL(`**/customers/${customerId}`);
    await conflicts.field('Phone').waitFor();

    // Half-way through typing a note, the person takes the CRM's value: the conflict
    // goes, the form shows the CRM's phone, and the unsaved note is still there.
    await page.locator('#notes').fill(TYPED_NOTE);
    await conflicts.useCrmValue('Phone');
    await page
      .getByRole('status')
      .filter({ hasText: 'The CRM value of Phone is now in Kanjo.' })
      .waitFor();
    await conflicts.section().getByText('No conflicts left on this record.').waitFor();
    expect(await conflicts.field('Phone').count()).toBe(0);
    await expect.poll(() => page.locator('#phone').inputValue()).toBe(CRM_PHONE);
    expect(await page.locator('#notes').inputValue()).toBe(TYPED_NOTE);
    await screenshot(page, 'crm-conflict-resolved-desktop');

    // Saving sends the note and leaves the CRM's phone alone.
    await new CustomersPage(page).save();
    await page.waitForURL('**/customers');
    await expect
      .poll(async () => {
        const stored = await new CrmSyncApi(page).request<{ phone?: string; notes?: string }>(
          'GET',
          `/api/customers/${customerId}`,
        );
        return [stored.json.phone, stored.json.notes];
      })
      .toEqual([CRM_PHONE, TYPED_NOTE]);
    await page.goto(`/customers/${customerId}`);

    // It stays settled: a reload lists nothing, and the server has the CRM's value.
    await page.reload();
    await page.locator('#phone').waitFor();
    await expect.poll(() => page.locator('#phone').inputValue()).toBe(CRM_PHONE);
    const left = await new CrmSyncApi(page).request<{ conflicts: unknown[] }>(
      'GET',
      `/api/crm/conflicts?entity=customer&localId=${customerId}`,
    );
    expect(left.json.conflicts).toEqual([]);
    expect(await conflicts.section().count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
