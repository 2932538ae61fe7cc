import type { Locator, Page } from 'playwright-core';

/**
 * The few invoice steps the offline and conflict journeys need. The invoice
 * pages are built separately; these selectors follow their document editor
 * (`#customerId` combobox, `#dueDate`, `line-<id>-name` inputs) and buttons
 * named by their visible text.
 */
export class InvoiceJourney {
  constructor(readonly page: Page) {}

  /** Creates a draft from the list (client-side navigation, so it works offline). */
  async createDraft({
    customer,
    line,
  }: {
    customer: string;
    line: { name: string; quantity: string; rate: string };
  }): Promise<void> {
    await this.page.locator('nav.main-nav a[href="/invoices"]').click();
    await this.page.locator('main a[href="/invoices/new"]').first().click();
    await this.page.locator('#customerId').waitFor();
    await this.chooseCustomer(customer);
    const names = this.page.locator('main [id^="line-"][id$="-name"]');
    if ((await names.count()) === 0) {
      await this.page.getByRole('button', { name: /add line/i }).click();
    }
    await this.page.locator('main [id^="line-"][id$="-name"]').first().fill(line.name);
    await this.page.locator('main [id^="line-"][id$="-quantity"]').first().fill(line.quantity);
    await this.page.locator('main [id^="line-"][id$="-rate"]').first().fill(line.rate);
    await this.save();
  }

  /** The customer field is a combobox: type, then pick the option. */
  async chooseCustomer(name: string): Promise<void> {
    await this.page.locator('#customerId').fill(name);
    await this.page.locator('[role="option"]').filter({ hasText: name }).first().click();
  }

  async save(): Promise<void> {
    await this.page.locator('main form button[type="submit"]').first().click();
  }

  async issue(): Promise<void> {
    await this.page.getByRole('button', { name: /^Issue/ }).click();
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/invoices/${id}`);
    await this.dueDate().waitFor();
  }

  dueDate(): Locator {
    return this.page.locator('#dueDate');
  }

  async setDueDate(date: string): Promise<void> {
    await this.dueDate().fill(date);
    await this.save();
  }

  /** The invoice number once the server assigned it (INV-000001). */
  number(): Locator {
    return this.page
      .locator('main')
      .getByText(/INV-\d{6}/)
      .first();
  }
}
