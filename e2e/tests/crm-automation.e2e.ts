import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmEmulatorUi } from '../pages/crm-emulator-ui';
import { CrmSyncApi } from '../pages/crm-sync-api';

// The demo organization, connected to the CRM emulator embedded beside it; the
// server keeps notification channels with it, so CRM changes arrive at once.
const suite = useServerAndBrowser({ demo: true });

/** The promise: a deal won in the CRM is an invoice in the PWA within 5 s. */
const WITHIN_MS = 5_000;

/** Waits (10 s at most) for the notification channels the server keeps with the CRM (made at start-up). */
async function channelsReady(crm: string): Promise<void> {
  const channels = async () => {
    const res = await fetch(`${crm}/__emulator/notifications`);
    return ((await res.json()) as { channels: { channel_id: string }[] }).channels;
  };
  await expect
    .poll(async () => (await channels()).length, {
      timeout: 10_000,
      message: 'the server made no notification channel',
    })
    .toBeGreaterThan(0);
}

/** Waits for the Kanjo invoice list to show a row with this text; returns how long it took. */
async function invoiceRow(page: Page, text: RegExp | string) {
  const started = Date.now();
  const row = page.locator('main a[href^="/invoices/"]').filter({ hasText: text }).first();
  await row.waitFor({ timeout: WITHIN_MS + 2_000 });
  return { row, ms: Date.now() - started };
}

describe('deal-stage automation, driven from the CRM', () => {
  test('Closed Won makes a locked invoice within 5 s, Closed Lost voids it, a sent one is left alone', async () => {
    const page = await suite.page('crm-automation');
    const errors = collectPageErrors(page);
    const kanjo = new CrmSyncApi(page);
    await logInToDemo(page);
    await kanjo.syncNow();
    await channelsReady(demoCrmUrl(suite.server));

    // An admin turns the rules on: won → an issued invoice; lost → void it.
    await page.goto('/settings/crm/automation');
    await page.getByLabel('Turn deal automation on').check();
    await page.getByRole('radio', { name: /An invoice/ }).check();
    await page.getByRole('radio', { name: /^Issued/ }).check();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Automation rules saved.').waitFor();
    await screenshot(page, 'crm-automation-rules');

    // In the CRM's own UI: Acme rollout → Closed Won.
    const crm = new CrmEmulatorUi(await suite.page('crm-ui'), demoCrmUrl(suite.server));
    const acme = await crm.openDeal('Acme rollout');
    await crm.moveStage('Closed Won');

    await page.goto('/invoices');
    const won = await invoiceRow(page, 'Acme Trading');
    expect(won.ms).toBeLessThanOrEqual(WITHIN_MS);
    await won.row.click();
    await page.getByRole('heading', { name: 'Deal', exact: true }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain('Acme rollout');
    await page.getByText(/Made by deal automation on/).waitFor();
    await page.getByText(/Closed Won → created this document/).waitFor();
    const invoiceUrl = page.url();
    // Linked by automation: the deal link is locked, and the page says why.
    await page.getByText('Linked by deal automation: this link cannot be removed.').waitFor();
    await screenshot(page, 'crm-automation-invoice');

    // Closed Lost in the CRM: the invoice is void.
    await crm.openDealById(acme);
    await crm.moveStage('Closed Lost');
    const voided = Date.now();
    await page
      .getByText('Void', { exact: true })
      .first()
      .waitFor({ timeout: WITHIN_MS + 2_000 });
    expect(Date.now() - voided).toBeLessThanOrEqual(WITHIN_MS);
    await page.getByText(/Closed Lost → voided this document/).waitFor();

    // Another deal, won: its invoice is sent by a person, then the deal is lost.
    const second = await crm.createDeal({
      name: 'Acme phase two',
      account: 'Acme Trading',
      stage: 'Negotiation/Review',
      amount: '120000',
    });
    await crm.openDealById(second);
    await crm.moveStage('Closed Won');
    await page.goto('/invoices');
    const next = await invoiceRow(page, /Acme Trading/);
    await page.waitForURL('**/invoices');
    const rows = page.locator('main a[href^="/invoices/"]').filter({ hasText: 'Acme Trading' });
    await expect.poll(() => rows.count(), { timeout: WITHIN_MS + 2_000 }).toBe(2);
    expect(next.ms).toBeLessThanOrEqual(WITHIN_MS + 2_000);
    const hrefs = await rows.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const secondHref = hrefs.find((href) => href && !invoiceUrl.endsWith(href));
    await page.goto(secondHref ?? '');
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByText(/A person changed this document on/).waitFor();
    // The server has it (server order decides: a stage change before it would still void the invoice).
    const secondId = secondHref?.split('/').pop() ?? '';
    await expect
      .poll(
        async () =>
          (await kanjo.request<{ sentAt?: string }>('GET', `/api/invoices/${secondId}`)).json
            .sentAt,
      )
      .toBeTruthy();

    await crm.openDealById(second);
    await crm.moveStage('Closed Lost');
    // Nothing happens to the sent invoice, and its log says why.
    await page
      .getByText('Closed Lost: skipped, this document was already sent')
      .waitFor({ timeout: WITHIN_MS + 2_000 });
    await page.locator('main').getByText('Issued', { exact: true }).waitFor();
    await screenshot(page, 'crm-automation-sent-left-alone');

    // The log page tells the whole story.
    await page.goto('/settings/crm/automation');
    await page
      .getByText(/already sent/)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
  });
});
