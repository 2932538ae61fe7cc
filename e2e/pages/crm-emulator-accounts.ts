import type { Page } from 'playwright-core';

/**
 * Accounts and their contacts made as a person does in the CRM: the
 * emulator's own web UI (`/ui/accounts/new`, then "New contact" on the
 * account's page). Its writes are the CRM admin's.
 */
export class CrmEmulatorAccounts {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Fills the new-account form; returns the account's CRM id. */
  async createAccount(account: { name: string; city: string; phone?: string }): Promise<string> {
    await this.page.goto(`${this.baseUrl}/ui/accounts/new`);
    await this.page.locator('#f-Account_Name').fill(account.name);
    await this.page.locator('#f-Billing_City').fill(account.city);
    if (account.phone) await this.page.locator('#f-Phone').fill(account.phone);
    await this.save('Record created.');
    return this.idFromUrl();
  }

  /** From the account's page, "New contact" (the account is filled in); returns its CRM id. */
  async addContact(
    accountId: string,
    contact: { firstName: string; lastName: string; email: string },
  ): Promise<string> {
    await this.page.goto(`${this.baseUrl}/ui/accounts/${accountId}`);
    await this.page.getByRole('link', { name: 'New contact', exact: true }).click();
    await this.page.locator('#f-Last_Name').waitFor();
    await this.page.locator('#f-First_Name').fill(contact.firstName);
    await this.page.locator('#f-Last_Name').fill(contact.lastName);
    await this.page.locator('#f-Email').fill(contact.email);
    await this.save('Record created.');
    return this.idFromUrl();
  }

  private async save(notice: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.getByRole('status').filter({ hasText: notice }).waitFor();
  }

  private idFromUrl(): string {
    const id = new URL(this.page.url()).pathname.split('/').pop();
    if (!id || !/^\d+$/.test(id)) throw new Error(`no record id in ${this.page.url()}`);
    return id;
  }
}
