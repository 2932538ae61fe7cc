import { describe, expect, test } from 'vitest';
import { collectPageErrors } from '../fixtures/browser';
import { demoCrmCredentials } from '../fixtures/demo';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSettingsPage } from '../pages/crm-settings-page';

// The demo server's CRM emulator: its clients' grants carry the scopes they were made with.
const suite = useServerAndBrowser({ demo: true });

describe('OAuth scopes on Settings → CRM', () => {
  test('the page lists the scopes to grant; a grant without one is refused, naming it', async () => {
    const page = await suite.page('crm-scopes');
    const errors = collectPageErrors(page);
    const { email } = await signUpOwner(page, { label: 'Scopes' });
    const credentials = await demoCrmCredentials(suite.server, email, [
      'ZohoCRM.modules.ALL',
      'ZohoCRM.settings.ALL',
      'ZohoCRM.users.READ',
      'ZohoCRM.org.READ',
    ]);

    const crm = new CrmSettingsPage(page);
    await crm.goto();
    await page.getByText('Where do I find these?').click();
    const list = page.getByLabel('Scopes to enter (all of them, separated by commas)');
    expect(await list.inputValue()).toBe(
      'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.notifications.ALL,ZohoCRM.coql.READ',
    );
    const why = page.getByRole('list', { name: 'What each scope is for' }).getByRole('listitem');
    expect(await why.count()).toBe(6);

    await crm.connect(credentials);
    await expect
      .poll(() => crm.alert().innerText())
      .toContain(
        'lacks the OAuth scopes Kanjo needs: ZohoCRM.notifications.ALL, ZohoCRM.coql.READ',
      );
    // Still the connect form: nothing was stored.
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
