import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { collectPageErrors, uniqueSuffix } from '../fixtures/browser';
import { signUpOwner } from '../fixtures/owner';
import { useServerAndBrowser } from '../fixtures/suite';
import { LoginPage } from '../pages/login-page';
import { TeamPage } from '../pages/team-page';

const suite = useServerAndBrowser();

/** Sets a password on an accept-invite or reset-password page opened from its link. */
async function setPassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL('**/invoices');
}

describe('the team page', () => {
  test('an owner invites a member, revokes another invitation, and gets the member back in with a reset link', async () => {
    const owner = await suite.page('team-owner');
    const errors = collectPageErrors(owner);
    await signUpOwner(owner, { label: 'Team' });
    const suffix = uniqueSuffix();

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
    const member = await suite.page('team-member');
    await setPassword(member, link, 'member password 1');
    expect(new URL(member.url()).hash).toBe('');

    // The revoked link shows why it does not work.
    const stray = await suite.page('team-stray');
    await stray.goto(strayLink);
    await stray.locator('#password').fill('stray password 1');
    await stray.locator('form button[type="submit"]').click();
    await new LoginPage(stray).alert().filter({ hasText: 'revoked' }).waitFor();

    // The member forgot their password: the owner makes a reset link (no SMTP here).
    await team.goto();
    await team.memberRow(memberEmail).waitFor();
    const reset = await team.resetLinkFor(memberEmail);
    expect(reset).toMatch(/\/reset-password#[a-z2-7]+\.[a-z2-7]+$/);
    const again = await suite.page('team-reset');
    await setPassword(again, reset, 'member password 2');
    // The member's first browser was signed out by the reset.
    await member.reload();
    await member.waitForURL('**/login**');
    expect(errors).toEqual([]);
  });

  test('the login page leads to the forgotten-password request', async () => {
    const page = await suite.page('team-forgot');
    await new LoginPage(page).goto();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.locator('#email').fill('nobody@example.com');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('status').filter({ hasText: 'nobody@example.com' }).waitFor();
  });
});
