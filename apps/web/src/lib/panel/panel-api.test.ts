import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { createPanelClient, readDetail, readReceivables } from './panel-api';

afterEach(() => vi.unstubAllGlobals());

const QUERY = 'org=o1&module=Deals&id=d%201&user=7&profile=9&exp=1767225600&sig=ab';

interface Sent {
  url: string;
  method: string | undefined;
  header: string | null;
  body: unknown;
}

/** `fetch` answers every call with `status` and `payload` (JSON, or a Blob as is). */
function answer(status: number, payload?: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method,
      header: new Headers(init.headers).get('x-kanjo-panel'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const body =
      payload === undefined ? null : payload instanceof Blob ? payload : JSON.stringify(payload);
    return Promise.resolve(new Response(body, { status }));
  });
  return sent;
}

const panel = createPanelClient({ query: QUERY });

describe('the panel client', () => {
  test('sends the signed query, unchanged, on every call', async () => {
    const sent = answer(200, { documents: [] });
    await panel.documents();
    await panel.receivables();
    expect(sent.map((s) => [s.url, s.method, s.header])).toEqual([
      ['/api/panel/documents', 'GET', QUERY],
      ['/api/panel/receivables', 'GET', QUERY],
    ]);
  });

  test('reads the context as the contract has it', async () => {
    const context = { record: { module: 'Deals', id: 'd1' }, permissions: {}, items: [] };
    answer(200, context);
    await expect(panel.context()).resolves.toEqual({ ...context, recordEmail: null });
  });

  test('the record’s email, when sent, prefills the recipient', async () => {
    answer(200, { record: { module: 'Contacts', id: 'c1', email: 'k@x.jp' }, items: [] });
    await expect(panel.context()).resolves.toMatchObject({ recordEmail: 'k@x.jp' });
  });

  test('a list without documents is empty', async () => {
    answer(200, {});
    await expect(panel.documents()).resolves.toEqual([]);
  });

  test('creates a document of a kind with the typed lines', async () => {
    const sent = answer(201, { id: 'q1', number: 'QT-1', status: 'draft', currency: 'JPY' });
    const input = { lines: [{ name: 'Tea', quantity: '2', rate: 500 }], dealId: 'd1' };
    const created = await panel.create('quote', input);
    expect(sent[0]).toMatchObject({
      url: '/api/panel/documents/quote',
      method: 'POST',
      body: input,
    });
    expect(created).toMatchObject({ kind: 'quote', id: 'q1', number: 'QT-1' });
  });

  test('edits a document with PATCH and reads the deals of the record', async () => {
    const sent = answer(200, { id: 'q1', status: 'draft', version: 9, dealId: 'd1' });
    const input = {
      issueDate: '2026-11-20',
      lines: [{ name: 'Tea', quantity: '1', rate: 5 }],
      notes: null,
    };
    const edited = await panel.edit('quote', 'q/1', input);
    expect(sent[0]).toMatchObject({
      url: '/api/panel/documents/quote/q%2F1',
      method: 'PATCH',
      body: input,
      header: QUERY,
    });
    expect(edited).toMatchObject({ id: 'q1', version: 9, dealId: 'd1' });
    answer(200, { deals: [{ id: 'd1', name: 'Rollout', stage: 'Proposal' }, { name: 'no id' }] });
    await expect(panel.deals()).resolves.toEqual([
      { id: 'd1', name: 'Rollout', stage: 'Proposal' },
    ]);
  });

  test('emails a document and answers its mail id', async () => {
    const sent = answer(200, { mailId: 'm1' });
    await expect(panel.email('invoice', 'i/1', { to: ['a@x.jp'] })).resolves.toEqual({
      mailId: 'm1',
    });
    expect(sent[0]).toMatchObject({
      url: '/api/panel/documents/invoice/i%2F1/email',
      method: 'POST',
      body: { to: ['a@x.jp'] },
      header: QUERY,
    });
  });

  test('fetches the PDF as a blob, with the header a link could not carry', async () => {
    const sent = answer(200, new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    const pdf = await panel.pdf('salesOrder', 's1');
    expect(await pdf.text()).toBe('%PDF-1.7');
    expect(sent[0]).toMatchObject({
      url: '/api/panel/documents/salesOrder/s1/pdf',
      header: QUERY,
    });
  });

  test.each([
    [401, 'PANEL_SIGNATURE_INVALID', undefined],
    [401, 'PANEL_EXPIRED', undefined],
    [403, 'FORBIDDEN', { kind: 'quote', action: 'sendEmail' }],
  ])('%i %s is an ApiError with its code and details', async (status, code, details) => {
    answer(status, { error: { code, message: 'no', details } });
    await expect(panel.context()).rejects.toEqual(new ApiError(status, code, 'no', details));
  });

  test('a failed PDF is an ApiError, not a broken blob', async () => {
    answer(404, { error: { code: 'NOT_FOUND', message: 'gone' } });
    await expect(panel.pdf('invoice', 'x')).rejects.toBeInstanceOf(ApiError);
  });

  test('no network is a NetworkError', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(panel.documents()).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('reading answers defensively', () => {
  test('a presented invoice gives its lines, total and balance', () => {
    const row = {
      id: 'i1',
      number: 'INV-7',
      status: 'issued',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      currency: 'USD',
      lines: [{ id: 'l1', name: 'Tea', quantity: '2', rate: 1250, taxRate: '10' }],
      notes: 'Thanks',
      totals: { total: 2750, balance: 1000 },
      version: 41,
      dealId: 'd1',
    };
    expect(readDetail('invoice', row)).toEqual({
      kind: 'invoice',
      id: 'i1',
      number: 'INV-7',
      status: 'issued',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      currency: 'USD',
      lines: [
        {
          id: 'l1',
          itemId: null,
          name: 'Tea',
          description: null,
          quantity: '2',
          rate: 1250,
          discountPercent: null,
          taxRate: '10',
        },
      ],
      notes: 'Thanks',
      total: 2750,
      balance: 1000,
      version: 41,
      dealId: 'd1',
    });
  });

  test('a quote’s expiry date stands for its due date; what is missing is null', () => {
    expect(readDetail('quote', { id: 'q1', expiryDate: '2026-12-24', lines: 'no' })).toMatchObject({
      dueDate: '2026-12-24',
      number: null,
      lines: [],
      total: null,
      balance: null,
    });
  });

  test('receivables as core’s summary: base figures, per currency, unconverted invoices', () => {
    const figures = {
      outstanding: '10000000000000001',
      overdue: '0',
      dueIn30Days: '5000',
      paidLast12Months: '100',
    };
    const read = {
      outstanding: 10000000000000001n,
      overdue: 0n,
      dueIn30Days: 5000n,
      paidLast12Months: 100n,
    };
    const summary = readReceivables({
      baseCurrency: 'JPY',
      today: '2026-11-29',
      base: { ...figures, counts: {} },
      byCurrency: [{ currency: 'USD', ...figures, counts: {} }],
      unconverted: [{ invoiceId: 'i9', number: 'INV-9', currency: 'EUR' }],
    });
    expect(summary).toEqual({
      baseCurrency: 'JPY',
      ...read,
      byCurrency: [{ currency: 'USD', ...read }],
      unconverted: 1,
    });
  });

  test('receivables keep numbers that are minor units and drop the rest', () => {
    const summary = readReceivables({
      baseCurrency: 'JPY',
      outstanding: 120000,
      overdue: 1.5,
      dueIn30Days: '3.5',
      paidLast12Months: '1e3',
      byCurrency: [{ currency: 'USD', outstanding: '5000' }, { outstanding: 1 }, 'x'],
    });
    expect(summary).toEqual({
      baseCurrency: 'JPY',
      outstanding: 120000n,
      overdue: null,
      dueIn30Days: null,
      paidLast12Months: null,
      byCurrency: [
        {
          currency: 'USD',
          outstanding: 5000n,
          overdue: null,
          dueIn30Days: null,
          paidLast12Months: null,
        },
      ],
      unconverted: 0,
    });
  });

  test('receivables of nothing are all unknown', () => {
    expect(readReceivables(null)).toMatchObject({
      baseCurrency: '',
      outstanding: null,
      byCurrency: [],
    });
  });
});
