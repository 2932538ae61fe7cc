import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot, VIEWPORTS } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmPanelFrame, INVALID_LINK_TEXT, PANEL_TEXT } from '../pages/crm-panel-frame';
import { CrmSyncApi } from '../pages/crm-sync-api';

// The demo organization connected to the embedded CRM emulator; at start-up the
// server gives the emulator's "Widgets" setting the panel URL and a fresh secret.
const suite = useServerAndBrowser({ demo: true });

const ACCOUNT = 'Acme Trading';
const RECIPIENT = 'buyer@acme-trading.example';
const SALES_REP = /^Sales Rep \(Sales\)$/;
const ADMINISTRATOR = /\(Administrator\)$/;

interface Written {
  id: string;
  number: string | null;
  status: string;
  totals: { total: number };
}

/** A row of `GET /api/panel/documents` (core's `PanelDocumentRow`). */
interface PanelRow {
  kind: string;
  id: string;
  number: string | null;
  status: string;
  total: number;
}

interface OutboxMail {
  id: string;
  to: string[];
  document: { kind: string; id: string };
}

/** Digits as the panel prints a JPY amount ("¥90,000" → "90,000"), whatever the symbol. */
const yen = (minor: number) => minor.toLocaleString('en-US');

async function customerId(kanjo: CrmSyncApi, name: string): Promise<string> {
  const all = await kanjo.request<{ items: { id: string; displayName: string }[] }>(
    'GET',
    '/api/customers?limit=200',
  );
  const found = all.json.items.find((c) => c.displayName === name);
  if (!found) throw new Error(`${name} is not a Kanjo customer after the sync`);
  return found.id;
}

/** An issued invoice for the customer, made in Kanjo through its API. */
async function issuedInvoice(kanjo: CrmSyncApi, customer: string): Promise<Written> {
  const created = await kanjo.request<Written>('POST', '/api/invoices', {
    customerId: customer,
    lines: [{ name: 'Panel e2e: implementation', quantity: '2', rate: 45_000 }],
  });
  if (created.status !== 201) throw new Error(`invoice create: ${JSON.stringify(created)}`);
  const issued = await kanjo.request<Written>('POST', `/api/invoices/${created.json.id}/issue`);
  expect(issued).toMatchObject({ status: 200 });
  return issued.json;
}

