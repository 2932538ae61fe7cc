import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import {
  collectPageErrors,
  launchBrowser,
  newPage,
  screenshot,
  uniqueSuffix,
} from '../fixtures/browser';
import { startServer, type RunningServer } from '../fixtures/server';
import { LoginPage } from '../pages/login-page';
import { SignupPage } from '../pages/signup-page';
import { TeamPage } from '../pages/team-page';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(name: string): Promise<Page> {
  const page = await newPage({ browser, baseUrl: server.baseUrl });
  onTestFailed(async () => {
    await screenshot(page, `failure-${name}`);
  });
  return page;
}

/** Sets a password on an accept-invite or reset-password page opened from its link. */
async function setPassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL('**/invoices');
}

describe('the team page', () => {
  test('an owner invites a member, revokes another invitation, and gets the member back in with a reset link', async () => {
    const suffix = uniqueSuffix();
    const owner = await freshPage('team-owner');
    const errors = collectPageErrors(owner);
    await new SignupPage(owner).goto();
    await new SignupPage(owner).signUp({
      organizationName: `Team ${suffix} K.K.`,
      email: `owner-${suffix}@example.com`,
      password: 'correct horse battery',
    });
    await owner.waitForURL('**/invoices');

    const team = new TeamPage(owner);
    await team.goto();
    const memberEmail = `rep-${suffix}@example.com`;
    const link = await team.invite({ email: memberEmail, role: 'sales' });
    expect(link).toMatch(/\/accept-invite#[a-z2-7]+\.[a-z2-7]+$/);
    await team.pendingRow(memberEmail).waitFor();

    const strayEmail = `stray-${suffix}@example.com`;
    const strayLink = await team.invite({ email: strayEmail, role: 'admin' });
    await team.revoke(strayEmail);

    // The invited member joins from the link; the fragment leaves the address bar.
    const member = await freshPage('team-member');
    await setPassword(member, link, 'member password 1');
    expect(new URL(member.url()).hash).toBe('');

    // The revoked link shows why it does not work.
    const stray = await freshPage('team-stray');
    await stray.goto(strayLink);
    await stray.locator('#password').fill('stray password 1');
    await stray.locator('form button[type="submit"]').click();
    await new LoginPage(stray).alert().filter({ hasText: 'revoked' }).waitFor();

    // The member forgot their password: the owner makes a reset link (no SMTP here).
    await team.goto();
    await team.memberRow(memberEmail).waitFor();
    const reset = await team.resetLinkFor(memberEmail);
    expect(reset).toMatch(/\/reset-password#[a-z2-7]+\.[a-z2-7]+$/);
    const again = await freshPage('team-reset');
    await setPassword(again, reset, 'member password 2');
    // The member's first browser was signed out by the reset.
    await member.reload();
    await member.waitForURL('**/login**');
    expect(errors).toEqual([]);
  });

  test('the login page leads to the forgotten-password request', async () => {
    const page = await freshPage('team-forgot');
    await new LoginPage(page).goto();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.locator('#email').fill('nobody@example.com');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('status').filter({ hasText: 'nobody@example.com' }).waitFor();
  });
});
