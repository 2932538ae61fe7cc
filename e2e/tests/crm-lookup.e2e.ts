import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ARTIFACTS_DIR,
  collectPageErrors,
  screenshot,
  type ViewportName,
} from '../fixtures/browser';
import { goOffline, goOnline, waitForServiceWorker } from '../fixtures/network';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmEmulatorAccounts } from '../pages/crm-emulator-accounts';
import { CrmInfoDialog } from '../pages/crm-info-dialog';
import { CrmSyncApi } from '../pages/crm-sync-api';
import { DocumentEditorPage } from '../pages/document-editor-page';

// The demo organization, connected to the CRM emulator embedded beside it.
const suite = useServerAndBrowser({ demo: true });

/** Made in the CRM by the journey, never synced before it is searched. */
const NEW_ACCOUNT = { name: 'Sakura Ceramics', city: 'Kyoto' };
const NEW_CONTACT = { firstName: 'Aoi', lastName: 'Mori', email: 'aoi@sakura-ceramics.example' };
/** From the emulator's demo book: Acme Trading (Tokyo) and its open deal. */
const ACME = 'Acme Trading';
const ACME_DEAL = 'Acme rollout';
/** Long enough for a sync run against the emulator; each wait ends as soon as it can. */
const RUN_TIMEOUT_MS = 30_000;

