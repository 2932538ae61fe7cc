import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CustomersPage } from '../pages/customers-page';
import { ShellPage } from '../pages/shell-page';

const suite = useServerAndBrowser();
const CUSTOMERS = 1500;
const BATCH = 500;

/** Customer n's name: zero-padded, so the list's order is the numbers' order. */
const nameOf = (n: number) => `Long list ${String(n).padStart(4, '0')}`;

/** Customer n's id: a fixed UUIDv7, so the test knows which row opens which page. */
const idOf = (n: number) => `01930000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Sends `mutations` as another device would (sync pushes); every one must apply. */
async function push(page: Page, mutations: Record<string, unknown>[]): Promise<void> {
  const clientId = `long-list-${crypto.randomUUID()}`;
  for (let from = 0; from < mutations.length; from += BATCH) {
    const batch = mutations.slice(from, from + BATCH).map((m, k) => ({ ...m, seq: from + k + 1 }));
    const response = await page.request.post('/api/sync/push', {
      data: { clientId, mutations: batch },
    });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: { status: string }[] };
    expect(results.every((result) => result.status === 'applied')).toBe(true);
  }
}

function createCustomer(id: string, displayName: string) {
  const args = { kind: 'business', displayName, contactPersons: [], customFields: {} };
  return {
    name: 'customer.create',
    entityId: id,
    args: { ...args, billingAddress: { country: 'JP' } },
    baseVersion: 0,
  };
}

/** Creates `count` customers on the server as another device would. */
async function pushCustomers(page: Page, count: number): Promise<void> {
  await push(
    page,
    Array.from({ length: count }, (_, n) => createCustomer(idOf(n), nameOf(n))),
  );
}

/** The titles of the list's first `count` rows, top to bottom. */
async function firstTitles(page: Page, count: number): Promise<string[]> {
  const titles = [];
  for (let position = 1; position <= count; position += 1) {
    const title = page.locator(`main li[aria-posinset="${position}"] .record-title`);
    titles.push(((await title.textContent()) ?? '').trim());
  }
  return titles;
}

describe('a long list, as a keyboard user reaches its far end', () => {
  test('End, PageUp and the arrows move focus through thousands of rows; Enter opens one', async () => {
    const page = await suite.page('long-list');
    await signUpOwner(page, { label: 'Long list', emailPrefix: 'long-list' });
    await new ShellPage(page).heading().waitFor();
    await pushCustomers(page, CUSTOMERS);

    const customers = new CustomersPage(page);
    await customers.goto();
    // The page syncs on load; every row counts once the pull is applied.
    await expect
      .poll(() => page.locator('main li').first().getAttribute('aria-setsize'), {
        timeout: 30_000,
      })
      .toBe(String(CUSTOMERS));
    // Only a window of rows is in the document, however long the list.
    expect(await page.locator('main li').count()).toBeLessThan(60);

    await customers.row(nameOf(0)).focus();
    await page.keyboard.press('End');
    const last = page.locator(`main li[aria-posinset="${CUSTOMERS}"] a`);
    await expect.poll(() => last.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await last.textContent()).toContain(nameOf(CUSTOMERS - 1));
    expect(await last.isVisible()).toBe(true);

    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowUp');
    const focused = page.locator('main li:has(a:focus)');
    const position = Number(await focused.getAttribute('aria-posinset'));
    expect(position).toBeLessThan(CUSTOMERS - 1);
    expect(position).toBeGreaterThan(CUSTOMERS - 30);
    // The focus ring shows where the keyboard is.
    const outline = await page.evaluate(() =>
      document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
    );
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await page.waitForURL(`**/customers/${idOf(position - 1)}`);
    await expect.poll(() => page.locator('main h1').textContent()).toContain(nameOf(position - 1));
  });
});

describe('a long list, in the order people read it', () => {
  test('rows keep their name order through reloads and renames, and search finds any of them', async () => {
    const page = await suite.page('long-list-order');
    await signUpOwner(page, { label: 'Long order', emailPrefix: 'long-order' });
    await new ShellPage(page).heading().waitFor();
    // Names whose order by code unit is not the list's, created in the reverse of their order.
    const special = ['Éclair', 'eclair', 'banana', 'Apple', 'apple', '10 Co', '9 Co'];
    await pushCustomers(page, 400);
    await push(
      page,
      special.map((name, k) => createCustomer(idOf(9000 - k), name)),
    );
    const collator = new Intl.Collator('en');
    const expected = [...special].sort((a, b) => collator.compare(a, b));

    const customers = new CustomersPage(page);
    await customers.goto();
    const total = String(400 + special.length);
    await expect
      .poll(() => page.locator('main li').first().getAttribute('aria-setsize'), { timeout: 30_000 })
      .toBe(total);
    expect(await firstTitles(page, special.length + 1)).toEqual([...expected, nameOf(0)]);

    // A reload paints the same rows in the same places.
    await page.reload();
    await page.locator('main li[aria-posinset="1"] .record-title').waitFor();
    expect(await firstTitles(page, special.length + 1)).toEqual([...expected, nameOf(0)]);

    // A rename on another device moves the row once it syncs.
    await push(page, [
      {
        name: 'customer.patch',
        entityId: idOf(399),
        args: { displayName: '0 First' },
        baseVersion: 1,
      },
    ]);
    await page.reload();
    await expect
      .poll(() => firstTitles(page, 2), { timeout: 30_000 })
      .toEqual(['0 First', expected[0]]);

    // Search reads every row: a far one is found, and clearing shows the whole list again.
    await customers.search('list 0377');
    await expect.poll(() => customers.rows().allTextContents()).toHaveLength(1);
    expect(await customers.rows().first().textContent()).toContain(nameOf(377));
    await customers.search('');
    await expect
      .poll(() => page.locator('main li').first().getAttribute('aria-setsize'))
      .toBe(total);
  });
});
