import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

const ORIGIN = 'http://localhost';

interface ApiRecord {
  id: string;
  [field: string]: unknown;
}

/** An emulator with the demo book, a form poster and a REST reader. */
async function setup() {
  const t = await setupEmulator({ seed: 'demo' });
  const api = async (path: string): Promise<ApiRecord | undefined> => {
    const res = await t.call<{ data: ApiRecord[] }>('GET', path);
    return res.status === 200 ? res.json?.data[0] : undefined;
  };
  const post = (path: string, form: Record<string, string>, origin = ORIGIN) =>
    t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  const get = async (path: string) => {
    const res = await t.app.request(path);
    return { status: res.status, text: await res.text() };
  };
  /** The id of the first record linked from a page, e.g. the first deal of the list. */
  const firstId = async (listPath: string, slug: string) => {
    const match = new RegExp(`/ui/${slug}/(\\d+)`).exec((await get(listPath)).text);
    if (!match?.[1]) throw new Error(`no record linked from ${listPath}`);
    return match[1];
  };
  return { ...t, api, post, get, firstId };
}

describe('web UI', () => {
  it('shows the dashboard with the org name, counts per module and the API base URL', async () => {
    const t = await setup();
    const page = await t.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Kanjo Demo CRM');
    expect(page.text).toMatch(/class="count">3<\/div>\s*<div>Accounts/);
    expect(page.text).toMatch(/class="count">2<\/div>\s*<div>Deals/);
    expect(page.text).toContain('http://crm.test/crm/v8');
  });

  it('lists seeded accounts and filters them by name', async () => {
    const t = await setup();
    const all = await t.get('/ui/accounts');
    expect(all.status).toBe(200);
    for (const name of ['Acme Trading', 'Globex GmbH', 'Initech Ltd'])
      expect(all.text).toContain(name);
    const found = await t.get('/ui/accounts?q=glob');
    expect(found.text).toContain('Globex GmbH');
    expect(found.text).not.toContain('Acme Trading');
    expect(found.text).toContain('1–1 of 1');
  });

  it('creates an account through the form, visible through the REST API', async () => {
    const t = await setup();
    const res = await t.post('/ui/accounts', { Account_Name: 'Umbrella KK', Phone: '+81-3-1111' });
    expect(res.status).toBe(303);
    const id = /\/ui\/accounts\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1];
    const record = await t.api(`/Accounts/${id}`);
    expect(record).toMatchObject({ Account_Name: 'Umbrella KK', Phone: '+81-3-1111' });
    expect(record?.Modified_Time).toBe('2026-01-15T06:00:00+00:00');
    expect(record?.Fax).toBeUndefined();
  });

  it('closes a deal won in one click: Stage and Probability change, Modified_Time moves', async () => {
    const t = await setup();
    const id = await t.firstId('/ui/deals?q=acme', 'deals');
    expect((await t.get(`/ui/deals/${id}`)).text).toMatch(/value="Closed Won"\s*>\s*Closed Won/);
    t.advance(60);
    const res = await t.post(`/ui/deals/${id}/stage`, { Stage: 'Closed Won' });
    expect(res.status).toBe(303);
    expect(await t.api(`/Deals/${id}`)).toMatchObject({
      Stage: 'Closed Won',
      Probability: 100,
      Modified_Time: '2026-01-15T06:01:00+00:00',
    });
    await t.post(`/ui/deals/${id}/stage`, { Stage: 'Closed Lost' });
    expect(await t.api(`/Deals/${id}`)).toMatchObject({ Stage: 'Closed Lost', Probability: 0 });
    await t.post(`/ui/deals/${id}/stage`, { Stage: 'Negotiation/Review' });
    expect(await t.api(`/Deals/${id}`)).toMatchObject({ Probability: 90 });
  });

  it('brings the probability of a new stage on a form edit unless one was typed', async () => {
    const t = await setup();
    const id = await t.firstId('/ui/deals?q=acme', 'deals');
    const form = { Deal_Name: 'Acme rollout', Stage: 'Negotiation/Review', Probability: '10' };
    expect((await t.post(`/ui/deals/${id}`, form)).status).toBe(303);
    expect(await t.api(`/Deals/${id}`)).toMatchObject({
      Stage: 'Negotiation/Review',
      Probability: 90,
    });
    await t.post(`/ui/deals/${id}`, { ...form, Stage: 'Value Proposition', Probability: '55' });
    expect(await t.api(`/Deals/${id}`)).toMatchObject({
      Stage: 'Value Proposition',
      Probability: 55,
    });
  });

  it('refuses an empty Account_Name with a 400 form that keeps what was typed', async () => {
    const t = await setup();
    const res = await t.post('/ui/accounts', { Account_Name: ' ', Phone: '+81-9-999' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('Account Name: required field not found (MANDATORY_NOT_FOUND)');
    expect(text).toContain('value="+81-9-999"');
    expect(text).toMatch(/id="f-Account_Name"[^>]*aria-invalid="true"/);
  });

  it('keeps an edit that fails validation on the form, and saves a valid one', async () => {
    const t = await setup();
    const id = await t.firstId('/ui/accounts?q=initech', 'accounts');
    const bad = await t.post(`/ui/accounts/${id}`, { Account_Name: 'Acme Trading' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('duplicate data (DUPLICATE_DATA)');
    const ok = await t.post(`/ui/accounts/${id}`, { Account_Name: 'Initech KK', Region: 'EMEA' });
    expect(ok.status).toBe(303);
    expect(await t.api(`/Accounts/${id}`)).toMatchObject({
      Account_Name: 'Initech KK',
      Region: 'EMEA',
    });
  });

  it('shows an account with its related contacts and deals', async () => {
    const t = await setup();
    const id = await t.firstId('/ui/accounts?q=acme', 'accounts');
    const page = await t.get(`/ui/accounts/${id}`);
    expect(page.text).toContain('Hanako');
    expect(page.text).toContain('Acme rollout');
    expect(page.text).not.toContain('Globex renewal');
    const add = /href="(\/ui\/contacts\/new\?Account_Name=\d+)"/.exec(page.text)?.[1] ?? '';
    expect((await t.get(add)).text).toMatch(/<option value="\d+" selected>\s*Acme Trading/);
  });

  it('shows the quotes, sales orders and invoices Kanjo wrote on their deal and account', async () => {
    const t = await setup();
    const dealId = await t.firstId('/ui/deals?q=acme', 'deals');
    const accountId = await t.firstId('/ui/accounts?q=acme', 'accounts');
    const links = { Deal_Name: { id: dealId }, Account_Name: { id: accountId } };
    const productId = await t.firstId('/ui/products', 'products');
    // One line at the price the document's Grand_Total is to show.
    const lines = (items: string, price: number) => ({
      [items]: [{ Product_Name: { id: productId }, Quantity: 1, List_Price: price }],
    });
    const write = async (module: string, record: Record<string, unknown>) =>
      (await t.call('POST', `/${module}`, { data: [{ ...record, ...links }] })).json.data[0].details
        .id as string;
    const quote = await write('Quotes', {
      Subject: 'QUO-7',
      Quote_Stage: 'Delivered',
      ...lines('Quoted_Items', 5500),
    });
    const order = await write('Sales_Orders', {
      Subject: 'SO-7',
      Status: 'Approved',
      Currency: 'USD',
      ...lines('Ordered_Items', 1200.5),
    });
    const invoice = await write('Invoices', {
      Subject: 'INV-7',
      Status: 'Paid',
      ...lines('Invoiced_Items', 99000),
    });
    for (const path of [`/ui/deals/${dealId}`, `/ui/accounts/${accountId}`]) {
      const page = (await t.get(path)).text;
      for (const heading of ['Quotes', 'Sales orders', 'Invoices'])
        expect(page).toMatch(new RegExp(`<h2 id="related-[a-z-]+">${heading}</h2>`));
      expect(page).toContain(`href="/ui/quotes/${quote}">QUO-7</a>`);
      expect(page).toContain(`href="/ui/sales-orders/${order}">SO-7</a>`);
      expect(page).toContain(`href="/ui/invoices/${invoice}">INV-7</a>`);
      for (const shown of ['Delivered', 'Approved', 'Paid', '5,500', '1,200.5', '99,000'])
        expect(page).toContain(shown);
      expect(page).toContain('<th scope="col" class="num">Grand total</th>');
    }
    const deal = (await t.get(`/ui/deals/${dealId}`)).text;
    expect(deal).toMatch(/value="Closed Won"\s*>\s*Closed Won/);
    const add = /href="(\/ui\/invoices\/new\?[^"]+)"/.exec(deal)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const form = (await t.get(add)).text;
    expect(form).toMatch(/<option value="\d+" selected>\s*Acme rollout/);
    expect(form).toMatch(/<option value="\d+" selected>\s*Acme Trading/);
    expect((await t.get(`/ui/accounts/${accountId}`)).text).not.toContain('No invoices.');
    const other = await t.firstId('/ui/deals?q=globex', 'deals');
    expect((await t.get(`/ui/deals/${other}`)).text).toContain('No invoices.');
  });

  it('lists quotes, sales orders and invoices, each in the nav, each record with its page', async () => {
    const t = await setup();
    const accountId = await t.firstId('/ui/accounts?q=acme', 'accounts');
    const productId = await t.firstId('/ui/products', 'products');
    await t.call('POST', '/Sales_Orders', {
      data: [
        {
          Subject: 'SO-1',
          Status: 'Created',
          Account_Name: { id: accountId },
          Ordered_Items: [{ Product_Name: { id: productId }, Quantity: 1, List_Price: 400 }],
        },
      ],
    });
    const home = (await t.get('/')).text;
    for (const [slug, label] of [
      ['quotes', 'Quotes'],
      ['sales-orders', 'Sales orders'],
      ['invoices', 'Invoices'],
    ]) {
      expect(home).toMatch(new RegExp(`<a href="/ui/${slug}"\\s*>${label}</a>`));
      const list = await t.get(`/ui/${slug}`);
      expect(list.status).toBe(200);
      expect(list.text).toContain(`<h1>${label}</h1>`);
      expect(list.text).toMatch(new RegExp(`<a href="/ui/${slug}"\\s*aria-current="page"`));
    }
    const id = await t.firstId('/ui/sales-orders', 'sales-orders');
    const page = (await t.get(`/ui/sales-orders/${id}`)).text;
    expect(page).toContain('<h1>SO-1</h1>');
    // Zoho computes the totals: the form shows them, it does not edit them.
    expect(page).not.toContain('<label for="f-Grand_Total">');
    expect(page).toMatch(/<th scope="row">Grand total<\/th>\s*<td class="num">400<\/td>/);
    const saved = await t.post(`/ui/sales-orders/${id}`, {
      Subject: 'SO-1',
      Status: 'Delivered',
      Account_Name: accountId,
      line_product: productId,
      line_quantity: '2',
      line_price: '300',
      line_tax: 'Consumption Tax',
    });
    expect(saved.status).toBe(303);
    // The kept line (400) and the added one (600 + 10% tax).
    expect(await t.api(`/Sales_Orders/${id}`)).toMatchObject({
      Status: 'Delivered',
      Sub_Total: 1060,
      Grand_Total: 1060,
    });
  });

  it('escapes every value it shows', async () => {
    const t = await setup();
    const res = await t.post('/ui/accounts', { Account_Name: '<script>alert(1)</script>' });
    const location = res.headers.get('location') ?? '';
    for (const path of [location, '/ui/accounts', '/ui/accounts?q=%3Cscript%3E']) {
      const page = await t.get(path);
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('refuses cross-site form posts with 403', async () => {
    const t = await setup();
    const res = await t.post('/ui/accounts', { Account_Name: 'Evil' }, 'https://evil.example');
    expect(res.status).toBe(403);
    expect((await t.get('/ui/accounts?q=evil')).text).toContain('No matches');
  });

  it('deletes a record, which the API then lists as deleted', async () => {
    const t = await setup();
    const id = await t.firstId('/ui/products?q=licence', 'products');
    const res = await t.post(`/ui/products/${id}/delete`, {});
    expect(res.status).toBe(303);
    expect(await t.api(`/Products/${id}`)).toBeUndefined();
    expect((await t.get(`/ui/products/${id}`)).status).toBe(404);
  });

  it('answers 404 pages for an unknown record or module', async () => {
    const t = await setup();
    const record = await t.get('/ui/accounts/5725767000099999999');
    expect(record.status).toBe(404);
    expect(record.text).toContain('Not found');
    expect((await t.get('/ui/widgets')).status).toBe(404);
  });
});
