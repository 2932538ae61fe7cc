import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ViewportName } from '../fixtures/browser';
import { demoCrmUrl, logInToDemo } from '../fixtures/demo';
import { useServerAndBrowser } from '../fixtures/suite';
import { CrmPanelFrame } from '../pages/crm-panel-frame';
import { CrmSyncApi } from '../pages/crm-sync-api';
import { ShellPage } from '../pages/shell-page';

// The demo organization (customers, items, documents) connected to the embedded CRM emulator.
const suite = useServerAndBrowser({ demo: true });

/** What fails the check: axe's two highest impacts. */
const BLOCKING = new Set(['serious', 'critical']);

interface Finding {
  rule: string;
  impact: string;
  targets: string[];
}

interface Route {
  path: string;
  /** What shows once the page has rendered its content. */
  ready: string;
  /** A control pressed before the audit, for what shows only on demand (a menu). */
  press?: string;
}

/** The pages a signed-out person reaches. */
const AUTH_ROUTES: Route[] = [
  { path: '/login', ready: 'main h1' },
  { path: '/signup', ready: 'main h1' },
  { path: '/forgot-password', ready: 'main h1' },
  { path: '/reset-password?token=not-a-real-token', ready: 'main h1' },
  { path: '/accept-invite?token=not-a-real-token', ready: 'main h1' },
  // The CRM panel opened without the CRM's signed query: its "reopen the record" message.
  { path: '/crm-panel', ready: 'main' },
];

/** Ids of demo records each kind of record page is opened with. */
interface Ids {
  draftInvoice: string;
  issuedInvoice: string;
  quote: string;
  salesOrder: string;
  customer: string;
  item: string;
  run: string;
  /** `/crm-panel?…` as the CRM signs it for the administrator on an account's page. */
  panel: string;
}

function appRoutes(ids: Ids): Route[] {
  const main = (path: string): Route => ({ path, ready: 'main h1' });
  return [
    ...['/invoices', '/quotes', '/sales-orders', '/customers', '/items'].flatMap((list) => [
      main(list),
      main(`${list}/new`),
    ]),
    main(`/invoices/${ids.draftInvoice}`),
    main(`/invoices/${ids.issuedInvoice}`),
    ...['#action-recordPayment', '#action-email', '#action-void'].map((press) => ({
      path: `/invoices/${ids.issuedInvoice}`,
      ready: 'dialog[open]',
      press,
    })),
    main(`/quotes/${ids.quote}`),
    main(`/sales-orders/${ids.salesOrder}`),
    main(`/customers/${ids.customer}`),
    main(`/items/${ids.item}`),
    main('/conflicts'),
    main('/settings'),
    main('/settings/account'),
    main('/settings/team'),
    main('/settings/mail'),
    main('/settings/crm'),
    main('/settings/crm/sync'),
    main('/settings/crm/automation'),
    main('/settings/crm/panel'),
    main('/settings/crm/history'),
    // The account menu, open: the language switcher, settings, conflicts and log out.
    {
      path: '/settings',
      ready: '#user-menu-panel',
      press: 'button[aria-controls="user-menu-panel"]',
    },
    main(`/settings/crm/history/${ids.run}`),
    { path: ids.panel, ready: '#panel-record' },
  ];
}

/**
 * Opens `route` as a link in the app would (the router's client-side navigation,
 * which keeps the app and axe loaded), or with a full load when `fresh`.
 */
async function open(page: Page, route: Route, fresh: boolean): Promise<void> {
  if (fresh) {
    await page.goto(route.path);
  } else {
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.href = href;
      document.body.append(link);
      link.click();
      link.remove();
    }, route.path);
    await page.waitForURL((url) => `${url.pathname}${url.search}` === route.path);
  }
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
}

