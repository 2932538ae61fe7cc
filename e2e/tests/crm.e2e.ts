import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot, type ViewportName } from '../fixtures/browser';
import { DEMO, demoCrmUrl, emulatorClient, logInToDemo } from '../fixtures/demo';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSettingsPage } from '../pages/crm-settings-page';

// Like `npm start`: the demo organization, and the CRM emulator embedded beside it.
const suite = useServerAndBrowser({ demo: true });

describe('the embedded CRM', () => {
  test.each<ViewportName>(['phone', 'desktop'])(
    'the demo organization is connected to the emulator, whose UI answers at its port (%s)',
    async (viewport) => {
      const page = await suite.page(`crm-demo-${viewport}`, viewport);
      const errors = collectPageErrors(page);
      await logInToDemo(page);

      const crm = new CrmSettingsPage(page);
      await crm.goto();
      const status = crm.status();
      await status.getByText('Connected', { exact: true }).waitFor();
      expect(await status.textContent()).toContain('Kanjo Demo CRM');
      expect(await status.textContent()).toContain('JPY');
      expect(await status.textContent()).toContain(DEMO.email);
      await screenshot(page, `crm-settings-${viewport}`);

      await page.goto(demoCrmUrl(suite.server));
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.title()).toMatch(/emulator/i);
      await page.getByRole('link', { name: 'Deals' }).first().click();
      await page.getByRole('link', { name: 'Acme rollout' }).waitFor();
      await screenshot(page, `crm-emulator-deals-${viewport}`);
      expect(errors).toEqual([]);
    },
  );

  test('an owner connects a new organization: a wrong secret is refused and nothing stored, the right one connects', async () => {
    const page = await suite.page('crm-connect');
    const errors = collectPageErrors(page);
    const { email } = await signUpOwner(page, { label: 'Connect' });
    const client = await emulatorClient(suite.server, email);
    const credentials = {
      email,
      accountsUrl: demoCrmUrl(suite.server),
      apiDomain: demoCrmUrl(suite.server),
      clientId: client.client_id,
      clientSecret: 'not-the-secret',
      refreshToken: client.refresh_token,
    };

    const crm = new CrmSettingsPage(page);
    await crm.goto();
    await crm.status().getByText('Not connected', { exact: true }).waitFor();
    await crm.connect(credentials);
    const alert = crm.alert();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/refused these credentials/);
    // Nothing stored, and nothing typed lost.
    const stored = await page.evaluate(async () => {
      const response = await fetch('/api/crm/connection');
      return (await response.json()) as { connection: unknown };
    });
    expect(stored.connection).toBeNull();
    expect(await page.locator('#clientId').inputValue()).toBe(client.client_id);

    await page.locator('#clientSecret').fill(client.client_secret);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await crm.status().getByText('Connected', { exact: true }).waitFor();
    expect(await crm.status().textContent()).toContain('Kanjo Demo CRM');
    await screenshot(page, 'crm-connected-desktop');
    expect(errors).toEqual([]);
  });

  test.each<ViewportName>(['phone', 'desktop'])(
    'an owner changes the sync rules and they are kept (%s)',
    async (viewport) => {
      const page = await suite.page(`crm-sync-rules-${viewport}`, viewport);
      const errors = collectPageErrors(page);
      await logInToDemo(page);

      await page.goto('/settings/crm/sync');
      // The radios are styled cards: a person clicks the option's title.
      const rule = page.getByRole('radio', { name: /Kanjo wins/ });
      await rule.waitFor({ state: 'attached' });
      // Fields and views come from the emulator: the mapping table shows its field names.
      await page.locator('option[value="Billing_City"]').first().waitFor({ state: 'attached' });
      await screenshot(page, `crm-sync-rules-${viewport}`);
      await page.getByText('Kanjo wins', { exact: true }).click();
      await page.getByText('You have unsaved changes').waitFor();
      await page.getByRole('button', { name: 'Save sync rules' }).click();
      await page.getByText('Sync rules saved.', { exact: false }).waitFor();

      await page.reload();
      await page.locator('option[value="Billing_City"]').first().waitFor({ state: 'attached' });
      expect(await rule.isChecked()).toBe(true);
      const stored = await page.evaluate(async () => {
        const response = await fetch('/api/crm/settings');
        return (await response.json()) as { settings: { conflictRule: string } };
      });
      expect(stored.settings.conflictRule).toBe('kanjoWins');
      // Back to the default for the next viewport's run.
      await page.getByText('The CRM wins (recommended)', { exact: true }).click();
      await page.getByRole('button', { name: 'Save sync rules' }).click();
      await page.getByText('Sync rules saved.', { exact: false }).waitFor();
      expect(errors).toEqual([]);
    },
  );

  test('Sync now brings the CRM accounts into Kanjo and Kanjo customers into the CRM, with history', async () => {
    const page = await suite.page('crm-sync-now');
    const errors = collectPageErrors(page);
    await logInToDemo(page);

    await page.goto('/settings/crm/history');
    await page.getByRole('button', { name: 'Sync now' }).click();
    // The scheduler may have started a run already; either way one run ends well.
    await page.getByText('Succeeded', { exact: true }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'crm-history-desktop');

    // A CRM account arrives in the PWA through the normal pull, linked.
    await page.goto('/customers');
    await page.getByText('Acme Trading').first().click();
    await page.getByText('Linked', { exact: true }).waitFor();
    expect(await page.getByText('Accounts', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'crm-customer-panel-desktop');

    // A Kanjo customer is now an account in the CRM.
    const ui = await fetch(
      `${demoCrmUrl(suite.server)}/ui/accounts?q=${encodeURIComponent('Blue Harbor')}`,
    );
    expect(await ui.text()).toContain('Blue Harbor Trading Ltd.');
    expect(errors).toEqual([]);
  });
});
