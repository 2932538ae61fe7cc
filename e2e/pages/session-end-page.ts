import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

/**
 * What a device keeps of a session, and the login page's notices after one
 * ended: the unsent changes to download or discard, and the offline bound.
 */
export class SessionEndPage {
  constructor(readonly page: Page) {}

  /** The names of this origin's IndexedDB databases. */
  databases(): Promise<string[]> {
    return this.page.evaluate(async () =>
      (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : [])),
    );
  }

  /** The raw `kanjo.session` localStorage entry (the cached session), or null. */
  cachedSession(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('kanjo.session'));
  }

  /** Makes the cached session look confirmed by the server `days` ago. */
  async ageCachedSession(days: number): Promise<void> {
    await this.page.evaluate(
      (ms) => {
        const cached = JSON.parse(localStorage.getItem('kanjo.session') ?? 'null') as Record<
          string,
          unknown
        > | null;
        if (!cached) throw new Error('no cached session');
        cached.confirmedAt = new Date(Date.now() - ms).toISOString();
        localStorage.setItem('kanjo.session', JSON.stringify(cached));
      },
      days * 24 * 60 * 60 * 1000,
    );
  }

  unsentNotice(): Locator {
    return this.page.locator('section.unsent');
  }

  offlineExpiredNotice(): Locator {
    return this.page.getByText('offline for more than 7 days');
  }

  /** Clicks "Download (JSON)" and resolves with the downloaded file's name and text. */
  async downloadUnsent(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.unsentNotice().getByRole('button', { name: 'Download (JSON)' }).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  async discardUnsent(): Promise<void> {
    await this.unsentNotice().getByRole('button', { name: 'Discard' }).click();
  }
}
