import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiGet, goOffline, goOnline, waitForServiceWorker } from '../fixtures/network';
import { OWNER_PASSWORD, signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CustomersPage } from '../pages/customers-page';
import { InvoiceJourney } from '../pages/invoice-journey';
import { ShellPage } from '../pages/shell-page';
import { SyncPage } from '../pages/sync-page';

const suite = useServerAndBrowser();

async function signedUpPage(name: string): Promise<Page> {
  const page = await suite.page(name);
  await signUpOwner(page, { label: 'Offline', emailPrefix: 'offline' });
  await new ShellPage(page).heading().waitFor();
  return page;
}

interface ListBody<T> {
  items: T[];
}

describe('working offline', () => {
  test('the app opens offline and what was made offline reaches the server once', async () => {
    const page = await signedUpPage('offline-customer');
    await waitForServiceWorker(page);

    await goOffline(page.context());
    await page.reload();
    // Served by the service worker from its cache: the shell, not a browser error page.
    await new ShellPage(page).heading().waitFor();

    const customers = new CustomersPage(page);
    await page.locator('nav.main-nav a[href="/customers"]').click();
    await customers.create({ displayName: 'Ｓａｋｕｒａ Foods', email: 'info@sakura.example' });
    await customers.row('Ｓａｋｕｒａ Foods').waitFor();
    // Full-width letters match a half-width search.
    await customers.search('sakura');
    expect(await customers.rows().count()).toBe(1);

    const sync = new SyncPage(page);
    expect(await sync.indicator().getAttribute('aria-label')).toContain('Offline');

    await goOnline(page.context());
    await sync.waitForSynced();
    const stored = await apiGet<ListBody<{ displayName: string }>>(page, '/api/customers');
    expect(stored.items.map((c) => c.displayName)).toEqual(['Ｓａｋｕｒａ Foods']);
  });

  test('an invoice issued offline gets its number when back online', async () => {
    const page = await signedUpPage('offline-invoice');
    await waitForServiceWorker(page);
    await goOffline(page.context());
    await page.reload();
    await new ShellPage(page).heading().waitFor();

    await page.locator('nav.main-nav a[href="/customers"]').click();
    await new CustomersPage(page).create({ displayName: 'Blue Sky LLC' });
    const invoice = new InvoiceJourney(page);
    await invoice.createDraft({
      customer: 'Blue Sky LLC',
      line: { name: 'Consulting', quantity: '2', rate: '15000' },
    });
    await invoice.issue();

    await goOnline(page.context());
    await new SyncPage(page).waitForSynced();
    await invoice.number().waitFor({ timeout: 20_000 });
    const shown = await invoice.number().textContent();

    const customers = await apiGet<ListBody<{ displayName: string }>>(page, '/api/customers');
    const invoices = await apiGet<ListBody<{ number: string | null; status: string }>>(
      page,
      '/api/invoices',
    );
    expect(customers.items).toHaveLength(1);
    expect(invoices.items).toHaveLength(1);
    expect(invoices.items[0]?.number).toBe('INV-000001');
    expect(shown).toContain('INV-000001');
  });

  test('logging out with unsent changes asks first, and syncing before leaving keeps them', async () => {
    const page = await signedUpPage('logout-pending');
    const email = await page.evaluate(() => document.querySelector('.email')?.textContent ?? '');
    // Offline, the customers page's code comes from the service worker's cache.
    await waitForServiceWorker(page);
    await goOffline(page.context());
    await page.locator('nav.main-nav a[href="/customers"]').click();
    await new CustomersPage(page).create({ displayName: 'Kept Co.' });

    const shell = new ShellPage(page);
    await shell.logOut();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 change hasn’t reached the server.');

    // Still offline: syncing cannot finish, so nothing is wiped and the dialog stays.
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await dialog.getByText('Some changes could not be sent yet').waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers');

    await goOnline(page.context());
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForURL('**/login');
    expect(await page.evaluate(() => localStorage.getItem('kanjo.session'))).toBeNull();

    const login = await page.request.post('/api/auth/login', {
      data: { email, password: OWNER_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const stored = await apiGet<ListBody<{ displayName: string }>>(page, '/api/customers');
    expect(stored.items.map((c) => c.displayName)).toEqual(['Kept Co.']);
  });
});
