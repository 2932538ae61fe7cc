import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot, type ViewportName } from '../fixtures/browser';
import { demoCrmCredentials, demoCrmUrl } from '../fixtures/demo';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSettingsPage } from '../pages/crm-settings-page';

const suite = useServerAndBrowser({ demo: true });

describe('the CRM connection’s address and its secrets', () => {
  test.each<ViewportName>(['phone', 'desktop'])(
    'a new address asks for the secrets again, and the change history shows every attempt (%s)',
    async (viewport) => {
      const page = await suite.page(`crm-audit-${viewport}`, viewport);
      const errors = collectPageErrors(page);
      const { email } = await signUpOwner(page, { label: `Audit ${viewport}` });
      const credentials = await demoCrmCredentials(suite.server, email);
      const crm = new CrmSettingsPage(page);
      await crm.goto();
      await crm.connect(credentials);
      await crm.status().getByText('Connected', { exact: true }).waitFor();
      const history = page.getByRole('region', { name: 'Change history' });
      await history.getByText('Connected', { exact: true }).waitFor();
      expect(await history.textContent()).toContain(email);
      // The client address the server saw is kept with each entry.
      expect(await history.textContent()).toMatch(/127\.0\.0\.1/);

      await page.getByRole('button', { name: 'Update credentials' }).click();
      await page.locator('#apiDomain').fill('https://collector.example');
      await page.getByText('You changed the accounts URL or API domain').waitFor();
      expect(await page.locator('#clientSecret').getAttribute('required')).not.toBeNull();
      await page.getByRole('button', { name: 'Save credentials' }).click();
      // Refused in the page before anything is sent: the secret fields say why.
      const secretError = page.locator('#clientSecret-error');
      await secretError.waitFor();
      expect(await secretError.textContent()).toMatch(/accounts URL or API domain changes/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('clientSecret');
      await screenshot(page, `crm-audit-form-${viewport}`);

      // The server refuses it too, and keeps the attempt.
      const refused = await page.evaluate(
        async (body) => {
          const response = await fetch('/api/crm/connection', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          return {
            status: response.status,
            json: (await response.json()) as { error: { code: string } },
          };
        },
        {
          email,
          accountsUrl: demoCrmUrl(suite.server),
          apiDomain: 'https://collector.example',
          clientId: credentials.clientId,
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.json.error.code).toBe('CRM_SECRETS_REQUIRED');

      await page.reload();
      await history.getByText('Refused: new address without the secrets').waitFor();
      expect(await history.textContent()).toContain('API domain');
      await history.scrollIntoViewIfNeeded();
      await screenshot(page, `crm-audit-history-${viewport}`);
      expect(errors).toEqual([]);
    },
  );
});
