import { customerArgs, invoiceArgs, quoteArgs } from '@kanjo/core/testing';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/ids';
import { invitedMember, signUp } from './helpers';
import { makeSyncTest, type SyncClient } from './sync-client';

/** Document number series: set per kind by owners and admins, given out by the server at issue. */

const series = (prefix: string, next: number, digits = 6) => ({ prefix, next, digits });
const defaults = {
  quote: series('QT-', 1),
  salesOrder: series('SO-', 1),
  invoice: series('INV-', 1),
};

/** Creates and issues one document of the kind; returns the number the server gave it. */
async function issue(sync: SyncClient, kind: 'invoice' | 'quote' = 'invoice'): Promise<string> {
  const customerId = uuidv7();
  const id = uuidv7();
  sync.enqueue('customer.create', customerId, customerArgs());
  if (kind === 'invoice') sync.enqueue('invoice.create', id, invoiceArgs(customerId));
  else sync.enqueue('quote.create', id, quoteArgs(customerId));
  expect((await sync.push()).status).toBe(200);
  await sync.pullAll();
  sync.enqueue(kind === 'invoice' ? 'invoice.issue' : 'quote.send', id, {}, sync.version(kind, id));
  const res = await sync.push();
  expect(res.json.results.at(-1), JSON.stringify(res.json)).toMatchObject({ status: 'applied' });
  await sync.pullAll();
  return String(sync.row(kind, id)?.number ?? '');
}

describe('document numbering', () => {
  it('shows each series with its next number and preview, and numbers issued documents by it', async () => {
    const { sync, http } = await makeSyncTest();
    const before = await http.get('/api/organization/numbering');
    expect(before.status).toBe(200);
    expect(before.json.invoice).toEqual({
      prefix: 'INV-',
      digits: 6,
      next: 1,
      preview: 'INV-000001',
      lastUsed: null,
    });
    expect(await issue(sync)).toBe('INV-000001');

    const saved = await http.put('/api/organization/numbering', {
      ...defaults,
      invoice: series('2026-', 100, 4),
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.invoice).toMatchObject({ next: 100, preview: '2026-0100', lastUsed: null });
    expect(await issue(sync)).toBe('2026-0100');
    expect(await issue(sync)).toBe('2026-0101');
    const after = await http.get('/api/organization/numbering');
    expect(after.json.invoice).toMatchObject({ next: 102, lastUsed: '2026-0101' });
    // The other series are untouched.
    expect(after.json.quote).toMatchObject({ prefix: 'QT-', next: 1, preview: 'QT-000001' });
  });

  it('refuses a next number already on a document of its series, whatever its padding, and changes nothing', async () => {
    const { sync, http } = await makeSyncTest();
    await issue(sync);
    await issue(sync);
    await issue(sync); // INV-000003
    const refused = await http.put('/api/organization/numbering', {
      ...defaults,
      invoice: series('INV-', 3, 2),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'NUMBER_USED',
      details: { fields: [{ path: 'invoice.next', lastUsed: 'INV-000003' }] },
    });
    expect(refused.json.error.details.fields[0].message).toMatch(/at least 4/);
    expect((await http.get('/api/organization/numbering')).json.invoice).toMatchObject({
      next: 4,
      digits: 6,
    });
    // Just above the last one used is fine, and so is going back to 1 under a new prefix.
    const ok = await http.put('/api/organization/numbering', {
      ...defaults,
      invoice: series('INV-', 4, 2),
      quote: series('Q', 1, 1),
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(await issue(sync)).toBe('INV-04');
  });

  it('counts a deleted document’s number as used', async () => {
    const { sync, http } = await makeSyncTest();
    const quoteNumber = await issue(sync, 'quote');
    expect(quoteNumber).toBe('QT-000001');
    const quoteId = [...sync.rows.values()].find((r) => r.entity === 'quote')?.id ?? '';
    sync.enqueue('quote.delete', quoteId, {}, sync.version('quote', quoteId));
    const pushed = await sync.push();
    expect(pushed.json.results.at(-1), JSON.stringify(pushed.json)).toMatchObject({
      status: 'applied',
    });
    const refused = await http.put('/api/organization/numbering', defaults);
    expect(refused.status).toBe(409);
    expect(refused.json.error.details.fields).toEqual([
      expect.objectContaining({ path: 'quote.next', lastUsed: 'QT-000001' }),
    ]);
  });

  it('applies the same rule to a prefix changed through the organization settings', async () => {
    const { sync, http } = await makeSyncTest();
    await issue(sync); // INV-000001
    await http.put('/api/organization/numbering', { ...defaults, invoice: series('NEW-', 1) });
    const back = await http.patch('/api/organization', {
      numbering: { invoicePrefix: 'INV-', quotePrefix: 'QT-', salesOrderPrefix: 'SO-' },
    });
    expect(back.status).toBe(409);
    expect(back.json.error.code).toBe('NUMBER_USED');
    expect((await http.get('/api/organization')).json.numbering.invoicePrefix).toBe('NEW-');
  });

  it('lets only owners and admins change the series, and checks the body', async () => {
    const { http, app } = await makeSyncTest();
    expect(
      (await http.put('/api/organization/numbering', { ...defaults, invoice: series('X', 0) }))
        .status,
    ).toBe(400);
    expect(
      (await http.put('/api/organization/numbering', { invoice: series('X', 1) })).status,
    ).toBe(400);
    const { client: rep } = await invitedMember(app, http, {
      email: 'rep@example.com',
      role: 'sales',
    });
    expect((await rep.get('/api/organization/numbering')).status).toBe(200);
    expect((await rep.put('/api/organization/numbering', defaults)).status).toBe(403);
  });

  it('keeps each organization’s series to itself', async () => {
    const { sync, app } = await makeSyncTest();
    await issue(sync);
    const other = await signUp(app);
    const theirs = await other.client.get('/api/organization/numbering');
    expect(theirs.json.invoice).toMatchObject({ next: 1, lastUsed: null });
  });
});
