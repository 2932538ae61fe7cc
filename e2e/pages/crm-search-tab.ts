import type { Locator, Page } from 'playwright-core';

/**
 * The "Search in CRM" tab of a new document's customer picker. Ids
 * follow the picker's: the customer field is `#customerId`, so the query box
 * is `#customerId-crm-query` and its outcome `#customerId-crm-results`.
 */
export class CrmSearchTab {
  constructor(
    readonly page: Page,
    readonly fieldId = 'customerId',
  ) {}

  tab(name: 'Kanjo customers' | 'Search in CRM'): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async open(): Promise<void> {
    await this.tab('Search in CRM').click();
    await this.query().waitFor();
  }

  query(): Locator {
    return this.page.locator(`#${this.fieldId}-crm-query`);
  }

  /** What the tab says below the box: results, "needs the network", "no match"… */
  outcome(): Locator {
    return this.page.locator(`#${this.fieldId}-crm-results`);
  }

  async search(text: string): Promise<void> {
    await this.query().fill(text);
  }

  /** A found record's button, by its name as the CRM spells it. */
  result(name: string): Locator {
    return this.outcome()
      .getByRole('button')
      .filter({ has: this.page.locator('.name', { hasText: name }) });
  }

  /** The facts under a result's name (email, city, account), as one line. */
  resultDetails(name: string): Locator {
    return this.result(name).locator('.meta');
  }

  /** "Import", "Already in Kanjo" or "Importing…". */
  resultAction(name: string): Locator {
    return this.result(name).locator('.action');
  }

  /** The polite line that says which customer was chosen. */
  pickedNotice(): Locator {
    return this.page.locator('p.picked[role="status"]').filter({ hasText: /\S/ });
  }

  /** A refused import, said above the results. */
  alert(): Locator {
    return this.page.locator('.crm-search [role="alert"]').filter({ hasText: /\S/ });
  }
}
