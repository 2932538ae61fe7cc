import { describe, expect, it } from 'vitest';
import { connectDemoWidget } from '../src/crm/panel/demo-widget';
import { crmOrigins, panelFrameAncestorsFrom } from '../src/crm/panel/frame-headers';
import { ADMINISTRATOR, LINE, openPanel, SALES, STANDARD } from './crm-panel-setup';
import { useSyncContexts } from './crm-sync-setup';
import { Client, signUp } from './helpers';
import { SyncClient } from './sync-client';

/** Kanjo inside the CRM: the panel secret, signed requests, profiles' permissions. */

const context = useSyncContexts();

const panel = () => openPanel(context);

describe('the panel secret', () => {
  it('is made by an admin, shown once, sealed at rest and refused to other roles', async () => {
    const s = await context();
    const before = await s.owner.get('/api/crm/panel');
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      panelUrl: 'http://127.0.0.1:8787/crm-panel',
      organizationId: s.organizationId,
      widgetUrl: `http://127.0.0.1:8787/crm-panel?org=${s.organizationId}`,
      hasSecret: false,
      createdAt: null,
      rotatedAt: null,
    });
    const made = await s.owner.post('/api/crm/panel/secret');
    expect(made.status).toBe(200);
    expect(made.json.secret).toMatch(/^[0-9a-f]{64}$/);
    const after = await s.owner.get('/api/crm/panel');
    expect(after.json).toMatchObject({ hasSecret: true, rotatedAt: made.json.rotatedAt });
    expect(JSON.stringify(after.json)).not.toContain(made.json.secret);
    const stored = await s.t.sql.all<{ secret_enc: string }>('SELECT secret_enc FROM crm_panel');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.secret_enc).not.toContain(made.json.secret);
    const rotated = await s.owner.post('/api/crm/panel/secret');
    expect(rotated.json.secret).not.toBe(made.json.secret);

    const sales = await s.member('sales');
    expect((await sales.client.get('/api/crm/panel')).status).toBe(403);
    expect((await sales.client.post('/api/crm/panel/secret')).status).toBe(403);
    expect((await sales.client.get('/api/crm/panel/permissions')).status).toBe(403);
    expect((await new Client(s.t.app).get('/api/crm/panel')).status).toBe(401);
  });
});

