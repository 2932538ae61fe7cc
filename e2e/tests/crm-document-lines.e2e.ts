import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmEmulatorUi } from '../pages/crm-emulator-ui';
import { CrmSyncApi } from '../pages/crm-sync-api';

// The demo organization, connected to the CRM emulator embedded beside it. The
// emulator is as strict as Zoho: an invoice needs its line items, each with a
// product, and the CRM computes the totals from them with the org's taxes.
const suite = useServerAndBrowser({ demo: true });

const DEAL = 'Acme rollout';

interface KanjoInvoice {
  id: string;
  number: string | null;
  status: string;
  dealId?: string;
  totals: { tax: number; total: number };
}

/** JPY has no minor unit: the CRM shows 550000 as "550,000". */
const shown = (yen: number) => yen.toLocaleString('en-US');

describe('a deal won in the CRM, invoiced by Kanjo, written back with its lines', () => {
  test('the automated invoice shows in the CRM’s Invoices with its line, product and tax, and Zoho’s Grand_Total equals Kanjo’s', async () => {
    const page = await suite.page('crm-document-lines');
    const errors = collectPageErrors(page);
    const kanjo = new CrmSyncApi(page);
    await logInToDemo(page);
    await kanjo.syncNow();

    // An admin turns automation on: won → an issued invoice, its line taxed at 10%.
    await page.goto('/settings/crm/automation');
    await page.getByLabel('Turn deal automation on').check();
    await page.getByRole('radio', { name: /An invoice/ }).check();
    await page.getByRole('radio', { name: /^Issued/ }).check();
    const rate = page.getByLabel('Tax rate');
    await rate.fill('10%');
    await page.getByRole('button', { name: 'Save rules' }).click();
    // A rate that cannot be saved is named next to the field, which takes the focus.
    await page.getByText('Enter a percentage from 0 to 100, such as 10 or 8.').waitFor();
    await expect.poll(() => rate.evaluate((el) => el === document.activeElement)).toBe(true);
    await rate.fill('10');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Automation rules saved.').waitFor();
    await screenshot(page, 'crm-document-lines-rules');

    // In the CRM's own UI, the deal is won.
    const crm = new CrmEmulatorUi(
      await suite.page('crm-document-lines-crm'),
      demoCrmUrl(suite.server),
    );
    const dealId = await crm.openDeal(DEAL);
    await crm.moveStage('Closed Won');

    // Kanjo makes the invoice (one line: the deal's amount, 10% tax) …
    let invoice: KanjoInvoice | undefined;
    await expect
      .poll(
        async () => {
          const listed = await kanjo.request<{ items: KanjoInvoice[] }>(
            'GET',
            '/api/invoices?limit=200',
          );
          invoice = listed.json.items.find((i) => i.dealId === dealId && i.status === 'issued');
          return invoice?.number ?? null;
        },
        { timeout: 15_000 },
      )
      .not.toBeNull();
    if (!invoice?.number) throw new Error('no automated invoice');
    expect(invoice.totals).toMatchObject({ subtotal: 500_000, tax: 50_000, total: 550_000 });

    // … and the next sync writes it to the CRM.
    await kanjo.syncNow();
    await crm.openInvoice(invoice.number);
    expect(await crm.lineRows()).toEqual([
      {
        product: 'Kanjo document line',
        quantity: '1',
        listPrice: shown(500_000),
        taxes: 'Consumption Tax (10%)',
        tax: shown(50_000),
        total: shown(550_000),
      },
    ]);
    // Zoho's own Grand_Total, computed from the lines, next to Kanjo's.
    expect(await crm.totalOf('Grand total')).toBe(shown(invoice.totals.total));
    await screenshot(crm.page, 'crm-document-lines-crm-invoice');

    // Equal totals: the run that wrote it records the push, and no difference.
    const runs = await kanjo.request<{ runs: { id: string }[] }>('GET', '/api/crm/runs?limit=1');
    const items = await kanjo.request<{
      items: { localId: string; action: string; reason: string | null }[];
    }>('GET', `/api/crm/runs/${runs.json.runs[0]?.id}/items?entity=invoice`);
    const pushed = items.json.items.filter((i) => i.localId === invoice?.id);
    expect(pushed.map((i) => i.action)).toEqual(['pushed']);
    expect(pushed[0]?.reason ?? '').not.toMatch(/differs/);
    expect(errors).toEqual([]);
  });
});
