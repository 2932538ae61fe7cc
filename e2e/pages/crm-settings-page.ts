import type { Locator, Page } from 'playwright-core';

export interface CrmCredentials {
  email: string;
  /** The emulator's (or a Zoho data centre's) URL; typed into "Other". */
  accountsUrl: string;
  apiDomain: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** `/settings/crm`: the CRM connection status and its connect form. Fields by id. */
export class CrmSettingsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/settings/crm');
    await this.page.locator('h1').waitFor();
  }

  /** The status card's text: "Connected", the CRM organization, its currency… */
  status(): Locator {
    return this.page.getByRole('region', { name: 'Connection' });
  }

  async connect(credentials: CrmCredentials): Promise<void> {
    const field = (id: string) => this.page.locator(`#${id}`);
    await field('email').fill(credentials.email);
    await field('accountsUrl').selectOption({ label: 'Other (e.g. the emulator)' });
    await field('accountsUrlOther').fill(credentials.accountsUrl);
    await field('apiDomain').fill(credentials.apiDomain);
    await field('clientId').fill(credentials.clientId);
    await field('clientSecret').fill(credentials.clientSecret);
    await this.page.getByLabel('I have a refresh token').check();
    await field('refreshToken').fill(credentials.refreshToken);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  /** A message box (`role="alert"`) once it has text. */
  alert(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /\S/ });
  }
}
