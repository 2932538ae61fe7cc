import type { Locator, Page } from 'playwright-core';

/** "View CRM info" on a quote, sales order or invoice: the dialog and its parts. */
export class CrmInfoDialog {
  constructor(readonly page: Page) {}

  /** The button on the document's "Deal" card that opens the dialog. */
  opener(): Locator {
    return this.page.getByRole('button', { name: 'View CRM info', exact: true });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^CRM info/ });
  }

  async open(): Promise<void> {
    await this.opener().click();
    await this.dialog().waitFor();
  }

  /** Where the shown data comes from: "Fresh from the CRM…", "You are offline…". */
  source(): Locator {
    return this.dialog().locator('[role="status"]').filter({ hasText: /\S/ });
  }

  /** The heading naming the CRM record: "CRM account: Acme Trading". */
  recordHeading(): Locator {
    return this.dialog().getByRole('heading', { level: 3 }).first();
  }

  /** A CRM field's value, by the CRM's label ("Industry", "Billing City"). */
  field(label: string): Locator {
    return this.dialog()
      .locator('dl.crm-fields > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }

  /** One deal of the list, by name. */
  deal(name: string): Locator {
    return this.dialog()
      .locator('ul.crm-deals > li')
      .filter({ has: this.page.getByRole('heading', { level: 4, name, exact: true }) });
  }

  /** One fact of a listed deal ("Stage", "Owner"…). */
  dealFact(name: string, label: string): Locator {
    return this.deal(name)
      .locator('dl > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }

  /** "Saved on this device, as of 3 minutes ago." — shown with the cached deals. */
  cachedAge(): Locator {
    return this.dialog().getByText(/^Saved on this device, as of /);
  }

  async close(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Close', exact: true }).click();
    await this.dialog().waitFor({ state: 'hidden' });
  }
}