describe('a panel request', () => {
  it('is refused with only an error when the signature is tampered, expired, too long-lived or missing', async () => {
    const p = await panel();
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const ok = await p.call('GET', '/context', { id: acme });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');

    const anonymous = new Client(p.s.t.app);
    const withHeader = (value: string) =>
      anonymous.request('GET', '/api/panel/context', undefined, { 'x-kanjo-panel': value });
    const valid = p.sign({ id: acme });
    const flipped = valid.replace(/sig=(.)/, (_, ch: string) => `sig=${ch === 'a' ? 'b' : 'a'}`);
    const now = Math.floor(p.s.t.clock.now().getTime() / 1000);
    const refused: [string, string, string][] = [
      ['tampered signature', flipped, 'PANEL_SIGNATURE_INVALID'],
      [
        'claims changed after signing',
        valid.replace('user=u1', 'user=u2'),
        'PANEL_SIGNATURE_INVALID',
      ],
      ['another secret', p.sign({ id: acme }, 'f'.repeat(64)), 'PANEL_SIGNATURE_INVALID'],
      ['expired', p.sign({ id: acme, exp: now - 1 }), 'PANEL_EXPIRED'],
      [
        'more than 10 minutes ahead',
        p.sign({ id: acme, exp: now + 3600 }),
        'PANEL_SIGNATURE_INVALID',
      ],
      ['no signature', valid.replace(/&sig=.*$/, ''), 'PANEL_SIGNATURE_INVALID'],
      ['a repeated claim', `${valid}&id=1`, 'PANEL_SIGNATURE_INVALID'],
      ['an unknown organization', p.sign({ id: acme, org: 'nope' }), 'PANEL_SIGNATURE_INVALID'],
    ];
    for (const [why, header, code] of refused) {
      const res = await withHeader(header);
      expect(res.status, why).toBe(401);
      expect(Object.keys(res.json), why).toEqual(['error']);
      expect(res.json.error.code, why).toBe(code);
      expect(res.json.error.details, why).toBeUndefined();
    }
    expect((await anonymous.get('/api/panel/context')).status).toBe(401);

    // Rotating the secret ends every link signed with the old one.
    await p.s.owner.post('/api/crm/panel/secret');
    expect((await withHeader(valid)).json.error.code).toBe('PANEL_SIGNATURE_INVALID');
  });

  it('is bound to its record: a signature for another account cannot read this one', async () => {
    const p = await panel();
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const globex = await p.crmId('Accounts', 'Globex GmbH');
    const invoice = await p.s.owner.post('/api/invoices', {
      customerId: await p.customerId('Acme Trading'),
      lines: [LINE],
    });
    expect(invoice.status).toBe(201);

    const onAcme = await p.call('GET', '/documents', { id: acme });
    expect(onAcme.json.documents).toEqual([
      expect.objectContaining({
        kind: 'invoice',
        id: invoice.json.id,
        total: 100000,
        balance: 100000,
      }),
    ]);
    const onGlobex = await p.call('GET', '/documents', { id: globex });
    expect(onGlobex.json.documents).toEqual([]);
    const read = await p.call('GET', `/documents/invoice/${invoice.json.id}`, { id: globex });
    expect(read.status).toBe(404);
    const pdf = await p.call('GET', `/documents/invoice/${invoice.json.id}/pdf`, { id: globex });
    expect(pdf.status).toBe(404);
    const mail = await p.call(
      'POST',
      `/documents/invoice/${invoice.json.id}/email`,
      { id: globex },
      {
        to: ['buyer@example.com'],
      },
    );
    expect(mail.status).toBe(404);
    const detail = await p.call('GET', `/documents/invoice/${invoice.json.id}`, { id: acme });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: invoice.json.id, totals: { total: 100000 } });
    const ownPdf = await p.s.t.app.request(`/api/panel/documents/invoice/${invoice.json.id}/pdf`, {
      headers: { 'x-kanjo-panel': p.sign({ id: acme }) },
    });
    expect(ownPdf.status).toBe(200);
    expect(ownPdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await ownPdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('profiles and permissions', () => {
  it('lists the CRM profiles with defaults, keeps what is saved (normalised, unknown profiles too)', async () => {
    const s = await context();
    const first = await s.owner.get('/api/crm/panel/permissions');
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const byName = (list: { profileName: string }[], name: string) =>
      list.find((p) => p.profileName === name);
    expect(byName(first.json.profiles, 'Administrator')).toMatchObject({
      profileId: ADMINISTRATOR,
      saved: false,
      inCrm: true,
      permissions: {
        invoice: { createEdit: true, view: true, sendEmail: true },
        receivables: true,
      },
    });
    expect(byName(first.json.profiles, 'Sales')).toMatchObject({
      profileId: SALES,
      permissions: {
        quote: { createEdit: false, view: true, sendEmail: false },
        receivables: false,
      },
    });

    const none = { createEdit: false, view: false, sendEmail: false };
    const saved = await s.owner.put('/api/crm/panel/permissions', {
      profiles: [
        {
          profileId: SALES,
          profileName: 'Sales',
          permissions: {
            quote: { createEdit: true, view: false, sendEmail: false },
            salesOrder: none,
            invoice: { createEdit: false, view: true, sendEmail: false },
            receivables: false,
          },
        },
        {
          profileId: 'gone-1',
          profileName: 'Old profile',
          permissions: { quote: none, salesOrder: none, invoice: none, receivables: true },
        },
      ],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const again = await s.owner.get('/api/crm/panel/permissions');
    expect(byName(again.json.profiles, 'Sales')).toMatchObject({
      saved: true,
      // Creating implies seeing.
      permissions: { quote: { createEdit: true, view: true, sendEmail: false }, salesOrder: none },
    });
    expect(byName(again.json.profiles, 'Old profile')).toMatchObject({
      profileId: 'gone-1',
      inCrm: false,
      permissions: { receivables: true },
    });
    expect(byName(again.json.profiles, 'Standard')).toMatchObject({
      profileId: STANDARD,
      saved: false,
    });

    const bad = await s.owner.put('/api/crm/panel/permissions', {
      profiles: [{ profileId: SALES, profileName: 'Sales', permissions: { quote: true } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('Sales creates and views quotes but may not email them; an Administrator may', async () => {
    const p = await panel();
    const salesOnly = { createEdit: true, view: true, sendEmail: false };
    const none = { createEdit: false, view: false, sendEmail: false };
    await p.s.owner.put('/api/crm/panel/permissions', {
      profiles: [
        {
          profileId: SALES,
          profileName: 'Sales',
          permissions: { quote: salesOnly, salesOrder: none, invoice: none, receivables: false },
        },
      ],
    });
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const crmUsers = (await (await p.s.crm()).request({ path: '/users' })).body as {
      users: { id: string; full_name: string }[];
    };
    const rep = crmUsers.users.find((u) => u.full_name === 'Sales Rep');
    expect(rep).toBeDefined();
    const asSales = { id: acme, user: String(rep?.id), profile: SALES };
    const item = await p.s.owner.post('/api/items', { name: 'Setup', rate: 30000, taxRate: '10' });
    await p.s.owner.post('/api/items', { name: 'Retired', rate: 1, active: false });

    const ctx = await p.call('GET', '/context', asSales);
    expect(ctx.json).toMatchObject({
      record: { module: 'Accounts', id: acme, name: 'Acme Trading', dealId: null },
      crmUser: { id: rep?.id, name: 'Sales Rep', profileId: SALES, profileName: 'Sales' },
      permissions: { quote: salesOnly, invoice: none },
      organization: { baseCurrency: 'JPY' },
    });
    expect(ctx.json.record.customerId).toBe(await p.customerId('Acme Trading'));
    expect(ctx.json.items).toEqual([
      { id: item.json.id, name: 'Setup', rate: 30000, taxRate: '10' },
    ]);

    const pwa = new SyncClient(p.s.owner);
    await pwa.pull();
    const created = await p.call('POST', '/documents/quote', asSales, {
      lines: [LINE],
      notes: 'From the CRM',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const quote = created.json as { id: string; customerId: string };
    expect(quote.customerId).toBe(ctx.json.record.customerId);
    await pwa.pull();
    expect(pwa.rows.get(`quote:${quote.id}`)?.row).toMatchObject({
      createdVia: {
        channel: 'crmPanel',
        crmUserId: rep?.id,
        crmUserName: 'Sales Rep',
        crmProfileId: SALES,
        crmProfileName: 'Sales',
      },
    });

    const listed = await p.call('GET', '/documents', asSales);
    expect(listed.json.documents.map((d: { id: string }) => d.id)).toEqual([quote.id]);

    const email = await p.call('POST', `/documents/quote/${quote.id}/email`, asSales, {
      to: ['buyer@example.com'],
    });
    expect(email.status).toBe(403);
    expect(email.json.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { kind: 'quote', action: 'sendEmail' },
    });
    expect(email.json.error.message).toContain('sendEmail');
    const invoice = await p.call('POST', '/documents/invoice', asSales, { lines: [LINE] });
    expect(invoice.json.error).toMatchObject({
      details: { kind: 'invoice', action: 'createEdit' },
    });
    const receivables = await p.call('GET', '/receivables', asSales);
    expect(receivables.json.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { action: 'receivables' },
    });

    const asAdmin = { id: acme, user: 'admin-user', profile: ADMINISTRATOR };
    const sent = await p.call('POST', `/documents/quote/${quote.id}/email`, asAdmin, {
      to: ['buyer@example.com'],
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    expect(sent.json.mailId).toEqual(expect.any(String));
    // Sent, it goes to the CRM like any other document (drafts never go).
    expect(
      await p.s.t.sql.all('SELECT entity FROM crm_outbox WHERE local_id = ?', quote.id),
    ).toEqual([{ entity: 'quote' }]);
    const summary = await p.call('GET', '/receivables', asAdmin);
    expect(summary.status, JSON.stringify(summary.json)).toBe(200);
    expect(summary.json).toMatchObject({ baseCurrency: 'JPY', base: { outstanding: '0' } });
  });

  it('on a deal page, a document is made for the deal’s customer with the deal linked', async () => {
    const p = await panel();
    const deal = await p.crmId('Deals', 'Acme rollout');
    const onDeal = { module: 'Deals' as const, id: deal };
    const ctx = await p.call('GET', '/context', onDeal);
    expect(ctx.json.record).toMatchObject({
      module: 'Deals',
      name: 'Acme rollout',
      dealId: deal,
      customerId: await p.customerId('Acme Trading'),
    });
    const made = await p.call('POST', '/documents/salesOrder', onDeal, { lines: [LINE] });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json).toMatchObject({ dealId: deal, customerId: ctx.json.record.customerId });
    // The page may repeat the deal it is on, never name another.
    const repeated = await p.call('POST', '/documents/quote', onDeal, {
      lines: [LINE],
      dealId: deal,
    });
    expect(repeated.status).toBe(201);
    const otherDeal = await p.call('POST', '/documents/quote', onDeal, {
      lines: [LINE],
      dealId: 'x1',
    });
    expect(otherDeal.status).toBe(400);
    const other = await p.s.owner.post('/api/sales-orders', {
      customerId: ctx.json.record.customerId,
      lines: [LINE],
    });
    const listed = await p.call('GET', '/documents', onDeal);
    expect(listed.json.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'quote',
      'salesOrder',
    ]);
    expect(listed.json.documents.map((d: { id: string }) => d.id)).toContain(made.json.id);
    const unlinked = await p.call('GET', `/documents/salesOrder/${other.json.id}`, onDeal);
    expect(unlinked.status).toBe(404);
  });
});

describe('a contact page', () => {
  it('shows the documents of the contact’s account’s customer', async () => {
    const p = await panel();
    const sato = await p.crmId('Contacts', 'Sato');
    const invoice = await p.s.owner.post('/api/invoices', {
      customerId: await p.customerId('Acme Trading'),
      lines: [LINE],
    });
    const ctx = await p.call('GET', '/context', { module: 'Contacts', id: sato });
    expect(ctx.json.record).toMatchObject({
      module: 'Contacts',
      customerId: await p.customerId('Acme Trading'),
    });
    const listed = await p.call('GET', '/documents', { module: 'Contacts', id: sato });
    expect(listed.json.documents.map((d: { id: string }) => d.id)).toEqual([invoice.json.id]);
  });
});

describe('the embedded demo', () => {
  it('sets the emulator’s widget so its account page frames a panel Kanjo accepts', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const { db, deps } = s.t;
    await connectDemoWidget({
      db,
      secrets: deps.secrets ?? expect.fail('no secret box'),
      organizationId: s.organizationId,
      publicUrl: 'http://127.0.0.1:8787',
      emulator: s.emulator.app,
      now: s.t.clock.now(),
    });
    const accounts = await s.accounts();
    const acme = accounts.find((a) => a.Account_Name === 'Acme Trading');
    const page = await (await fetch(`${s.emulator.url}/ui/accounts/${String(acme?.id)}`)).text();
    const src = /<iframe[^>]*src="([^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const url = new URL(src);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8787/crm-panel');
    const res = await new Client(s.t.app).request('GET', '/api/panel/context', undefined, {
      'x-kanjo-panel': url.search.slice(1),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.record).toMatchObject({ module: 'Accounts', name: 'Acme Trading' });
    expect(res.json.permissions.invoice.sendEmail).toBe(true);
  });
});

describe('organizations', () => {
  it('never see each other: another org’s secret, claims or records open nothing here', async () => {
    const p = await panel();
    const acme = await p.crmId('Accounts', 'Acme Trading');
    await p.s.owner.post('/api/invoices', {
      customerId: await p.customerId('Acme Trading'),
      lines: [LINE],
    });
    const other = await signUp(p.s.t.app);
    const otherOrg = String(other.me.organization.id);
    const made = await other.client.post('/api/crm/panel/secret');
    expect(made.status).toBe(200);
    const otherSecret = String(made.json.secret);
    const anonymous = new Client(p.s.t.app);
    const get = (header: string) =>
      anonymous.request('GET', '/api/panel/documents', undefined, { 'x-kanjo-panel': header });

    // The other org's secret cannot speak for this org.
    const forged = await get(p.sign({ id: acme }, otherSecret));
    expect(forged.status).toBe(401);
    // Its own valid claims on the same CRM id see nothing of this org.
    const own = await get(p.sign({ id: acme, org: otherOrg }, otherSecret));
    expect(own.status).toBe(200);
    expect(own.json.documents).toEqual([]);
  });
});

describe('framing', () => {
  it('lets the connected CRM frame the panel page and nothing else', async () => {
    const s = await context();
    const page = await s.t.app.request(`http://127.0.0.1:8787/crm-panel?org=${s.organizationId}`);
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('content-security-policy')).toBe(
      `frame-ancestors 'self' ${s.emulator.url}`,
    );
    const other = await s.t.app.request('http://127.0.0.1:8787/api/health');
    expect(other.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(other.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
});

describe('frame ancestors', () => {
  it('derive Zoho’s web origin from its API domain and keep only plain origins from the env', () => {
    expect(crmOrigins('https://www.zohoapis.eu')).toEqual([
      'https://www.zohoapis.eu',
      'https://crm.zoho.eu',
    ]);
    // Canada's CRM is served from zohocloud.ca, its API from zohoapis.ca.
    expect(crmOrigins('https://www.zohoapis.ca')).toEqual([
      'https://www.zohoapis.ca',
      'https://crm.zohocloud.ca',
    ]);
    expect(crmOrigins('http://127.0.0.1:8788')).toEqual(['http://127.0.0.1:8788']);
    expect(
      panelFrameAncestorsFrom("https://crm.zoho.jp, https://*.zappsusercontent.jp 'none'; x"),
    ).toEqual(['https://crm.zoho.jp', 'https://*.zappsusercontent.jp']);
  });
});