/**
 * `screenshot()`, plus the first screen as a person sees it: a phone's full
 * page is very tall, and a dialog covers only the screen.
 */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-screen.png`) });
}

/**
 * Sync rules under which a record the CRM admin makes is never synced by
 * itself, whatever runs (interval, notification): customers come from the
 * views "My Accounts" / "My Contacts" of Kanjo's CRM user (the demo book and
 * the emulator UI's records are the admin's), and "Search in CRM" may import
 * anything (import on demand). Accounts come with their Contacts as contact
 * persons. Returns a function that puts the previous rules back.
 */
async function syncOnlyMyRecords(crm: CrmSyncApi): Promise<() => Promise<void>> {
  const previous = await crm.rules();
  const rules = structuredClone(previous);
  rules.customers.module = 'accountsAndContacts';
  rules.customers.importOnDemand = true;
  rules.customers.views = {
    accounts: await crm.viewId('Accounts', 'My Accounts'),
    contacts: await crm.viewId('Contacts', 'My Contacts'),
  };
  await crm.saveRules(rules);
  return () => crm.saveRules(previous);
}

/**
 * On the server: the invoice (once its draft left the outbox) is for a
 * customer named as the CRM account, linked to it, with the account's contact
 * as its contact person. Returns that customer's id.
 */
async function expectLinkedCustomer({
  kanjo,
  invoiceId,
  accountId,
}: {
  kanjo: CrmSyncApi;
  invoiceId: string;
  accountId: string;
}): Promise<string> {
  const customerIdOnServer = async () =>
    (await kanjo.request<{ customerId?: string }>('GET', `/api/invoices/${invoiceId}`)).json
      .customerId ?? null;
  await expect
    .poll(customerIdOnServer, { timeout: RUN_TIMEOUT_MS, interval: 100 })
    .toEqual(expect.any(String));
  const customerId = (await customerIdOnServer()) ?? '';
  const customer = await kanjo.request<{
    displayName: string;
    contactPersons: { firstName?: string; lastName?: string; email?: string }[];
  }>('GET', `/api/customers/${customerId}`);
  expect(customer.json.displayName).toBe(NEW_ACCOUNT.name);
  expect(customer.json.contactPersons).toEqual([expect.objectContaining(NEW_CONTACT)]);
  const link = await kanjo.request<{ link: { crmId: string; status: string } | null }>(
    'GET',
    `/api/crm/links/customer/${customerId}`,
  );
  expect(link.json.link).toMatchObject({ crmId: accountId, status: 'linked' });
  return customerId;
}

/**
 * Offline, "View CRM info" shows the deals saved on this device, how old they
 * are and why; nothing pretends to be fresh. Back online afterwards.
 */
async function expectCachedInfoOffline(page: Page, viewport: ViewportName): Promise<void> {
  await waitForServiceWorker(page);
  await goOffline(page.context());
  const info = new CrmInfoDialog(page);
  await info.open();
  await info
    .source()
    .getByText('You are offline: these are the deals saved on this device.')
    .waitFor();
  expect(await info.cachedAge().textContent()).toMatch(
    /^Saved on this device, as of (this minute|\d+ minutes? ago)\.$/,
  );
  expect(await info.dealFact(ACME_DEAL, 'Stage').textContent()).toBe('Qualification');
  expect(await info.dealFact(ACME_DEAL, 'Amount').textContent()).toBe('¥500,000');
  // No CRM fields (they are never cached) and no retry while the device is offline.
  expect(await info.dialog().getByText(`CRM account: ${ACME}`).count()).toBe(0);
  expect(await info.dialog().getByRole('button', { name: 'Try again' }).count()).toBe(0);
  await screenshots(page, `crm-info-offline-${viewport}`);
  await info.close();
  await expect.poll(() => info.opener().evaluate((b) => b === document.activeElement)).toBe(true);
  await goOnline(page.context());
}

describe('Search in CRM', () => {
  test('an account Kanjo never synced is found, imported with its contact, and the new invoice uses it', async () => {
    const page = await suite.page('crm-lookup-import');
    const errors = collectPageErrors(page);
    await logInToDemo(page);
    // The start-up sync is over before the rules change, so no run still reads "All accounts".
    const kanjo = new CrmSyncApi(page, RUN_TIMEOUT_MS);
    await kanjo.syncNow();
    const restoreRules = await syncOnlyMyRecords(kanjo);
    try {
      // In the CRM, as a person there: a new account and its contact.
      const crm = new CrmEmulatorAccounts(page, demoCrmUrl(suite.server));
      const accountId = await crm.createAccount(NEW_ACCOUNT);
      await crm.addContact(accountId, NEW_CONTACT);

      // At phone size: the search lists it, with its city, as one to import.
      const phone = await suite.page('crm-lookup-import-phone', 'phone');
      const phoneErrors = collectPageErrors(phone);
      await logInToDemo(phone);
      const onPhone = new DocumentEditorPage(phone);
      await onPhone.openNew('invoices');
      const phoneSearch = onPhone.crmSearch();
      await phoneSearch.open();
      await phoneSearch.search('sakura');
      await phoneSearch.result(NEW_ACCOUNT.name).waitFor();
      expect(await phoneSearch.resultDetails(NEW_ACCOUNT.name).textContent()).toBe('Kyoto');
      expect(await phoneSearch.resultAction(NEW_ACCOUNT.name).textContent()).toMatch(
        /^\s*Import\s*$/,
      );
      await screenshots(phone, 'crm-search-results-phone');

      // On the desktop: new invoice → Search in CRM → type its name → choose it.
      const editor = new DocumentEditorPage(page);
      await editor.openNew('invoices');
      const search = editor.crmSearch();
      await search.open();
      expect(await search.tab('Search in CRM').getAttribute('aria-selected')).toBe('true');
      await search.search('Sakura Cer');
      await search.outcome().getByText('CRM accounts matching “Sakura Cer”').waitFor();
      const result = search.result(NEW_ACCOUNT.name);
      await result.waitFor();
      expect(await search.resultDetails(NEW_ACCOUNT.name).textContent()).toBe('Kyoto');
      expect(await search.resultAction(NEW_ACCOUNT.name).textContent()).toMatch(/^\s*Import\s*$/);
      await screenshot(page, 'crm-search-results-desktop');

      await result.click();
      await search
        .pickedNotice()
        .getByText(`${NEW_ACCOUNT.name} was imported from the CRM and chosen as the customer.`)
        .waitFor({ timeout: RUN_TIMEOUT_MS });
      // Back on "Kanjo customers", the field shows the new customer and has the focus.
      expect(await search.tab('Kanjo customers').getAttribute('aria-selected')).toBe('true');
      expect(await editor.customer().inputValue()).toBe(NEW_ACCOUNT.name);
      await expect
        .poll(() => editor.customer().evaluate((input) => input === document.activeElement))
        .toBe(true);
      await screenshot(page, 'crm-search-imported-desktop');

      await editor.fillFirstLine({ name: 'Tea bowls', quantity: '12', rate: '4500' });
      const invoiceId = await editor.saveDraft('invoices');
      await editor.headerCustomer().filter({ hasText: NEW_ACCOUNT.name }).waitFor();

      const customerId = await expectLinkedCustomer({ kanjo, invoiceId, accountId });

      // What a person sees on the customer's page: linked, with the CRM contact as a person.
      await page.goto(`/customers/${customerId}`);
      await page.getByText('Linked', { exact: true }).waitFor();
      expect(await page.locator('#displayName').inputValue()).toBe(NEW_ACCOUNT.name);
      expect(await page.locator('#contactPersons-0-firstName').inputValue()).toBe('Aoi');
      expect(await page.locator('#contactPersons-0-lastName').inputValue()).toBe('Mori');
      expect(await page.locator('#contactPersons-0-email').inputValue()).toBe(NEW_CONTACT.email);

      // Searched again, it says it is already in Kanjo, and choosing it selects it without a copy.
      await phoneSearch.search('sakura c');
      await phoneSearch
        .resultAction(NEW_ACCOUNT.name)
        .filter({ hasText: 'Already in Kanjo' })
        .waitFor();
      await screenshots(phone, 'crm-search-in-kanjo-phone');
      await phoneSearch.result(NEW_ACCOUNT.name).click();
      await phoneSearch
        .pickedNotice()
        .getByText(`${NEW_ACCOUNT.name} was chosen as the customer.`)
        .waitFor({ timeout: RUN_TIMEOUT_MS });
      expect(await onPhone.customer().inputValue()).toBe(NEW_ACCOUNT.name);
      const all = await kanjo.request<{ items: { displayName: string }[] }>(
        'GET',
        '/api/customers?limit=200',
      );
      expect(all.json.items.filter((c) => c.displayName === NEW_ACCOUNT.name)).toHaveLength(1);
      await phone.context().close();
      expect(phoneErrors).toEqual([]);
    } finally {
      await restoreRules();
    }
    expect(errors).toEqual([]);
  });

  test.each<ViewportName>(['phone', 'desktop'])(
    'offline, the tab says searching the CRM needs the network (%s)',
    async (viewport) => {
      const page = await suite.page(`crm-lookup-offline-${viewport}`, viewport);
      const errors = collectPageErrors(page);
      await logInToDemo(page);
      await waitForServiceWorker(page);
      await goOffline(page.context());

      const editor = new DocumentEditorPage(page);
      await editor.openNewFromNav('invoices');
      const search = editor.crmSearch();
      await search.open();
      await search
        .outcome()
        .getByText(
          'Searching the CRM needs the network. Pick a Kanjo customer, or try again once you are online.',
        )
        .waitFor();
      expect(await search.query().isDisabled()).toBe(true);
      // Nothing to retry while the browser itself is offline.
      expect(await search.outcome().getByRole('button').count()).toBe(0);
      await screenshots(page, `crm-search-offline-${viewport}`);

      // Back online, the same tab searches again.
      await goOnline(page.context());
      await expect.poll(() => search.query().isEnabled()).toBe(true);
      await search.search(ACME);
      await search.result(ACME).waitFor({ timeout: RUN_TIMEOUT_MS });
      expect(errors).toEqual([]);
    },
  );
});

describe('deals on documents and CRM info', () => {
  test('the deal picker offers the customer’s deals; the quote shows its deal and CRM info, fresh online and cached offline', async () => {
    const page = await suite.page('crm-lookup-deals');
    const errors = collectPageErrors(page);
    await logInToDemo(page);
    const kanjo = new CrmSyncApi(page, RUN_TIMEOUT_MS);
    await kanjo.syncNow();

    // New quote for Acme Trading: the picker offers its cached deals with their stage.
    const editor = new DocumentEditorPage(page);
    await editor.openNew('quotes');
    await editor.chooseCustomer(ACME);
    const option = editor.dealOption(ACME_DEAL);
    await option.waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
    expect(await option.textContent()).toBe(
      `${ACME_DEAL} — Qualification · ¥500,000 · closes Mar 31, 2026`,
    );
    expect(await editor.dealHint().textContent()).toContain(
      'The chosen customer’s deals in the CRM.',
    );
    // Open deals are grouped; another customer's deal is not offered.
    const open = editor.dealPicker().locator('optgroup[label="Open deals"] option');
    expect(await open.allTextContents()).toEqual([await option.textContent()]);
    expect(await editor.dealOption('Globex renewal').count()).toBe(0);

    await editor.chooseDeal(ACME_DEAL);
    await editor.fillFirstLine({ name: 'Rollout workshop', quantity: '2', rate: '150000' });
    await screenshot(page, 'crm-deal-picker-desktop');
    const quoteId = await editor.saveDraft('quotes');

    // The quote page shows the linked deal; the server has the link.
    const panel = editor.dealPanel();
    await panel.getByRole('heading', { level: 3, name: ACME_DEAL, exact: true }).waitFor();
    expect(await editor.dealPanelFact('Stage').textContent()).toBe('Qualification');
    expect(await editor.dealPanelFact('Probability').textContent()).toContain('10%');
    await expect
      .poll(
        async () =>
          (await kanjo.request<{ dealId?: string | null }>('GET', `/api/quotes/${quoteId}`)).json
            .dealId ?? null,
        { timeout: RUN_TIMEOUT_MS, interval: 100 },
      )
      .toEqual(expect.stringMatching(/\S/));

    // "View CRM info": the account's CRM fields and its deals, fresh from the CRM.
    const info = new CrmInfoDialog(page);
    await info.open();
    await info
      .source()
      .getByText(/Fresh from the CRM, read /)
      .waitFor({ timeout: RUN_TIMEOUT_MS });
    expect(await info.dialog().getByRole('heading', { level: 2 }).textContent()).toBe(
      `CRM info · ${ACME}`,
    );
    expect(await info.recordHeading().textContent()).toBe(`CRM account: ${ACME}`);
    expect(await info.field('Industry').textContent()).toBe('Retail');
    expect(await info.field('Billing City').textContent()).toBe('Tokyo');
    expect(await info.field('Customer Code').textContent()).toBe('C-0001');
    expect(await info.dealFact(ACME_DEAL, 'Stage').textContent()).toBe('Qualification');
    expect(await info.dealFact(ACME_DEAL, 'Amount').textContent()).toBe('¥500,000');
    expect(await info.dealFact(ACME_DEAL, 'Closing date').textContent()).toBe('Mar 31, 2026');
    await screenshots(page, 'crm-info-fresh-desktop');

    // Escape closes it and focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await info.dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => info.opener().evaluate((b) => b === document.activeElement)).toBe(true);

    // The same quote at phone size.
    const phone = await suite.page('crm-lookup-deals-phone', 'phone');
    const phoneErrors = collectPageErrors(phone);
    await logInToDemo(phone);
    const onPhone = new DocumentEditorPage(phone);
    await onPhone.open('quotes', quoteId);
    await onPhone
      .dealPanel()
      .getByRole('heading', { level: 3, name: ACME_DEAL, exact: true })
      .waitFor({ timeout: RUN_TIMEOUT_MS });
    await screenshots(phone, 'crm-deal-panel-phone');
    const phoneInfo = new CrmInfoDialog(phone);
    await phoneInfo.open();
    await phoneInfo
      .source()
      .getByText(/Fresh from the CRM, read /)
      .waitFor({ timeout: RUN_TIMEOUT_MS });
    await phoneInfo.deal(ACME_DEAL).waitFor();
    await screenshots(phone, 'crm-info-fresh-phone');
    await phoneInfo.close();
    await expectCachedInfoOffline(phone, 'phone');
    await phone.context().close();
    expect(phoneErrors).toEqual([]);

    await expectCachedInfoOffline(page, 'desktop');
    expect(errors).toEqual([]);
  });
});
