import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS_DIR, collectPageErrors, screenshot } from '../fixtures/browser';
import { useEmulator } from '../fixtures/emulator';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmEmulatorAccounts } from '../pages/crm-emulator-accounts';
import { CrmLinkPanel } from '../pages/crm-link-panel';
import { CrmSyncApi } from '../pages/crm-sync-api';
import { LoginPage } from '../pages/login-page';

// A fresh organization, connected to a CRM emulator of its own: every CRM write is counted.
const suite = useServerAndBrowser();
const emulator = useEmulator();

/** The CRM panel alone (the full page is very tall). */
const shoot = (panel: CrmLinkPanel, name: string) =>
  panel.panel().screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });

interface Link {
  link: { crmId: string } | null;
  holds: { kind: string; crm: { crmId: string } }[];
}

describe('an ambiguous match on the customer page', () => {
  test('two near-duplicates and a CRM account: no CRM write; choosing one links it, the other stays unlinked', async () => {
    const page = await suite.page('crm-link-repair');
    const errors = collectPageErrors(page);
    const { email, password } = await signUpOwner(page, { label: 'Link repair' });
    const api = new CrmSyncApi(page);

    // Two spellings of one company in Kanjo, a third in the CRM (made in its own UI).
    const ids: string[] = [];
    for (const displayName of ['サクラ商事', 'サクラ商事 株式会社']) {
      const made = await api.request<{ id: string }>('POST', '/api/customers', {
        kind: 'business',
        displayName,
      });
      expect(made.status).toBe(201);
      ids.push(made.json.id);
    }
    const [first, second] = ids as [string, string];
    const crmPage = await suite.page('crm-link-repair-crm');
    const accountId = await new CrmEmulatorAccounts(crmPage, emulator().url).createAccount({
      name: '株式会社サクラ商事',
      city: '東京',
    });
    await crmPage.context().close();

    // Connect, save the rules (the organization is set up), sync.
    await api.connectTo(emulator(), email);
    const writes = await emulator().writes();
    await api.syncNow();
    expect(await emulator().writes()).toBe(writes);

    // The customer page lists both candidates of the CRM account.
    await page.goto(`/customers/${first}`);
    const panel = new CrmLinkPanel(page);
    expect(await panel.candidateNames()).toEqual(['サクラ商事', 'サクラ商事 株式会社']);
    await expect.poll(() => panel.choice().textContent()).toContain('株式会社サクラ商事');
    await screenshot(page, 'crm-link-choice-desktop');
    await shoot(panel, 'crm-link-panel-choice-desktop');

    const phone = await suite.page('crm-link-repair-phone', 'phone');
    await new LoginPage(phone).goto();
    await new LoginPage(phone).logIn({ email, password });
    await phone.waitForURL('**/invoices');
    await phone.goto(`/customers/${first}`);
    const onPhone = new CrmLinkPanel(phone);
    await onPhone.chooseButton('サクラ商事').waitFor();
    await screenshot(phone, 'crm-link-choice-phone');
    await shoot(onPhone, 'crm-link-panel-choice-phone');

    // Chosen with the keyboard: this one is linked, the other stays unlinked.
    await panel.chooseButton('サクラ商事').focus();
    await page.keyboard.press('Enter');
    await panel.status().getByText('Linked. The other records stay unlinked').waitFor();
    await panel
      .panel()
      .getByRole('link', { name: /^Open in the CRM: .*株式会社サクラ商事/ })
      .waitFor();
    expect(await panel.choice().count()).toBe(0);
    await shoot(panel, 'crm-link-panel-chosen-desktop');

    const chosen = await api.request<Link>('GET', `/api/crm/links/customer/${first}/repair`);
    expect(chosen.json.link?.crmId).toBe(accountId);
    const other = await api.request<Link>('GET', `/api/crm/links/customer/${second}/repair`);
    expect(other.json).toMatchObject({
      link: null,
      holds: [{ kind: 'kept_apart', crm: { crmId: accountId } }],
    });

    // The next sync sends nothing: the other one is not pushed as a third account.
    await api.syncNow();
    expect(await emulator().writes()).toBe(writes);

    await page.goto(`/customers/${second}`);
    await panel.keptApart().waitFor();
    await panel.panel().getByRole('button', { name: 'Release' }).waitFor();
    await shoot(panel, 'crm-link-panel-kept-apart-desktop');

    // "Link to a CRM record" ranks the candidates with why; the account is taken by the first.
    await panel.panel().getByRole('button', { name: 'Link to a CRM record' }).click();
    const candidate = panel.candidates().filter({ hasText: '株式会社サクラ商事' });
    await candidate.getByText('Same name').waitFor();
    await candidate.getByText('Already linked to 株式会社サクラ商事 in Kanjo').waitFor();
    expect(await candidate.getByText('Waiting for this choice').count()).toBe(0);
    expect(await candidate.getByRole('button').count()).toBe(0);
    await shoot(panel, 'crm-link-panel-picker-desktop');
    await phone.goto(`/customers/${second}`);
    await onPhone.panel().getByRole('button', { name: 'Link to a CRM record' }).click();
    await onPhone.candidates().first().waitFor();
    await shoot(onPhone, 'crm-link-panel-picker-phone');
    await phone.context().close();
    expect(errors).toEqual([]);
  });
});
