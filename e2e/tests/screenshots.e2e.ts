import { describe, expect, test } from 'vitest';
import { screenshot, uniqueSuffix, type ViewportName } from '../fixtures/browser';
import { useServerAndBrowser } from '../fixtures/suite';
import { LoginPage } from '../pages/login-page';
import { ShellPage } from '../pages/shell-page';
import { SignupPage } from '../pages/signup-page';

const suite = useServerAndBrowser();

/**
 * Screenshots for a person to look at (e2e/artifacts/*.png): the signup page and
 * the shell at phone and desktop sizes, in English and Japanese.
 */
describe.each<ViewportName>(['phone', 'desktop'])('screenshots at %s size', (viewport) => {
  test('signup page and shell', async () => {
    const page = await suite.page(`screenshots-${viewport}`, viewport);
    const signup = new SignupPage(page);
    await signup.goto();
    await screenshot(page, `signup-${viewport}`);

    await signup.submit();
    await signup.fieldError('password').waitFor();
    await screenshot(page, `signup-errors-${viewport}`);

    const suffix = uniqueSuffix();
    await signup.signUp({
      organizationName: 'Sakura Trading K.K.',
      email: `shots-${viewport}-${suffix}@example.com`,
      password: 'correct horse battery',
      baseCurrency: 'JPY',
    });
    await page.waitForURL('**/invoices');
    const shell = new ShellPage(page);
    await shell.heading().waitFor();
    await screenshot(page, `shell-${viewport}`);

    // The first Tab reaches the skip link, which shows itself when focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await shell.switchLanguage('日本語');
    await shell.navLink('請求書').waitFor();
    await screenshot(page, `shell-menu-ja-${viewport}`);

    await page.keyboard.press('Escape');
    await page.goto('/settings');
    await shell.heading().waitFor();
    expect(await shell.heading().textContent()).toBe('設定');
    await screenshot(page, `settings-ja-${viewport}`);

    await shell.logOut();
    const login = new LoginPage(page);
    await login.logIn({
      email: `shots-${viewport}-${suffix}@example.com`,
      password: 'wrong password!',
    });
    await login.alert().waitFor();
    await screenshot(page, `login-error-ja-${viewport}`);
    await page.context().close();
  });
});
