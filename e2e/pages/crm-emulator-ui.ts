import type { Page } from 'playwright-core';

/** One row of an inventory record's "Line items" table, as the CRM shows it. */
export interface CrmLineRow {
  product: string;
  quantity: string;
  listPrice: string;
  taxes: string;
  tax: string;
  total: string;
}

/**
 * "The CRM" as a person uses it: the emulator's own web UI (deals list, a
 * deal's page with one-click Closed Won / Closed Lost, the new-deal form, an
 * invoice's line items and the totals the CRM computed).
 */
export class CrmEmulatorUi {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens a deal from the Deals list by its name; returns its CRM id. */
  async openDeal(name: string): Promise<string> {
    await this.page.goto(`${this.baseUrl}/ui/deals`);
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await this.page.getByRole('heading', { name: 'Stage', level: 2 }).waitFor();
    return this.idFromUrl();
  }

  async openDealById(id: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/ui/deals/${id}`);
    await this.page.getByRole('heading', { name: 'Stage', level: 2 }).waitFor();
  }

  /** One click on the stage panel, then waits for the page to show the deal at that stage. */
  async moveStage(stage: 'Closed Won' | 'Closed Lost'): Promise<void> {
    await this.page.getByRole('button', { name: stage, exact: true }).click();
    await this.page
      .getByRole('button', { name: stage, exact: true })
      .and(this.page.locator('[disabled]'))
      .waitFor();
  }

  /** Fills the new-deal form; returns the new deal's CRM id. */
  async createDeal(deal: { name: string; account: string; stage: string; amount: string }) {
    await this.page.goto(`${this.baseUrl}/ui/deals/new`);
    await this.page.locator('#f-Deal_Name').fill(deal.name);
    await this.page.locator('#f-Stage').selectOption(deal.stage);
    await this.page.locator('#f-Amount').fill(deal.amount);
    await this.page.locator('#f-Account_Name').selectOption({ label: deal.account });
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Stage', level: 2 }).waitFor();
    return this.idFromUrl();
  }

  /** Opens an invoice from the Invoices list by its Subject (Kanjo's number). */
  async openInvoice(subject: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/ui/invoices`);
    await this.page.getByRole('link', { name: subject, exact: true }).click();
    await this.page.getByRole('heading', { name: 'Line items', level: 2 }).waitFor();
  }

  /** The open record's line items, cell by cell as displayed. */
  async lineRows(): Promise<CrmLineRow[]> {
    const section = this.page.locator('section[aria-labelledby="line-items-h"]');
    const rows = await section
      .locator('table')
      .first()
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? ''),
        ),
      );
    return rows.map(
      ([product = '', quantity = '', listPrice = '', , , taxes = '', tax = '', total = '']) => ({
        product,
        quantity,
        listPrice,
        taxes,
        tax,
        total,
      }),
    );
  }

  /** A figure of the open record's "Totals" table ("Grand total", "Tax", …) as displayed. */
  async totalOf(label: string): Promise<string> {
    const row = this.page
      .getByRole('table', { name: 'Totals' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
    return ((await row.locator('td').textContent()) ?? '').trim();
  }

  private idFromUrl(): string {
    const id = new URL(this.page.url()).pathname.split('/').pop();
    if (!id) throw new Error(`no record id in ${this.page.url()}`);
    return id;
  }
}
