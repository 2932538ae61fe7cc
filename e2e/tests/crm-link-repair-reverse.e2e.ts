import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot } from '../fixtures/browser';
import { useEmulator } from '../fixtures/emulator';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmEmulatorAccounts } from '../pages/crm-emulator-accounts';
import { CrmLinkPanel } from '../pages/crm-link-panel';
import { CrmSyncApi } from '../pages/crm-sync-api';

// A fresh organization, connected to a CRM emulator of its own: every CRM write is counted.
const suite = useServerAndBrowser();
const emulator = useEmulator();

describe('two CRM accounts matching one customer', () => {
  test('the customer page lists both CRM records; linking one with the keyboard lets the other come in', async () => {
    const page = await suite.page('crm-link-repair-reverse');
    const errors = collectPageErrors(page);
    const { email } = await signUpOwner(page, { label: 'Reverse choice' });
    const api = new CrmSyncApi(page);
    const made = await api.request<{ id: string }>('POST', '/api/customers', {
      kind: 'business',
      displayName: 'サクラ商事 株式会社',
    });
    expect(made.status).toBe(201);
    const customer = made.json.id;

    const crmPage = await suite.page('crm-link-repair-reverse-crm');
    const accounts = new CrmEmulatorAccounts(crmPage, emulator().url);
    const short = await accounts.createAccount({ name: 'サクラ商事', city: '大阪' });
    const long = await accounts.createAccount({ name: '株式会社サクラ商事', city: '東京' });
    await crmPage.context().close();

    await api.connectTo(emulator(), email);
    const writes = await emulator().writes();
    await api.syncNow();
    expect(await emulator().writes()).toBe(writes);

    await page.goto(`/customers/${customer}`);
    const panel = new CrmLinkPanel(page);
    await panel.choice().getByText('2 CRM records match this record').waitFor();
    const names = panel.choice().locator('ul.candidates li .name strong');
    expect((await names.allTextContents()).map((t) => t.trim()).sort()).toEqual([
      '«サクラ商事»',
      '«株式会社サクラ商事»',
    ]);
    await screenshot(page, 'crm-link-choice-reverse-desktop');

    const choose = panel
      .choice()
      .getByRole('button', { name: `Link this one: «株式会社サクラ商事» (Accounts ${long})` });
    await choose.focus();
    await page.keyboard.press('Enter');
    await panel.status().getByText('Linked. The other CRM records come in').waitFor();
    expect(await panel.choice().count()).toBe(0);

    const view = await api.request<{ link: { crmId: string } | null; holds: unknown[] }>(
      'GET',
      `/api/crm/links/customer/${customer}/repair`,
    );
    expect(view.json).toMatchObject({ link: { crmId: long }, holds: [] });
    const listed = await api.request<{ items: { displayName: string }[] }>(
      'GET',
      '/api/customers?limit=200',
    );
    expect(listed.json.items.map((c) => c.displayName).sort()).toEqual([
      'サクラ商事',
      '株式会社サクラ商事',
    ]);
    expect(short).not.toBe(long);
    expect(errors).toEqual([]);
  });
});