/** Opens `route`, waits for its content and what it loads, then runs axe over the page. */
async function audit(page: Page, route: Route, fresh = false): Promise<Finding[]> {
  await open(page, route, fresh);
  if (route.press) await page.locator(route.press).click();
  await page.locator(route.ready).first().waitFor();
  // Loading states announce themselves as busy; the audit is of the loaded page.
  await page
    .waitForFunction(() => document.querySelector('[aria-busy="true"]') === null, undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
  // Evaluated through the DevTools protocol: the app's CSP refuses inline scripts, rightly.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    // `label-content-name-mismatch` is one of axe's experimental rules, off by default.
    const { violations } = await run(document, {
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return results.filter((finding) => BLOCKING.has(finding.impact));
}

/** Demo records every record page is opened with, through the API as the demo owner. */
async function demoIds(): Promise<Ids> {
  const page = await suite.page('accessibility-setup');
  await logInToDemo(page);
  const api = new CrmSyncApi(page);
  await api.syncNow();
  const first = async (path: string, accept: (row: Row) => boolean = () => true) => {
    const answer = await api.request<{ items: Row[] }>('GET', path);
    const row = answer.json.items.find(accept);
    return row?.id;
  };
  const customer = await first('/api/customers');
  const item = await first('/api/items');
  if (!customer || !item) throw new Error('the demo organization has no customer or item');
  const draft = async (path: string, accept: (row: Row) => boolean) =>
    (await first(path, accept)) ?? (await createDocument(api, path, customer));
  const draftInvoice = await draft('/api/invoices', (r) => r.status === 'draft');
  // Issued here, so it is still open: its payment, email and void dialogs can be opened.
  const issuedInvoice = await issue(api, await createDocument(api, '/api/invoices', customer));
  const quote = await draft('/api/quotes', () => true);
  const salesOrder = await draft('/api/sales-orders', () => true);
  const runs = await api.request<{ runs: Row[] }>('GET', '/api/crm/runs?limit=1');
  const run = runs.json.runs[0]?.id;
  if (!run) throw new Error('no CRM sync run after Sync now');

  const crmPage = await suite.page('accessibility-crm');
  const panel = new CrmPanelFrame(crmPage, demoCrmUrl(suite.server));
  await panel.openAccount('Acme Trading');
  const src = await panel.src();
  await crmPage.context().close();
  await page.context().close();
  return {
    draftInvoice,
    issuedInvoice,
    quote,
    salesOrder,
    customer,
    item,
    run,
    panel: `${src.pathname}${src.search}`,
  };
}

interface Row {
  id: string;
  status?: string;
}

async function createDocument(api: CrmSyncApi, path: string, customerId: string): Promise<string> {
  const created = await api.request<Row>('POST', path, {
    customerId,
    lines: [{ name: 'Accessibility check', quantity: '1', rate: 10_000 }],
  });
  if (created.status !== 201) throw new Error(`POST ${path}: ${JSON.stringify(created)}`);
  return created.json.id;
}

async function issue(api: CrmSyncApi, id: string): Promise<string> {
  const issued = await api.request<Row>('POST', `/api/invoices/${id}/issue`);
  if (issued.status !== 200) throw new Error(`issue: ${JSON.stringify(issued)}`);
  return id;
}

// Read once, inside the first test (a page's failure screenshot hooks onto a running test).
let ids: Promise<Ids> | undefined;

const LANGUAGES = { en: 'en-US', ja: 'ja-JP' } as const;
const CASES = (['phone', 'desktop'] as const).flatMap((size) =>
  (['en', 'ja'] as const).map((language) => [size, language] as [ViewportName, 'en' | 'ja']),
);

describe('every page passes axe with no serious or critical violation', () => {
  test.each(CASES)(
    'at %s size in %s',
    async (size, language) => {
      ids ??= demoIds();
      const known = await ids;
      const page = await suite.page(`accessibility-${size}-${language}`, size, LANGUAGES[language]);
      const failures: string[] = [];
      const counts: string[] = [];
      const check = async (route: Route, fresh = false) => {
        const started = Date.now();
        const findings = await audit(page, route, fresh);
        const rules = [...new Set(findings.map((f) => f.rule))].join(', ');
        counts.push(
          `${route.path.split('?')[0]}${route.press ? ` (${route.press} pressed)` : ''}\t${findings.length}\t${rules}\t${Date.now() - started} ms`,
        );
        for (const finding of findings) {
          failures.push(
            `${route.path} (${size}, ${language}): ${finding.rule} [${finding.impact}] at ${finding.targets.join(' | ')}`,
          );
        }
      };
      for (const [index, route] of AUTH_ROUTES.entries())
        await check(route, index === 0 || route.path.startsWith('/crm-panel'));
      await logInToDemo(page);
      // Signed in, the account's saved language wins over the browser's: choose this run's.
      const shell = new ShellPage(page);
      await shell.switchLanguage(language === 'ja' ? '日本語' : 'English');
      await page.keyboard.press('Escape');
      await expect.poll(() => shell.htmlLang()).toBe(language);
      // The panel is a page of its own (no app shell), and a dialog must start closed: loaded afresh.
      for (const route of appRoutes(known))
        await check(
          route,
          route.path.startsWith('/crm-panel') || route.press?.startsWith('#action') === true,
        );
      if (process.env.AXE_COUNTS) {
        process.stdout.write(`axe counts ${size} ${language}\n${counts.join('\n')}\n`);
      }
      expect(failures).toEqual([]);
      await page.context().close();
    },
    180_000,
  );
});
