import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiGet } from '../fixtures/network';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CustomersPage } from '../pages/customers-page';
import { ShellPage } from '../pages/shell-page';

const suite = useServerAndBrowser();

interface ListBody<T> {
  items: T[];
}

async function signedUpPage(name: string): Promise<Page> {
  const page = await suite.page(name);
  await signUpOwner(page, { label: 'Records', emailPrefix: 'records' });
  await new ShellPage(page).heading().waitFor();
  return page;
}

/** Saves the open record form and waits for the list it returns to. */
async function saveAndReturn(page: Page, list: '/customers' | '/items'): Promise<void> {
  await page.locator('form.record-form button[type="submit"]').click();
  await page.waitForURL(`**${list}`);
}

/** Deletes the open record through its confirmation dialog. */
async function deleteRecord(page: Page, button: string, list: '/customers' | '/items') {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(`**${list}`);
}

describe('customers and items, as a person keeps them', () => {
  test('a customer is created, renamed and deleted, and the server ends with the same', async () => {
    const page = await signedUpPage('records-customer');
    const customers = new CustomersPage(page);
    await customers.goto();
    await customers.create({ displayName: 'Kobe Bakery', email: 'hello@kobe.example' });

    await customers.row('Kobe Bakery').click();
    await page.locator('#displayName').fill('Kobe Bakery & Cafe');
    await saveAndReturn(page, '/customers');
    await customers.row('Kobe Bakery & Cafe').waitFor();
    await expect
      .poll(async () => {
        const { items } = await apiGet<ListBody<{ displayName: string; email: string }>>(
          page,
          '/api/customers',
        );
        return items.map((c) => [c.displayName, c.email]);
      })
      .toEqual([['Kobe Bakery & Cafe', 'hello@kobe.example']]);

    await customers.row('Kobe Bakery & Cafe').click();
    await deleteRecord(page, 'Delete customer', '/customers');
    await expect.poll(() => customers.rows().count()).toBe(0);
    // The delete reaches the server with the next push.
    await expect
      .poll(async () => (await apiGet<ListBody<unknown>>(page, '/api/customers')).items)
      .toEqual([]);
  });

  test('an item is created, repriced and deleted, and the server ends with the same', async () => {
    const page = await signedUpPage('records-item');
    await page.goto('/items/new');
    await page.locator('#name').fill('Delivery');
    await page.locator('#rate').fill('1500');
    await saveAndReturn(page, '/items');

    const row = page.locator('.record-list .record-row').filter({ hasText: 'Delivery' });
    await row.click();
    await page.locator('#rate').fill('1800');
    await saveAndReturn(page, '/items');
    await expect
      .poll(async () => {
        const { items } = await apiGet<ListBody<{ name: string; rate: number }>>(
          page,
          '/api/items',
        );
        return items.map((i) => [i.name, i.rate]);
      })
      .toEqual([['Delivery', 1800]]);

    await row.click();
    await deleteRecord(page, 'Delete item', '/items');
    await expect.poll(() => page.locator('.record-list .record-row').count()).toBe(0);
    await expect
      .poll(async () => (await apiGet<ListBody<unknown>>(page, '/api/items')).items)
      .toEqual([]);
  });
});
