import type { Locator, Page } from 'playwright-core';

/** Settings → Team (`/settings/team`), for owners and admins. */
export class TeamPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/settings/team');
    await this.page.locator('#invite-email').waitFor();
  }

  /** Invites someone and returns the link the page shows once. */
  async invite({ email, role }: { email: string; role: 'admin' | 'accountant' | 'sales' }) {
    await this.page.locator('#invite-email').fill(email);
    await this.page.locator('#invite-role').selectOption(role);
    await this.page.locator('#invite-heading ~ form button[type="submit"]').click();
    return this.oneTimeLink();
  }

  /** The link shown once (invitation or password reset), then closes it. */
  async oneTimeLink(): Promise<string> {
    const field = this.page.locator('#one-time-url');
    await field.waitFor();
    const url = await field.inputValue();
    await this.page.getByRole('button', { name: 'Done' }).click();
    return url;
  }

  pendingRow(email: string): Locator {
    return this.page.locator('section[aria-labelledby="pending-heading"] li', { hasText: email });
  }

  memberRow(email: string): Locator {
    return this.page.locator('section[aria-labelledby="members-heading"] li', { hasText: email });
  }

  async revoke(email: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke the invitation of ${email}` }).click();
    await this.pendingRow(email).waitFor({ state: 'detached' });
  }

  async resetLinkFor(email: string): Promise<string> {
    await this.page.getByRole('button', { name: `Reset password for ${email}` }).click();
    return this.oneTimeLink();
  }
}
