import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO } from '../fixtures/demo';
import { apiGet } from '../fixtures/network';
import { useServerAndBrowser } from '../fixtures/suite';

// The demo organization: customers to invoice, a person to sign in as.
const suite = useServerAndBrowser({ demo: true });

const CUSTOMER = 'Blue Harbor Trading Ltd.';

/** What has focus, and whether a person can see it (a focus ring drawn by `:focus-visible`). */
interface Focus {
  id: string;
  tag: string;
  type: string;
  text: string;
  href: string;
  inDialog: boolean;
  visible: boolean;
}

function focusNow(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) {
      return { id: '', tag: 'body', type: '', text: '', href: '', inDialog: false, visible: false };
    }
    const style = getComputedStyle(element);
    const ring =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none';
    return {
      id: element.id,
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type') ?? '',
      text: (element.textContent ?? '').trim(),
      href: element.getAttribute('href') ?? '',
      inDialog: element.closest('dialog[open]') !== null,
      visible: element.matches(':focus-visible') && ring,
    };
  });
}

/**
 * Presses Tab until focus is on what `wanted` accepts, checking on the way that
 * every stop shows its focus; fails after `max` presses.
 */
async function tabTo(page: Page, wanted: (focus: Focus) => boolean, max = 60): Promise<Focus> {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const focus = await focusNow(page);
    // A date input's own calendar button is drawn, focus ring included, by the browser.
    const browserDrawn = focus.tag === 'input' && focus.type === 'date';
    if (focus.tag !== 'body' && !browserDrawn) {
      expect(focus.visible, `focus ring on ${JSON.stringify(focus)}`).toBe(true);
    }
    if (wanted(focus)) return focus;
  }
  throw new Error(
    `Tab never reached the wanted control (last: ${JSON.stringify(await focusNow(page))})`,
  );
}

/** Replaces a focused field's text, as a person does: select all, then type. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function expectFocus(page: Page, expected: Partial<Focus>): Promise<void> {
  await expect.poll(async () => focusNow(page)).toMatchObject({ ...expected, visible: true });
}

describe('keyboard only', () => {
  test.each(['phone', 'desktop'] as const)(
    'at %s size: sign in, create an invoice, issue it and record its payment',
    async (size) => {
      const page = await suite.page(`keyboard-${size}`, size);
      // Signing in: the fields by Tab, the form sent with Enter.
      await page.goto('/login');
      await page.locator('#email').waitFor();
      await tabTo(page, (f) => f.id === 'email');
      await page.keyboard.type(DEMO.email);
      await tabTo(page, (f) => f.id === 'password');
      await page.keyboard.type(DEMO.password);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/invoices');
      await page.locator('main h1').waitFor();

      // The new-invoice link of the list.
      await tabTo(page, (f) => f.href === '/invoices/new');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/invoices/new');
      await page.locator('#customerId').waitFor();

      // The customer combobox: type, arrow to the option, Enter picks it.
      await tabTo(page, (f) => f.id === 'customerId');
      await page.keyboard.type('Blue Harbor');
      await page.locator('[role="option"]').filter({ hasText: CUSTOMER }).first().waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#customerId').inputValue()).toBe(CUSTOMER);
      await expectFocus(page, { id: 'customerId' });

      // One line: name, quantity and rate, each reached with Tab.
      await tabTo(page, (f) => /^line-.+-name$/.test(f.id));
      await page.keyboard.type('Keyboard audit');
      await tabTo(page, (f) => /^line-.+-quantity$/.test(f.id));
      await retype(page, '2');
      await tabTo(page, (f) => /^line-.+-rate$/.test(f.id));
      await retype(page, '15000');
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Save draft');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/invoices\/(?!new$)[^/]+$/);
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      // The saved draft's page starts reading at its title.
      await expectFocus(page, { tag: 'h1' });

      // Issue: the title takes focus again and the status says so.
      await tabTo(page, (f) => f.id === 'action-issue');
      await page.keyboard.press('Enter');
      await page.locator('#action-recordPayment').waitFor();
      await expectFocus(page, { tag: 'h1' });
      // The number comes from the server with the next sync.
      await expect.poll(() => page.locator('main h1').textContent()).toMatch(/INV-\d+/);

      // The payment dialog: focus moves into it, Escape brings it back to its opener.
      await tabTo(page, (f) => f.id === 'action-recordPayment');
      await page.keyboard.press('Enter');
      await page.locator('dialog.payment-dialog[open]').waitFor();
      await expectFocus(page, { inDialog: true });
      await page.keyboard.press('Escape');
      await page.locator('dialog.payment-dialog[open]').waitFor({ state: 'detached' });
      await expectFocus(page, { id: 'action-recordPayment' });

      // Again, and this time the balance (with 10% tax) is recorded with the form's own button.
      await page.keyboard.press('Space');
      await page.locator('dialog.payment-dialog[open]').waitFor();
      expect(await page.locator('#payment-amount').inputValue()).toMatch(/^33,?000(\.00)?$/);
      await tabTo(page, (f) => f.inDialog && f.type === 'submit');
      await page.keyboard.press('Enter');
      await page.locator('dialog.payment-dialog[open]').waitFor({ state: 'detached' });
      await expectFocus(page, { tag: 'h1' });
      await page.getByRole('status').filter({ hasText: 'Payment recorded.' }).waitFor();
      await page.locator('main .doc-header').getByText('Paid', { exact: true }).waitFor();

      // The server ends with a paid invoice.
      await expect
        .poll(async () => (await apiGet<{ status: string }>(page, `/api/invoices/${id}`)).status, {
          timeout: 15_000,
        })
        .toBe('paid');
      await page.context().close();
    },
    90_000,
  );
});
