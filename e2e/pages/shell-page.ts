import type { Locator, Page } from 'playwright-core';

/** The signed-in app shell: navigation, the account menu and the page heading. */
export class ShellPage {
  constructor(readonly page: Page) {}

  nav(): Locator {
    return this.page.locator('nav.main-nav');
  }

  navLink(name: string): Locator {
    return this.nav().getByRole('link', { name, exact: true });
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }

  async openUserMenu(): Promise<void> {
    const trigger = this.page.locator('button[aria-controls="user-menu-panel"]');
    if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
    await this.page.locator('#user-menu-panel').waitFor();
  }

  /** `language` is the button's own name: "English" or "日本語". */
  async switchLanguage(language: 'English' | '日本語'): Promise<void> {
    await this.openUserMenu();
    await this.page.locator('#user-menu-panel').getByRole('button', { name: language }).click();
  }

  async logOut(): Promise<void> {
    await this.openUserMenu();
    await this.page
      .locator('#user-menu-panel')
      .getByRole('button', { name: /^(Log out|ログアウト)$/ })
      .click();
  }

  htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}
