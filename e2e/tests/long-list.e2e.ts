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

/** Creates `count` customers on the server as another device would (sync pushes). */
async function pushCustomers(page: Page, count: number): Promise<void> {
  const clientId = `long-list-${Date.now()}`;
  for (let from = 0; from < count; from += BATCH) {
    const mutations = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => ({
      seq: from + k + 1,
      name: 'customer.create',
      entityId: idOf(from + k),
      args: {
        kind: 'business',
        displayName: nameOf(from + k),
        billingAddress: { country: 'JP' },
        contactPersons: [],
        customFields: {},
      },
      baseVersion: 0,
    }));
    const response = await page.request.post('/api/sync/push', { data: { clientId, mutations } });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: { status: string }[] };
    expect(results.every((result) => result.status === 'applied')).toBe(true);
  }
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
