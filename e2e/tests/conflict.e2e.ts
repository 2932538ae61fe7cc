import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { uniqueSuffix } from '../fixtures/browser';
import { goOffline, goOnline, waitForServiceWorker } from '../fixtures/network';
import { OWNER_PASSWORD, signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { InvoiceJourney } from '../pages/invoice-journey';
import { ShellPage } from '../pages/shell-page';
import { SyncPage } from '../pages/sync-page';

const suite = useServerAndBrowser();

function page(name: string): Promise<Page> {
  return suite.page(name);
}

async function postJson<T>(on: Page, path: string, body: unknown): Promise<T> {
  const response = await on.request.post(path, { data: body });
  if (!response.ok())
    throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The owner signs up in the browser; the data and the second user come through the REST API. */
async function twoUsersAndADraft(): Promise<{ owner: Page; teammate: Page; invoiceId: string }> {
  const owner = await page('conflict-owner');
  await signUpOwner(owner, { label: 'Conflict' });

  const customer = await postJson<{ id: string }>(owner, '/api/customers', {
    kind: 'business',
    displayName: 'Blue Sky LLC',
  });
  const invoice = await postJson<{ id: string }>(owner, '/api/invoices', {
    customerId: customer.id,
    dueDate: '2027-01-31',
    lines: [{ name: 'Consulting', quantity: '1', rate: 10000 }],
  });
  const { invitation } = await postJson<{ invitation: { token: string } }>(owner, '/api/users', {
    email: `teammate-${uniqueSuffix()}@example.com`,
    role: 'admin',
  });

  const teammate = await page('conflict-teammate');
  await postJson(teammate, '/api/auth/accept-invite', {
    token: invitation.token,
    password: OWNER_PASSWORD,
  });
  return { owner, teammate, invoiceId: invoice.id };
}

describe('two people edit the same draft offline', () => {
  test('both end with the same due date and both see one conflict with both values', async () => {
    const { owner, teammate, invoiceId } = await twoUsersAndADraft();
    const sides = [
      { page: owner, date: '2027-02-15' },
      { page: teammate, date: '2027-03-15' },
    ];

    for (const { page: p } of sides) {
      await p.goto('/invoices');
      await new ShellPage(p).heading().waitFor();
      await waitForServiceWorker(p);
      await new InvoiceJourney(p).open(invoiceId);
      await goOffline(p.context());
    }
    for (const { page: p, date } of sides) await new InvoiceJourney(p).setDueDate(date);

    // The owner reconnects first, so the teammate's edit is later in server order and wins.
    await goOnline(owner.context());
    await new SyncPage(owner).waitForSynced();
    await goOnline(teammate.context());
    await new SyncPage(teammate).waitForSynced();
    await new SyncPage(owner).indicator().click();
    await owner.getByRole('button', { name: 'Sync now' }).click();
    await new SyncPage(owner).waitForSynced();

    for (const { page: p } of sides) {
      const invoice = new InvoiceJourney(p);
      await invoice.open(invoiceId);
      await p.waitForFunction(
        () =>
          (document.querySelector('#dueDate') as HTMLInputElement | null)?.value === '2027-03-15',
        undefined,
        { timeout: 20_000 },
      );

      const inbox = new SyncPage(p);
      await inbox.openConflicts();
      await inbox.conflicts().first().waitFor({ timeout: 20_000 });
      expect(await inbox.conflicts().count()).toBe(1);
      const text = (await inbox.conflicts().first().textContent()) ?? '';
      expect(text).toContain('2027-03-15');
      expect(text).toContain('2027-02-15');
      expect(text).toContain('Due date');
    }
  });
});
