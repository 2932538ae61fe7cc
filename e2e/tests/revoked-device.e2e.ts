import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { uniqueSuffix } from '../fixtures/browser';
import { goOffline, goOnline, waitForServiceWorker } from '../fixtures/network';
import { OWNER_PASSWORD, signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { CustomersPage } from '../pages/customers-page';
import { SessionEndPage } from '../pages/session-end-page';
import { ShellPage } from '../pages/shell-page';
import { SyncPage } from '../pages/sync-page';

const suite = useServerAndBrowser();

async function send<T>(on: Page, method: 'POST' | 'PATCH', path: string, body: unknown) {
  const response = await on.request.fetch(path, { method, data: body });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()}`);
  return (await response.json()) as T;
}

async function signedUpOwner(name: string): Promise<Page> {
  const owner = await suite.page(name);
  await signUpOwner(owner, { label: 'Revoked' });
  return owner;
}

/** A sales user invited by `owner`, signed in on their own device (browser context). */
async function salesDevice(owner: Page): Promise<{ sales: Page; salesId: string }> {
  const { invitation } = await send<{ invitation: { token: string } }>(
    owner,
    'POST',
    '/api/users',
    {
      email: `sales-${uniqueSuffix()}@example.com`,
      role: 'sales',
    },
  );
  const sales = await suite.page('revoked-sales');
  const joined = await send<{ user: { id: string } }>(sales, 'POST', '/api/auth/accept-invite', {
    token: invitation.token,
    password: OWNER_PASSWORD,
  });
  return { sales, salesId: joined.user.id };
}

/**
 * An owner with a customer, and a sales user's device that has pulled it and
 * is in sync: where the journeys that end the user's session start.
 */
async function salesDeviceInSync(ownerName: string) {
  const owner = await signedUpOwner(ownerName);
  await send(owner, 'POST', '/api/customers', { kind: 'business', displayName: 'Owner Co' });
  const { sales, salesId } = await salesDevice(owner);
  const customers = new CustomersPage(sales);
  await customers.goto();
  await customers.row('Owner Co').waitFor();
  await new SyncPage(sales).waitForSynced();
  return { owner, sales, salesId, customers, device: new SessionEndPage(sales) };
}

describe('a device whose session ended', () => {
  test('a disabled user’s device deletes the organization’s data and offers their unsent edit', async () => {
    const { owner, sales, salesId, customers, device } = await salesDeviceInSync('revoked-owner');
    expect(await device.databases()).toContain(`kanjo-${salesId}`);
    expect(await device.cachedSession()).not.toBeNull();

    await waitForServiceWorker(sales);
    await goOffline(sales.context());
    await customers.create({ displayName: 'Unsent Co' });
    await customers.row('Unsent Co').waitFor();

    await send(owner, 'PATCH', `/api/users/${salesId}`, { disabled: true });
    await goOnline(sales.context());

    await sales.waitForURL('**/login');
    await device.unsentNotice().waitFor();
    expect(await device.databases()).not.toContain(`kanjo-${salesId}`);
    expect(await device.cachedSession()).toBeNull();
    expect(await device.unsentNotice().textContent()).toContain(
      '1 unsent change from your previous session could not be sent.',
    );

    const file = await device.downloadUnsent();
    expect(file.name).toMatch(/^kanjo-unsent-changes-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(file.text) as {
      exports: { userId: string; changes: { name: string; args: { displayName?: string } }[] }[];
    };
    expect(saved.exports).toHaveLength(1);
    expect(saved.exports[0]?.userId).toBe(salesId);
    expect(saved.exports[0]?.changes).toMatchObject([
      { name: 'customer.create', args: { displayName: 'Unsent Co' } },
    ]);
    // Only the person's own edit was kept: nothing of the organization's other data.
    expect(file.text).not.toContain('Owner Co');

    await device.discardUnsent();
    await device.unsentNotice().waitFor({ state: 'detached' });
    expect(await sales.evaluate(() => localStorage.getItem('kanjo.unsent'))).toBeNull();
  });

  test('online, the device leaves at once when the owner disables the user (the event stream ends)', async () => {
    const { owner, sales, salesId, device } = await salesDeviceInSync('revoked-online-owner');

    await send(owner, 'PATCH', `/api/users/${salesId}`, { disabled: true });
    // No click, no reconnect, well before the 45 s background sync: the stream's end says it.
    await sales.waitForURL('**/login', { timeout: 10_000 });
    expect(await device.databases()).not.toContain(`kanjo-${salesId}`);
    expect(await device.cachedSession()).toBeNull();
    expect(await device.unsentNotice().count()).toBe(0);
  });

  test('offline, a cached session older than 7 days no longer opens the data', async () => {
    const owner = await signedUpOwner('offline-bound');
    const device = new SessionEndPage(owner);
    const customers = new CustomersPage(owner);
    await customers.goto();
    await customers.create({ displayName: 'Cached Co' });
    await new SyncPage(owner).waitForSynced();
    await waitForServiceWorker(owner);

    // Within the bound the app opens offline.
    await device.ageCachedSession(6);
    await goOffline(owner.context());
    await owner.reload();
    await customers.row('Cached Co').waitFor();

    await device.ageCachedSession(8);
    await owner.reload();
    await owner.waitForURL('**/login**');
    await device.offlineExpiredNotice().waitFor();
    expect(await new ShellPage(owner).nav().count()).toBe(0);
    expect(await owner.getByText('Cached Co').count()).toBe(0);
    // The data stays on the device until the server says the session ended.
    expect((await device.databases()).some((name) => name.startsWith('kanjo-'))).toBe(true);

    // Back online the session is still good: the app opens again.
    await goOnline(owner.context());
    await owner.goto('/customers');
    await customers.row('Cached Co').waitFor();
  });
});
