import { describe, expect, it } from 'vitest';
import { ADMINISTRATOR, LINE, openPanel, SALES } from './crm-panel-setup';
import { useSyncContexts } from './crm-sync-setup';
import { signUp } from './helpers';
import { SyncClient } from './sync-client';

/** Editing a draft from the CRM panel: the PWA's patch, its state rules, the profile's permission. */

const context = useSyncContexts();

const none = { createEdit: false, view: false, sendEmail: false };

describe('editing a draft in the panel', () => {
  it('changes its lines, dates, notes and deal through the patch mutation, seen by pull', async () => {
    const p = await openPanel(context);
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const deal = await p.crmId('Deals', 'Acme rollout');
    const onAcme = { id: acme, profile: ADMINISTRATOR };
    const made = await p.call('POST', '/documents/quote', onAcme, { lines: [LINE] });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const quote = made.json as { id: string; version: number; lines: { id: string }[] };
    const pwa = new SyncClient(p.s.owner);
    await pwa.pull();

    const deals = await p.call('GET', '/deals', onAcme);
    expect(deals.status, JSON.stringify(deals.json)).toBe(200);
    expect(deals.json.deals).toContainEqual(expect.objectContaining({ id: deal }));

    const lineId = quote.lines[0]?.id;
    const edited = await p.call('PATCH', `/documents/quote/${quote.id}`, onAcme, {
      baseVersion: quote.version,
      issueDate: '2026-11-21',
      expiryDate: '2026-12-21',
      notes: 'Edited in the CRM',
      dealId: deal,
      lines: [
        { id: lineId, name: 'Consulting', quantity: '3', rate: 50000 },
        { name: 'Setup', quantity: '1', rate: 20000, taxRate: '10' },
      ],
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json).toMatchObject({
      id: quote.id,
      status: 'draft',
      issueDate: '2026-11-21',
      expiryDate: '2026-12-21',
      notes: 'Edited in the CRM',
      dealId: deal,
      totals: { subtotal: 170000 },
    });
    expect(edited.json.lines[0].id).toBe(lineId);

    await pwa.pull();
    expect(pwa.row('quote', quote.id)).toMatchObject({
      notes: 'Edited in the CRM',
      dealId: deal,
      expiryDate: '2026-12-21',
      lines: [{ id: lineId, quantity: '3' }, { name: 'Setup' }],
    });
    expect(pwa.version('quote', quote.id)).toBeGreaterThan(quote.version);
    const log = await p.s.t.sql.all(
      "SELECT mutation FROM change_log WHERE entity = 'quote' AND entity_id = ?",
      quote.id,
    );
    expect(log).toContainEqual({ mutation: 'quote.patch' });

    // A null clears an optional field; a body the form cannot send is refused.
    const cleared = await p.call('PATCH', `/documents/quote/${quote.id}`, onAcme, { notes: null });
    expect(cleared.json.notes).toBeUndefined();
    const customer = await p.call('PATCH', `/documents/quote/${quote.id}`, onAcme, {
      customerId: await p.customerId('Globex GmbH'),
    });
    expect(customer.status).toBe(400);
    expect(customer.json.error.code).toBe('VALIDATION_FAILED');
    const empty = await p.call('PATCH', `/documents/quote/${quote.id}`, onAcme, { lines: [] });
    expect(empty.status).toBe(400);
  });

  it('refuses an issued invoice and a void sales order with core’s state error', async () => {
    const p = await openPanel(context);
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const onAcme = { id: acme, profile: ADMINISTRATOR };
    const customerId = await p.customerId('Acme Trading');
    const invoice = await p.s.owner.post('/api/invoices', { customerId, lines: [LINE] });
    expect((await p.s.owner.post(`/api/invoices/${invoice.json.id}/issue`)).status).toBe(200);
    const order = await p.s.owner.post('/api/sales-orders', { customerId, lines: [LINE] });
    const voided = await p.s.owner.post(`/api/sales-orders/${order.json.id}/void`);
    expect(voided.status, JSON.stringify(voided.json)).toBe(200);

    const issued = await p.call('PATCH', `/documents/invoice/${invoice.json.id}`, onAcme, {
      lines: [{ ...LINE, quantity: '5' }],
    });
    expect(issued.status).toBe(409);
    expect(issued.json.error.code).toBe('INVOICE_LOCKED');
    const voidOrder = await p.call('PATCH', `/documents/salesOrder/${order.json.id}`, onAcme, {
      notes: 'too late',
    });
    expect(voidOrder.status).toBe(409);
    expect(voidOrder.json.error.code).toBe('DOCUMENT_LOCKED');
    const after = await p.s.owner.get(`/api/invoices/${invoice.json.id}`);
    expect(after.json.lines[0].quantity).toBe('2');
  });

  it('is refused (403) to a profile without “create & edit”', async () => {
    const p = await openPanel(context);
    await p.s.owner.put('/api/crm/panel/permissions', {
      profiles: [
        {
          profileId: SALES,
          profileName: 'Sales',
          permissions: {
            quote: { createEdit: false, view: true, sendEmail: true },
            salesOrder: none,
            invoice: none,
            receivables: false,
          },
        },
      ],
    });
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const quote = await p.s.owner.post('/api/quotes', {
      customerId: await p.customerId('Acme Trading'),
      lines: [LINE],
    });
    const asSales = { id: acme, profile: SALES };
    const res = await p.call('PATCH', `/documents/quote/${quote.json.id}`, asSales, {
      notes: 'not mine to change',
    });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { kind: 'quote', action: 'createEdit' },
    });
    expect((await p.call('GET', '/deals', asSales)).status).toBe(403);
    const after = await p.s.owner.get(`/api/quotes/${quote.json.id}`);
    expect(after.json.notes).toBeUndefined();
  });

  it('finds nothing (404) of another organization, another customer or another deal', async () => {
    const p = await openPanel(context);
    const acme = await p.crmId('Accounts', 'Acme Trading');
    const globex = await p.crmId('Accounts', 'Globex GmbH');
    const onAcme = { id: acme, profile: ADMINISTRATOR };
    const other = await signUp(p.s.t.app);
    const theirCustomer = await other.client.post('/api/customers', {
      kind: 'business',
      displayName: 'Their Co',
    });
    const theirs = await other.client.post('/api/quotes', {
      customerId: theirCustomer.json.id,
      lines: [LINE],
    });
    expect(theirs.status, JSON.stringify(theirs.json)).toBe(201);
    const globexQuote = await p.s.owner.post('/api/quotes', {
      customerId: await p.customerId('Globex GmbH'),
      lines: [LINE],
    });
    const edit = { notes: 'reach' };

    const otherOrg = await p.call('PATCH', `/documents/quote/${theirs.json.id}`, onAcme, edit);
    expect(otherOrg.status).toBe(404);
    const otherCustomer = await p.call(
      'PATCH',
      `/documents/quote/${globexQuote.json.id}`,
      onAcme,
      edit,
    );
    expect(otherCustomer.status).toBe(404);
    const onGlobex = await p.call(
      'PATCH',
      `/documents/quote/${globexQuote.json.id}`,
      {
        id: globex,
        profile: ADMINISTRATOR,
      },
      edit,
    );
    expect(onGlobex.status).toBe(200);

    // On a deal's page: only that deal's documents, and they keep the deal.
    const deal = await p.crmId('Deals', 'Acme rollout');
    const onDeal = { module: 'Deals' as const, id: deal, profile: ADMINISTRATOR };
    const loose = await p.s.owner.post('/api/quotes', {
      customerId: await p.customerId('Acme Trading'),
      lines: [LINE],
    });
    expect((await p.call('PATCH', `/documents/quote/${loose.json.id}`, onDeal, edit)).status).toBe(
      404,
    );
    const linked = await p.call('POST', '/documents/quote', onDeal, { lines: [LINE] });
    const unlink = await p.call('PATCH', `/documents/quote/${linked.json.id}`, onDeal, {
      dealId: null,
    });
    expect(unlink.status).toBe(400);
    const theirRow = await other.client.get(`/api/quotes/${theirs.json.id}`);
    expect(theirRow.json.notes).toBeUndefined();
  });
});
