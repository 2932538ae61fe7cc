import type { Locator, Page } from 'playwright-core';

/** The "Conflicts to resolve" section of a customer or item page (rule `ask`). */
export class CrmConflictsSection {
  constructor(readonly page: Page) {}

  section(): Locator {
    return this.page.locator('section.crm-conflicts');
  }

  /** One held field, found by its label (e.g. "Phone"). */
  field(label: string): Locator {
    return this.section()
      .locator('li.field')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: label, exact: true }) });
  }

  /** The value shown on one side of a held field: `At last sync`, `Kanjo` or `CRM`. */
  value(label: string, side: 'At last sync' | 'Kanjo' | 'CRM'): Locator {
    return this.field(label).locator('dl').filter({ hasText: side }).locator('dd');
  }

  useCrmValue(label: string): Promise<void> {
    return this.page.getByRole('button', { name: `Use CRM value for ${label}` }).click();
  }

  keepKanjoValue(label: string): Promise<void> {
    return this.page.getByRole('button', { name: `Keep Kanjo value for ${label}` }).click();
  }
}
