import type { Locator, Page } from 'playwright-core';
import { CrmSearchTab } from './crm-search-tab';

export type DocumentKindPath = 'invoices' | 'quotes' | 'sales-orders';

/**
 * A quote, sales order or invoice: the new-document form (`/<kind>/new`) and
 * the document page it becomes once saved. Inputs by id (`#customerId`,
 * `#dealId`, `line-<id>-name`), buttons and regions by what a person reads.
 */
export class DocumentEditorPage {
  constructor(readonly page: Page) {}

  async openNew(kind: DocumentKindPath): Promise<void> {
    await this.page.goto(`/${kind}/new`);
    await this.customer().waitFor();
  }

  /** From the list, with client-side navigation: works offline too. */
  async openNewFromNav(kind: DocumentKindPath): Promise<void> {
    await this.page.locator(`nav.main-nav a[href="/${kind}"]`).click();
    await this.page.locator(`main a[href="/${kind}/new"]`).first().click();
    await this.customer().waitFor();
  }

  async open(kind: DocumentKindPath, id: string): Promise<void> {
    await this.page.goto(`/${kind}/${id}`);
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }

  /** The customer combobox ("Kanjo customers" tab). */
  customer(): Locator {
    return this.page.locator('#customerId');
  }

  crmSearch(): CrmSearchTab {
    return new CrmSearchTab(this.page);
  }

  async chooseCustomer(name: string): Promise<void> {
    await this.customer().fill(name);
    await this.page.locator('[role="option"]').filter({ hasText: name }).first().click();
  }

  /** The deal picker, a `<select>` of the chosen customer's cached deals. */
  dealPicker(): Locator {
    return this.page.locator('#dealId');
  }

  dealOption(name: string): Locator {
    return this.dealPicker().locator('option', { hasText: name });
  }

  /** The picker's hint ("The chosen customer’s deals in the CRM.", or why it is locked). */
  dealHint(): Locator {
    return this.page.locator('#dealId-hint');
  }

  /** Picks a deal by the start of its option's label (its name). */
  async chooseDeal(name: string): Promise<void> {
    const label = await this.dealOption(name).first().textContent();
    if (label === null) throw new Error(`no deal option ${name}`);
    await this.dealPicker().selectOption({ label: label.trim() });
  }

  /** Fills the first line (a new document starts with one). */
  async fillFirstLine(line: { name: string; quantity: string; rate: string }): Promise<void> {
    const field = (suffix: string) =>
      this.page.locator(`main [id^="line-"][id$="-${suffix}"]`).first();
    await field('name').fill(line.name);
    await field('quantity').fill(line.quantity);
    await field('rate').fill(line.rate);
  }

  /** "Save draft": the new document opens at its own address; returns its id. */
  async saveDraft(kind: DocumentKindPath): Promise<string> {
    await this.page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await this.page.waitForURL(new RegExp(`/${kind}/(?!new$)[^/]+$`));
    await this.heading().waitFor();
    const id = new URL(this.page.url()).pathname.split('/').pop();
    if (!id) throw new Error(`no document id in ${this.page.url()}`);
    return id;
  }

  /** The customer named in the document's header. */
  headerCustomer(): Locator {
    return this.page.locator('main .doc-header .customer');
  }

  /** The "Deal" card of a document page: the linked deal and "View CRM info". */
  dealPanel(): Locator {
    return this.page.getByRole('region', { name: 'Deal', exact: true });
  }

  /** A fact of the linked deal on the card ("Stage", "Probability", "Amount"). */
  dealPanelFact(label: string): Locator {
    return this.dealPanel()
      .locator('dl > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }
}
