import type { Locator, Page } from 'playwright-core';

/** The shell's sync indicator and the conflicts inbox (`/conflicts`). */
export class SyncPage {
  constructor(readonly page: Page) {}

  indicator(): Locator {
    return this.page.locator('button[aria-controls="sync-panel"]');
  }

  /** Resolves once the indicator says nothing is waiting and it is online. */
  async waitForSynced(timeoutMs = 20_000): Promise<void> {
    await this.page.waitForFunction(
      () =>
        document
          .querySelector('button[aria-controls="sync-panel"]')
          ?.getAttribute('aria-label')
          ?.endsWith('All changes synced') ?? false,
      undefined,
      { timeout: timeoutMs },
    );
  }

  async openConflicts(): Promise<void> {
    await this.page.goto('/conflicts');
    await this.page.locator('main h1').waitFor();
  }

  conflicts(): Locator {
    return this.page.locator('main article.conflict');
  }

  /** Clicks "Keep this" on the card side showing `value`. */
  async keep(value: string): Promise<void> {
    await this.page.getByRole('button', { name: `Keep this: ${value}` }).click();
  }
}
