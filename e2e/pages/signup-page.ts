import type { Locator, Page } from 'playwright-core';

export interface SignupDetails {
  organizationName: string;
  email: string;
  password: string;
  baseCurrency?: string;
}

/** `/signup`. Fields are found by their id, so the model works in every language. */
export class SignupPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/signup');
    await this.page.locator('#organizationName').waitFor();
  }

  async fill({ organizationName, email, password, baseCurrency }: SignupDetails): Promise<void> {
    await this.page.locator('#organizationName').fill(organizationName);
    await this.page.locator('#email').fill(email);
    await this.page.locator('#password').fill(password);
    if (baseCurrency) await this.page.locator('#baseCurrency').selectOption(baseCurrency);
  }

  async submit(): Promise<void> {
    await this.page.locator('form button[type="submit"]').click();
  }

  async signUp(details: SignupDetails): Promise<void> {
    await this.fill(details);
    await this.submit();
  }

  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }

  field(id: string): Locator {
    return this.page.locator(`#${id}`);
  }
}
