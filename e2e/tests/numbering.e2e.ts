import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot } from '../fixtures/browser';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';

const suite = useServerAndBrowser();

/** Creates and issues one invoice as another device would (a sync push); returns its id. */
async function issueInvoice(page: Page): Promise<string> {
  const customerId = crypto.randomUUID();
  const invoiceId = crypto.randomUUID();
  const clientId = `numbering-${crypto.randomUUID()}`;
  const create = await page.request.post('/api/sync/push', {
    data: {
      clientId,
      mutations: [
        {
          seq: 1,
          name: 'customer.create',
          entityId: customerId,
          args: {
            kind: 'business',
            displayName: 'Numbered K.K.',
            contactPersons: [],
            customFields: {},
          },
          baseVersion: 0,
        },
        {
          seq: 2,
          name: 'invoice.create',
          entityId: invoiceId,
          args: { customerId, lines: [{ name: 'Work', quantity: '1', rate: 1000, taxRate: '10' }] },
          baseVersion: 0,
        },
      ],
    },
  });
  expect(create.status()).toBe(200);
  const created = (await create.json()) as { results: { status: string; version?: number }[] };
  expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  const pulled = await page.request.get('/api/sync/pull?cursor=0&limit=1000');
  const { changes } = (await pulled.json()) as { changes: { id: string; version: number }[] };
  const version = changes.find((change) => change.id === invoiceId)?.version ?? 0;
  const issued = await page.request.post('/api/sync/push', {
    data: {
      clientId,
      mutations: [
        { seq: 3, name: 'invoice.issue', entityId: invoiceId, args: {}, baseVersion: version },
      ],
    },
  });
  expect(((await issued.json()) as { results: { status: string }[] }).results[0]?.status).toBe(
    'applied',
  );
  return invoiceId;
}

/** The invoice series' fieldset of the numbering page. */
const invoiceSeries = (page: Page) => page.getByRole('group', { name: 'Invoices' });

describe('document numbering', () => {
  test('an owner sees the next invoice number, is refused a used one, and continues the series under a new prefix', async () => {
    const page = await suite.page('numbering-owner');
    const errors = collectPageErrors(page);
    await signUpOwner(page, { label: 'Numbering' });
    await issueInvoice(page);

    await page.goto('/settings');
    await page.getByRole('link', { name: /Document numbering/ }).click();
    await page.waitForURL('**/settings/numbering');
    const series = invoiceSeries(page);
    await series.getByText('Last used: INV-000001').waitFor();
    await series.getByText('Next document: INV-000002').waitFor();

    // A number already on an invoice is refused, naming the lowest one allowed.
    await page.locator('#numbering-invoice-next').fill('1');
    await series.getByText('Next document: INV-000001').waitFor();
    await page.getByRole('button', { name: 'Save numbering' }).click();
    await page
      .getByText('INV-000001 is already used: the next number must be at least 2.')
      .waitFor();
    expect(await page.locator('#numbering-invoice-next').getAttribute('aria-invalid')).toBe('true');

    // A new prefix starts its own series; the preview follows the typing.
    await page.locator('#numbering-invoice-prefix').fill('2026-');
    await page.locator('#numbering-invoice-next').fill('100');
    await page.locator('#numbering-invoice-digits').fill('4');
    await series.getByText('Next document: 2026-0100').waitFor();
    await page.getByRole('button', { name: 'Save numbering' }).click();
    await page.getByRole('status').filter({ hasText: 'Numbering saved.' }).waitFor();

    const invoiceId = await issueInvoice(page);
    await page.goto(`/invoices/${invoiceId}`);
    await page.locator('main').getByText('2026-0100').first().waitFor();
    await screenshot(page, 'numbering-desktop');
    expect(errors).toEqual([]);
  });

  test('fits a phone, in Japanese, with every field labelled', async () => {
    const page = await suite.page('numbering-phone', 'phone', 'ja-JP');
    await signUpOwner(page, { label: 'Numbering phone' });
    await page.goto('/settings/numbering');
    await page.getByRole('heading', { name: '採番' }).waitFor();
    for (const kind of ['quote', 'salesOrder', 'invoice']) {
      for (const field of ['prefix', 'next', 'digits']) {
        const label = await page.locator(`label[for="numbering-${kind}-${field}"]`).textContent();
        expect(label?.trim()).not.toBe('');
      }
    }
    await page.getByRole('group', { name: '請求書' }).getByText('次の書類: INV-000001').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'numbering-phone-ja');
  });
});
