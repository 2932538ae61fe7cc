import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS_DIR, collectPageErrors, screenshot } from '../fixtures/browser';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmConflictsSection } from '../pages/crm-conflicts-section';
import { CustomersPage } from '../pages/customers-page';
import { LoginPage } from '../pages/login-page';

// The demo organization, connected to the CRM emulator embedded beside it.
const suite = useServerAndBrowser({ demo: true });

const DEMO = { email: 'demo@kanjo.local', password: 'kanjo-demo-2026' };
const CUSTOMER = 'Acme Trading';
const KANJO_PHONE = '03-1111-2222';
const CRM_PHONE = '06-9876-5432';
const TYPED_NOTE = 'Call after 3pm';

function crmUrl(): string {
  const url = suite.server.crmUrl;
  if (!url) throw new Error('the demo server starts the CRM emulator');
  return url;
}

/** The Kanjo API as the signed-in person (same-origin fetch inside the page). */
async function api<T>(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

/** Sync now, or wait for the run already going; resolves when no run is going. */
async function syncWithCrm(page: Page): Promise<void> {
  const started = await api<unknown>(page, 'POST', '/api/crm/sync', {});
  expect([202, 409]).toContain(started.status);
  for (let i = 0; i < 200; i += 1) {
    const runs = await api<{ running: string | null }>(page, 'GET', '/api/crm/runs?limit=1');
    if (runs.json.running === null && started.status === 202) return;
    if (runs.json.running === null) return syncWithCrm(page);
    await page.waitForTimeout(100);
  }
  throw new Error('the CRM sync did not finish');
}

async function logIn(page: Page): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn(DEMO);
  await page.waitForURL('**/invoices');
}

describe('a field changed in Kanjo and in the CRM, with the rule “ask”', () => {
  test('the customer page shows both values, and “Use CRM value” settles it', async () => {
    const page = await suite.page('crm-conflict-desktop');
    const errors = collectPageErrors(page);
    await logIn(page);

    // The rule: ask a person.
    const current = await api<{ settings: Record<string, unknown> }>(
      page,
      'GET',
      '/api/crm/settings',
    );
    const saved = await api(page, 'PUT', '/api/crm/settings', {
      settings: { ...current.json.settings, conflictRule: 'ask' },
    });
    expect(saved.status).toBe(200);

    // A first sync links the demo account; then syncs pause so neither edit travels early.
    await syncWithCrm(page);
    const customers = await api<{ items: { id: string; displayName: string }[] }>(
      page,
      'GET',
      '/api/customers?limit=200',
    );
    const customerId = customers.json.items.find((c) => c.displayName === CUSTOMER)?.id;
    if (!customerId) throw new Error(`${CUSTOMER} was not imported`);
    const link = await api<{ link: { crmId: string } | null }>(
      page,
      'GET',
      `/api/crm/links/customer/${customerId}`,
    );
    const crmId = link.json.link?.crmId;
    if (!crmId) throw new Error(`${CUSTOMER} is not linked`);
    expect((await api(page, 'POST', '/api/crm/pause', {})).status).toBe(200);

    // In the CRM (its own UI): a new phone number.
    await page.goto(`${crmUrl()}/ui/accounts/${crmId}`);
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
        const stored = await api<{ phone?: string }>(page, 'GET', `/api/customers/${customerId}`);
        return stored.json.phone;
      })
      .toBe(KANJO_PHONE);

    expect((await api(page, 'POST', '/api/crm/resume', {})).status).toBe(200);
    await syncWithCrm(page);

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
    await logIn(phone);
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
        const stored = await api<{ phone?: string; notes?: string }>(
          page,
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
    const left = await api<{ conflicts: unknown[] }>(
      page,
      'GET',
      `/api/crm/conflicts?entity=customer&localId=${customerId}`,
    );
    expect(left.json.conflicts).toEqual([]);
    expect(await conflicts.section().count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