/** In Settings → CRM → Kanjo in the CRM: "Sales" may create (so view) quotes, not email them. */
async function letSalesMakeQuotes(page: Page): Promise<void> {
  await page.goto('/settings/crm/panel');
  const box = (name: string) => page.getByLabel(name, { exact: true });
  await box('Sales: Quote, Create & edit').check();
  await expect.poll(() => box('Sales: Quote, View').isChecked()).toBe(true);
  await expect.poll(() => box('Sales: Quote, Send email').isChecked()).toBe(false);
  await expect.poll(() => box('Sales: Invoice, View').isChecked()).toBe(true);
  await expect.poll(() => box('Administrator: Quote, Send email').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Save permissions' }).click();
  await page.getByText(/^Permissions saved\./).waitFor();
  await screenshot(page, 'crm-panel-permissions');
}

/** The panel's own API, called as the iframe would, with the query the CRM signed. */
async function panelApi(args: { baseUrl: string; query: string; path: string; body?: unknown }) {
  const response = await fetch(`${args.baseUrl}/api/panel${args.path}`, {
    method: args.body === undefined ? 'GET' : 'POST',
    headers: {
      'x-kanjo-panel': args.query,
      ...(args.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: args.body === undefined ? undefined : JSON.stringify(args.body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** The base64 body of the raw message's `application/pdf` part, decoded. */
function pdfAttachment(raw: string): Buffer {
  const part = /Content-Type: application\/pdf[^]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(raw);
  if (!part?.[1]) throw new Error('the captured mail has no application/pdf part');
  return Buffer.from(part[1].replace(/\s+/g, ''), 'base64');
}

describe('Kanjo inside the CRM: the panel on an account page', () => {
  test('Sales creates a quote but may not email it; an administrator sends it with its PDF', async () => {
    const page = await suite.page('crm-panel-kanjo');
    const errors = collectPageErrors(page);
    const kanjo = new CrmSyncApi(page);
    const { baseUrl } = suite.server;

    // 1. In Kanjo: Acme Trading synced, an issued invoice for it, Sales' permissions set.
    await logInToDemo(page);
    await kanjo.syncNow();
    const acme = await customerId(kanjo, ACCOUNT);
    const invoice = await issuedInvoice(kanjo, acme);
    expect(invoice.number).toEqual(expect.any(String));
    await letSalesMakeQuotes(page);

    // 2. In the CRM, acting as the Sales Rep: the panel lists the invoice, a quote is made there.
    const crmPage = await suite.page('crm-panel-crm');
    const crmErrors = collectPageErrors(crmPage);
    const panel = new CrmPanelFrame(crmPage, demoCrmUrl(suite.server));
    await panel.actAs(SALES_REP);
    await panel.openAccount(ACCOUNT);
    await panel.frame.getByText('Sales Rep · Sales').waitFor();
    const invoiceRow = panel.group(PANEL_TEXT.invoices).locator(panel.row(invoice.id));
    await invoiceRow.waitFor();
    await expect.poll(() => invoiceRow.innerText()).toContain(invoice.number ?? '');
    await expect.poll(() => invoiceRow.innerText()).toContain(PANEL_TEXT.issued);
    await expect.poll(() => invoiceRow.innerText()).toContain(yen(invoice.totals.total));
    await screenshot(crmPage, 'crm-panel-sales-list');

    await panel.createQuote({ name: 'Onboarding workshop', quantity: '3', rate: '20000' });
    // The detail has loaded (its PDF button shows) and offers no "Send by email" to Sales.
    expect(await panel.sendButton().count()).toBe(0);
    const query = await panel.signedQuery();
    const listed = await panelApi({ baseUrl, query, path: '/documents' });
    const quote = (listed.json as { documents: PanelRow[] }).documents.find(
      (d) => d.kind === 'quote',
    );
    if (!quote) throw new Error('the panel API lists no quote after creating one');
    await screenshot(crmPage, 'crm-panel-sales-quote-created');

    // 2b. Sales may create, so edits the draft too: 3 → 4 workshops, and a note.
    await panel.editDraft({ quantity: '4', notes: 'Edited in the CRM' }, async () => {
      for (const viewport of ['phone', 'desktop'] as const) {
        await crmPage.setViewportSize(VIEWPORTS[viewport]);
        // The panel's frame scrolls on its own: its top shows the heading, dates and deal.
        await panel.frame.locator('#panel-view-heading').scrollIntoViewIfNeeded();
        await screenshot(crmPage, `crm-panel-edit-${viewport}`);
      }
    });
    const relisted = await panelApi({ baseUrl, query, path: '/documents' });
    const edited = (relisted.json as { documents: PanelRow[] }).documents.find(
      (d) => d.id === quote.id,
    );
    expect(edited).toMatchObject({ status: 'draft', total: (quote.total / 3) * 4 });
    quote.total = edited?.total ?? quote.total;
    await screenshot(crmPage, 'crm-panel-sales-quote-edited');
    await panel.backToList();
    const quoteRow = panel.group(PANEL_TEXT.quotes).locator(panel.row(quote.id));
    await quoteRow.waitFor();
    if (quote.number) await expect.poll(() => quoteRow.innerText()).toContain(quote.number);
    await expect.poll(() => quoteRow.innerText()).toContain(yen(quote.total));
    await panel.openRow(quote.id);
    expect(await panel.sendButton().count()).toBe(0);
    await screenshot(crmPage, 'crm-panel-sales-no-send');

    // 3. The panel API itself refuses Sales, naming the missing permission.
    const refused = await panelApi({
      baseUrl,
      query,
      path: `/documents/quote/${quote.id}/email`,
      body: { to: [RECIPIENT] },
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('quote.sendEmail') as unknown,
        details: { kind: 'quote', action: 'sendEmail' },
      },
    });

    // 4. In the PWA the quote says who made it in the CRM.
    await page.goto(`/quotes/${quote.id}`);
    await page.getByText('Created in the CRM by Sales Rep (Sales)').waitFor();
    // The panel's edit reached the PWA like any write.
    await expect.poll(() => page.locator('#notes').inputValue()).toBe('Edited in the CRM');
    await screenshot(page, 'crm-panel-pwa-quote-by-sales');

    // 5. The administrator, on the same account page, may send it: the mail carries its PDF.
    // Another person's browser: a second panel load in one browser is refused (see the test below).
    const adminPage = await suite.page('crm-panel-crm-admin');
    const adminErrors = collectPageErrors(adminPage);
    const adminPanel = new CrmPanelFrame(adminPage, demoCrmUrl(suite.server));
    await adminPanel.actAs(ADMINISTRATOR);
    await adminPanel.openAccount(ACCOUNT);
    await adminPanel.openRow(quote.id);
    await adminPanel.sendButton().waitFor();
    await screenshot(adminPage, 'crm-panel-admin-send-button');
    await adminPanel.sendByEmail(RECIPIENT);
    await expect
      .poll(() => adminPanel.frame.locator('section.detail').innerText())
      .toContain(PANEL_TEXT.sent);
    await screenshot(adminPage, 'crm-panel-admin-sent');

    const outbox = await kanjo.request<{ items: OutboxMail[] }>('GET', '/api/mail/outbox');
    expect(outbox.status).toBe(200);
    const mail = outbox.json.items.find((m) => m.document.id === quote.id);
    expect(mail).toMatchObject({ to: [RECIPIENT], document: { kind: 'quote', id: quote.id } });
    const raw = await page.evaluate(
      async (id) => (await fetch(`/api/mail/outbox/${id}/raw`)).text(),
      mail?.id ?? '',
    );
    expect(pdfAttachment(raw).subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.goto(`/quotes/${quote.id}`);
    await page.locator('main').getByText('Sent', { exact: true }).first().waitFor();
    await screenshot(page, 'crm-panel-pwa-quote-sent');

    // 6. One character of the signature changed: only the invalid-link error, no document.
    // Opened on its own in a fresh browser (framed again in one browser it is refused, see below).
    const tampered = await panel.src();
    const sig = tampered.searchParams.get('sig') ?? '';
    const last = sig.slice(-1);
    tampered.searchParams.set('sig', `${sig.slice(0, -1)}${last === '0' ? '1' : '0'}`);
    const frameless = await suite.page('crm-panel-tampered');
    await frameless.goto(tampered.toString());
    await frameless.getByRole('alert').filter({ hasText: INVALID_LINK_TEXT }).waitFor();
    expect(await frameless.locator('#panel-record').count()).toBe(0);
    expect(await frameless.locator('section.group, section.detail').count()).toBe(0);
    expect(await frameless.getByText(quote.number ?? quote.id).count()).toBe(0);
    await screenshot(frameless, 'crm-panel-tampered-link');

    expect(errors).toEqual([]);
    expect(crmErrors).toEqual([]);
    expect(adminErrors).toEqual([]);
  });

  /**
   * The PWA's service worker, installed by the panel's first load, must leave
   * the next navigation to `/crm-panel` to the network: its cached app shell
   * forbids framing, and the CRM user would see the panel once per browser.
   */
  test('the panel shows again when the same browser opens the record a second time', async () => {
    const crmPage = await suite.page('crm-panel-reopen');
    const panel = new CrmPanelFrame(crmPage, demoCrmUrl(suite.server));
    const kanjoFrame = () => {
      const frame = crmPage.frames().find((f) => f.url().includes('/crm-panel'));
      if (!frame) throw new Error('the CRM page has no Kanjo panel frame');
      return frame;
    };
    const controlled = () => navigator.serviceWorker.controller !== null;
    await panel.openAccount(ACCOUNT);
    // The service worker has installed and controls the panel's frame.
    await kanjoFrame().waitForFunction(controlled);
    // The second visit goes through that worker, and the panel shows again.
    await panel.openAccount(ACCOUNT);
    expect(await kanjoFrame().evaluate(controlled)).toBe(true);
  });

  test('the panel starting beside the CRM form leaves the keyboard where the person put it', async () => {
    const crmPage = await suite.page('crm-panel-focus');
    const panel = new CrmPanelFrame(crmPage, demoCrmUrl(suite.server));
    // Kanjo's app code arrives late, as on a slow line: the person is in the form first.
    await crmPage.route('**/_app/immutable/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await crmPage.goto(`${demoCrmUrl(suite.server)}/ui/accounts`);
    await crmPage.getByRole('link', { name: ACCOUNT, exact: true }).first().click();
    const phone = crmPage.locator('#f-Phone');
    await phone.click();
    await phone.fill('');
    await panel.frame.locator('#panel-record').filter({ hasText: ACCOUNT }).waitFor();

    await crmPage.keyboard.type('06-5555-0101');
    expect(await phone.inputValue()).toBe('06-5555-0101');
    expect(await crmPage.evaluate(() => document.activeElement?.id)).toBe('f-Phone');
  });
});
