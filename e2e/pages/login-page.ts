import type { Locator, Page } from 'playwright-core';

/** `/login`. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.page.locator('#email').waitFor();
  }

  async logIn({ email, password }: { email: string; password: string }): Promise<void> {
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    await this.page.locator('form button[type="submit"]').click();
  }

  /** The form's `role="alert"` message box, once it has a message. */
  alert(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /\S/ });
  }
}
