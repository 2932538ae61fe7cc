import type { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * What the panel says. It speaks the organization's language, and the demo
 * organization's is Japanese (`panel.ja.ts`, `documents.ja.ts`).
 */
export const PANEL_TEXT = {
  invoices: '請求書',
  quotes: '見積書',
  issued: '発行済み',
  draft: '下書き',
  sent: '送付済み',
  sendByEmail: 'メールで送信',
  sendWithPdf: 'PDF を添付して送信',
  sentTo: (to: string) => `${to} に送信しました。`,
  backToList: '一覧に戻る',
  edit: '編集',
  saveChanges: '変更を保存',
  draftSaved: '下書きを保存しました。',
} as const;

/**
 * A link that fails its signature names no organization the panel may trust,
 * so its error is in the browser's language (the journeys' browser: en-US).
 */
export const INVALID_LINK_TEXT =
  'This link is not valid or has expired — reopen the record in the CRM.';

/**
 * An account page of "the CRM" (the emulator's UI) with Kanjo's panel in its
 * iframe: who the CRM shows it to ("Acting as"), the panel's rows, its
 * new-quote and edit forms, "Send by email", and the signed query the CRM gave it.
 */
export class CrmPanelFrame {
  readonly frame: FrameLocator;

  constructor(
    readonly page: Page,
    readonly crmUrl: string,
  ) {
    this.frame = page.frameLocator('iframe[title="Kanjo"]');
  }

  /**
   * "Acting as" a CRM user, chosen on Settings → Widgets (a page without the
   * panel), so the account page then loads the panel once, already signed for them.
   */
  async actAs(label: RegExp): Promise<void> {
    await this.page.goto(`${this.crmUrl}/ui/settings/widgets`);
    const select = this.page.locator('#acting-as');
    const value = await select
      .locator('option')
      .evaluateAll(
        (options, source) =>
          options
            .find((o) => new RegExp(source).test((o.textContent ?? '').trim()))
            ?.getAttribute('value'),
        label.source,
      );
    if (!value) throw new Error(`no CRM user matches ${String(label)}`);
    await select.selectOption(value);
    await Promise.all([
      this.page.waitForURL((url) => url.searchParams.get('as') === value),
      this.page.getByRole('button', { name: 'Switch', exact: true }).click(),
    ]);
  }

  /** Opens an account from the emulator's Accounts list and waits for the panel to show it. */
  async openAccount(name: string): Promise<void> {
    await this.page.goto(`${this.crmUrl}/ui/accounts`);
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await this.frame.locator('#panel-record').filter({ hasText: name }).waitFor();
  }

  /** The iframe's URL: Kanjo's `/crm-panel` with the query the CRM signed for this record and user. */
  async src(): Promise<URL> {
    const src = await this.page.locator('iframe[title="Kanjo"]').getAttribute('src');
    if (!src) throw new Error('the CRM page has no Kanjo iframe');
    return new URL(src);
  }

  /** The signed query as the panel sends it in `X-Kanjo-Panel` (without the `?`). */
  async signedQuery(): Promise<string> {
    return (await this.src()).search.slice(1);
  }

  /** The list's section of one kind (its heading is the group's name). */
  group(heading: string): Locator {
    return this.frame
      .locator('section.group')
      .filter({ has: this.frame.getByRole('heading', { name: heading, level: 2 }) });
  }

  row(id: string): Locator {
    return this.frame.locator(`#panel-row-${id}`);
  }

  /** "+ New quote", one line, "Create quote"; resolves when the new quote's detail shows. */
  async createQuote(line: { name: string; quantity: string; rate: string }): Promise<void> {
    await this.frame.locator('#panel-new-quote').click();
    await this.frame.locator('#line-0-name').fill(line.name);
    await this.frame.locator('#line-0-quantity').fill(line.quantity);
    await this.frame.locator('#line-0-rate').fill(line.rate);
    await this.frame.locator('form.new-document button[type="submit"]').click();
    await this.frame.locator('section.detail').waitFor();
  }

  async backToList(): Promise<void> {
    await this.frame.getByRole('button', { name: PANEL_TEXT.backToList }).click();
    await this.frame.locator('section.group').first().waitFor();
  }

  /** Opens a row's detail and waits for its actions (PDF, and Send when allowed). */
  async openRow(id: string): Promise<void> {
    await this.row(id).click();
    await this.frame.locator('section.detail .actions').waitFor();
  }

  editButton(): Locator {
    return this.frame.getByRole('button', { name: PANEL_TEXT.edit, exact: true });
  }

  /**
   * "Edit" on the open draft, line 1's quantity and the notes changed, then
   * "Save changes" while `during` runs on the open form (a screenshot);
   * resolves when the detail shows again with "Draft saved".
   */
  async editDraft(
    change: { quantity: string; notes: string },
    during: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    await this.editButton().click();
    const form = this.frame.locator('form.edit-document');
    await form.waitFor();
    await this.frame.locator('#line-0-quantity').fill(change.quantity);
    await this.frame.locator('#edit-notes').fill(change.notes);
    await during();
    await form.getByRole('button', { name: PANEL_TEXT.saveChanges }).click();
    await this.frame.getByText(PANEL_TEXT.draftSaved).waitFor();
    await this.frame.locator('section.detail .actions').waitFor();
  }

  sendButton(): Locator {
    return this.frame.getByRole('button', { name: PANEL_TEXT.sendByEmail, exact: true });
  }

  /** "Send by email" → To → "Send with PDF"; resolves on the panel's "Sent to …". */
  async sendByEmail(to: string): Promise<void> {
    await this.sendButton().click();
    await this.frame.locator('#email-to').fill(to);
    await this.frame.getByRole('button', { name: PANEL_TEXT.sendWithPdf }).click();
    await this.frame.getByText(PANEL_TEXT.sentTo(to)).waitFor();
  }
}
