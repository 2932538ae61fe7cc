import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors, screenshot, type ViewportName } from '../fixtures/browser';
import { demoCrmCredentials, demoCrmUrl } from '../fixtures/demo';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmSettingsPage } from '../pages/crm-settings-page';
import { CrmSyncApi } from '../pages/crm-sync-api';

/** The interval poll ticks this often here (a minute in production), so waiting past it is short. */
const TICK_MS = 300;

const suite = useServerAndBrowser({ demo: true, env: { CRM_SYNC_TICK_MS: String(TICK_MS) } });

interface Runs {
  runs: { trigger: string; dryRun: boolean; status: string }[];
}

const runsOf = async (page: Page) =>
  (await new CrmSyncApi(page).request<Runs>('GET', '/api/crm/runs')).json.runs;

/** The organization's first run once it ended (the interval poll starts it within a few ticks). */
async function firstRun(page: Page): Promise<Runs['runs'][number]> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const [run] = await runsOf(page);
    if (run && run.status !== 'running') return run;
    await page.waitForTimeout(100);
  }
  throw new Error('no run ended within 20 s of saving the rules');
}

/** A new owner whose organization is connected to the demo's CRM emulator through the form. */
async function connectFreshOrganization(page: Page, label: string): Promise<CrmSettingsPage> {
  const { email } = await signUpOwner(page, { label });
  const credentials = await demoCrmCredentials(suite.server, email);
  const crm = new CrmSettingsPage(page);
  await crm.goto();
  await crm.connect(credentials);
  await crm.status().getByText('Connected', { exact: true }).waitFor();
  return crm;
}

describe('a new connection syncs nothing until its rules are saved', () => {
  test.each<ViewportName>(['phone', 'desktop'])(
    'connect → "not set up" and no run past the interval; save the rules → the first run (%s)',
    async (viewport) => {
      const page = await suite.page(`crm-setup-${viewport}`, viewport);
      const errors = collectPageErrors(page);
      await connectFreshOrganization(page, `Setup ${viewport}`);

      const setup = page.getByRole('region', { name: 'Connected — not set up yet' });
      await setup.waitFor();
      await screenshot(page, `crm-not-set-up-${viewport}`);

      // Many ticks of the interval poll pass: a never-synced organization would be due at the first.
      await page.waitForTimeout(TICK_MS * 8);
      expect(await runsOf(page)).toEqual([]);

      await setup.getByRole('link', { name: /Set up the sync rules/ }).click();
      await page.waitForURL('**/settings/crm/sync');
      const notice = page.getByRole('region', { name: 'Connected — not set up yet' });
      await notice.waitFor();
      expect(await notice.getByRole('button', { name: 'Dry run' }).count()).toBe(1);
      await page.getByText('Not set up yet', { exact: true }).waitFor();
      await screenshot(page, `crm-sync-rules-not-set-up-${viewport}`);
      expect(await runsOf(page)).toEqual([]);

      await page.getByRole('button', { name: 'Save sync rules' }).click();
      await page.getByText('The CRM is set up', { exact: false }).waitFor();
      expect(await notice.count()).toBe(0);
      const first = await firstRun(page);
      expect(first).toMatchObject({ trigger: 'interval', dryRun: false, status: 'succeeded' });
      expect(await runsOf(page)).toHaveLength(1);

      await page.goto('/settings/crm');
      await page.getByRole('region', { name: 'Connection' }).waitFor();
      expect(await page.getByRole('region', { name: 'Connected — not set up yet' }).count()).toBe(
        0,
      );
      expect(errors).toEqual([]);
    },
  );
});

/** A call to the demo CRM emulator's admin controls (what an admin does in the CRM itself). */
async function emulatorControl(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${demoCrmUrl(suite.server)}/__emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

/** Waits until a run has said that a module's view is gone (Sync now is asked for one, if none runs). */
async function waitingModules(api: CrmSyncApi): Promise<string[]> {
  type State = { waitingViews: { module: string }[] };
  for (let waited = 0; waited < 20_000; waited += 100) {
    const waits = (await api.request<State>('GET', '/api/crm/settings')).json.waitingViews;
    if (waits.length > 0) return waits.map((wait) => wait.module);
    // 202 starts one; 409 means one is already going (the interval poll's first run).
    await api.request('POST', '/api/crm/sync', {});
    await api.page.waitForTimeout(100);
  }
  throw new Error('no run said that the view is gone');
}

describe('a chosen CRM view that the CRM deletes', () => {
  test('the rules page shows the module waiting; choosing all records resumes it', async () => {
    const page = await suite.page('crm-view-gone');
    const errors = collectPageErrors(page);
    await connectFreshOrganization(page, 'View gone');
    const api = new CrmSyncApi(page);
    const made = (await emulatorControl('POST', '/views', {
      module: 'Accounts',
      name: 'Key accounts',
    })) as { id: string };
    const rules = await api.rules();
    rules.customers.views.accounts = made.id;
    await api.saveRules(rules);
    await emulatorControl('DELETE', `/views/${made.id}`);
    expect(await waitingModules(api)).toEqual(['Accounts']);

    await page.goto('/settings/crm/sync');
    const waits = page.getByRole('region', { name: 'Waiting for a CRM view' });
    await waits.waitFor();
    expect(await waits.textContent()).toContain(`(${made.id}) no longer exists`);
    const select = page.locator('#view-accounts');
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#view-accounts-error').textContent()).toMatch(/no longer exists/);
    await screenshot(page, 'crm-view-gone-desktop');

    await select.selectOption('');
    await page.getByRole('button', { name: 'Save sync rules' }).click();
    await page.getByText('Sync rules saved.', { exact: false }).waitFor();
    expect(await waits.count()).toBe(0);
    expect(await select.getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
  });
});
