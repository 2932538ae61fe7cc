import type { Locator, Page } from 'playwright-core';

/** `/customers`, `/customers/new` and `/customers/:id`. Inputs are found by id. */
export class CustomersPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/customers');
    await this.page.locator('main h1').waitFor();
  }

  /** Opens the form from the list (client-side navigation: works offline too). */
  async openNew(): Promise<void> {
    await this.page.locator('main a[href="/customers/new"]').first().click();
    await this.page.locator('#displayName').waitFor();
  }

  async create({
    displayName,
    email,
    kind = 'business',
  }: {
    displayName: string;
    email?: string;
    kind?: 'business' | 'individual';
  }): Promise<void> {
    await this.openNew();
    await this.page.locator(`input[name="kind"][value="${kind}"]`).check();
    await this.page.locator('#displayName').fill(displayName);
    if (email) await this.page.locator('#email').fill(email);
    await this.save();
    await this.page.waitForURL('**/customers');
  }

  async save(): Promise<void> {
    await this.page.locator('form.record-form button[type="submit"]').click();
  }

  async search(text: string): Promise<void> {
    await this.page.locator('#customer-search').fill(text);
  }

  rows(): Locator {
    return this.page.locator('.record-list .record-row');
  }

  row(displayName: string): Locator {
    return this.rows().filter({ hasText: displayName });
  }

  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }
}
