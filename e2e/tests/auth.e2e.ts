import { describe, expect, test } from 'vitest';
import { collectPageErrors, uniqueSuffix } from '../fixtures/browser';
import { useServerAndBrowser } from '../fixtures/suite';
import { LoginPage } from '../pages/login-page';
import { ShellPage } from '../pages/shell-page';
import { SignupPage } from '../pages/signup-page';

const suite = useServerAndBrowser();

function newAccount() {
  const suffix = uniqueSuffix();
  return {
    organizationName: `Journey ${suffix} K.K.`,
    email: `owner-${suffix}@example.com`,
    password: 'correct horse battery',
  };
}

describe('signing up, switching language and signing back in', () => {
  test('the language chosen in the shell follows the user to the next login', async () => {
    const page = await suite.page('journey');
    const pageErrors = collectPageErrors(page);
    const account = newAccount();
    const shell = new ShellPage(page);

    const signup = new SignupPage(page);
    await signup.goto();
    await signup.signUp({ ...account, baseCurrency: 'JPY' });
    await page.waitForURL('**/invoices');
    await shell.navLink('Invoices').waitFor();
    expect(await shell.heading().textContent()).toBe('Invoices');
    expect(await shell.htmlLang()).toBe('en');

    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await shell.switchLanguage('日本語');
    expect((await saved).status()).toBe(200);
    await shell.navLink('請求書').waitFor();
    await shell.navLink('見積書').waitFor();
    await shell.navLink('受注書').waitFor();
    expect(await shell.heading().textContent()).toBe('請求書');
    expect(await shell.htmlLang()).toBe('ja');

    await shell.logOut();
    await page.waitForURL('**/login');

    // Forget the device's choice, so only the account can bring Japanese back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const login = new LoginPage(page);
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    expect(await shell.htmlLang()).toBe('en');

    await login.logIn(account);
    await page.waitForURL('**/invoices');
    await shell.navLink('請求書').waitFor();
    expect(await shell.htmlLang()).toBe('ja');
    expect(pageErrors).toEqual([]);
  });
});

describe('refused sign-ins', () => {
  test('a visitor without a session is sent to /login, and a wrong password shows an alert', async () => {
    const account = newAccount();
    const created = await fetch(`${suite.server.baseUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...account, baseCurrency: 'USD' }),
    });
    expect(created.status).toBe(201);

    const page = await suite.page('wrong-password');
    await page.goto('/quotes');
    await page.waitForURL('**/login?next=%2Fquotes');

    const login = new LoginPage(page);
    await login.logIn({ email: account.email, password: 'not the password' });
    await login.alert().waitFor();
    expect(await login.alert().textContent()).toContain('The email or password is wrong.');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('a sign-in without a network says so instead of blaming the password', async () => {
    const page = await suite.page('offline');
    const login = new LoginPage(page);
    await login.goto();
    await page.context().setOffline(true);
    await login.logIn({ email: 'someone@example.com', password: 'whatever it is' });
    await login.alert().waitFor();
    expect(await login.alert().textContent()).toContain('You appear to be offline');
  });

  test('signup checks each field and says what is wrong next to it', async () => {
    const page = await suite.page('signup-validation');
    const signup = new SignupPage(page);
    await signup.goto();
    await signup.signUp({ organizationName: '', email: 'not-an-email', password: 'short' });

    await signup.fieldError('password').waitFor();
    expect(await signup.fieldError('organizationName').textContent()).toBe(
      'This field is required.',
    );
    expect(await signup.fieldError('email').textContent()).toContain('valid email');
    expect(await signup.fieldError('password').textContent()).toBe('Use at least 10 characters.');
    expect(await signup.field('password').getAttribute('aria-invalid')).toBe('true');
    expect(await signup.field('password').getAttribute('aria-describedby')).toBe(
      'password-hint password-error',
    );
    // The first invalid field takes focus, so keyboard users land on the problem.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('organizationName');
  });
});
