import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors } from '../fixtures/browser';
import { logInToDemo } from '../fixtures/demo';
import { goOffline, waitForServiceWorker } from '../fixtures/network';
import { useServerAndBrowser } from '../fixtures/suite';

const env = useServerAndBrowser({ demo: true });

/** Every Content-Security-Policy violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

describe('the Content-Security-Policy', () => {
  test('the PWA runs under it, online and from its offline shell, with nothing refused', async () => {
    const page = await env.page('content-security');
    const errors = collectPageErrors(page);
    const violations = await recordViolations(page);

    const first = await page.goto('/login');
    const policy = first?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("frame-ancestors 'none'");

    await logInToDemo(page);
    await page.getByRole('link', { name: /INV-/ }).first().click();
    await page.waitForURL(/\/invoices\/[^/]+$/);
    for (const path of ['/customers', '/items', '/quotes', '/settings', '/settings/crm']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      expect(await violations(), path).toEqual([]);
    }

    // The service worker's cached shell keeps the header it was stored with.
    await waitForServiceWorker(page);
    await goOffline(page.context());
    await page.reload();
    await page.locator('main h1').first().waitFor();
    expect(await violations()).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
