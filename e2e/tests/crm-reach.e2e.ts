import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot, VIEWPORTS } from '../fixtures/browser';
import { demoCrmCredentials, demoCrmUrl } from '../fixtures/demo';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSettingsPage } from '../pages/crm-settings-page';

// The demo server's CRM emulator; its "Standard" profile is every new CRM user's.
const suite = useServerAndBrowser({ demo: true });

/** Turns a module's permissions of the emulator's Standard profile on or off, as a CRM admin would. */
async function setStandard(grant: Record<string, unknown>): Promise<void> {
  const response = await fetch(
    `${demoCrmUrl(suite.server)}/__emulator/profiles/Standard/permissions`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(grant) },
  );
  if (response.status !== 200) throw new Error(`emulator permissions: ${response.status}`);
}

describe('the CRM user’s reach on Settings → CRM', () => {
  test('connecting names the modules the CRM user cannot use; a test after the fix clears it', async () => {
    const page = await suite.page('crm-reach');
    const errors = collectPageErrors(page);
    const { email } = await signUpOwner(page, { label: 'Reach' });
    const credentials = await demoCrmCredentials(suite.server, email);
    await setStandard({ module: 'Quotes', create: false, edit: false });
    await setStandard({ module: 'Deals', view: false });

    const crm = new CrmSettingsPage(page);
    await crm.goto();
    await crm.connect(credentials);
    const warning = page.getByRole('region', {
      name: 'The CRM user cannot reach every module Kanjo uses',
    });
    await warning.waitFor();
    const items = warning.getByRole('listitem');
    await expect
      .poll(() => items.allInnerTexts())
      .toEqual(['Deals: cannot view', 'Quotes: cannot create or edit']);
    expect(await warning.innerText()).toContain('give the profile “Standard” these permissions');
    for (const viewport of ['phone', 'desktop'] as const) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `crm-reach-warning-${viewport}`);
    }

    // Given back in the CRM, "Test connection" reads the profile again: the warning goes.
    await setStandard({ module: 'Quotes', create: true, edit: true });
    await setStandard({ module: 'Deals', view: true });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^The connection works/).waitFor();
    await expect.poll(() => warning.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
