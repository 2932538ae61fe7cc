import type { Locator, Page } from 'playwright-core';

/**
 * The CRM panel of a customer's page, link repair part: the choice an
 * ambiguous match waits for, the linked CRM record, "Kept out of sync".
 */
export class CrmLinkPanel {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.locator('section.crm-panel');
  }

  /** The card asking a person to choose among the candidates. */
  choice(): Locator {
    return this.panel()
      .locator('section')
      .filter({ has: this.page.getByRole('heading', { name: 'Choose the matching CRM record' }) });
  }

  /** The names of the Kanjo records the choice lists. */
  async candidateNames(): Promise<string[]> {
    const items = this.choice().locator('ul.candidates li .name');
    await items.first().waitFor();
    return (await items.locator('strong, a').allTextContents()).map((text) => text.trim());
  }

  /** "Link this one" of a candidate, by its accessible name (`Link this one: <name> to <CRM record>`). */
  chooseButton(name: string): Locator {
    return this.choice().getByRole('button', { name: new RegExp(`^Link this one: ${name} to `) });
  }

  /** The candidates "Link to a CRM record" lists. */
  candidates(): Locator {
    return this.panel().locator('li.candidate');
  }

  keptApart(): Locator {
    return this.panel()
      .locator('section')
      .filter({ has: this.page.getByRole('heading', { name: 'Kept out of sync' }) });
  }

  status(): Locator {
    return this.panel().getByRole('status');
  }
}
