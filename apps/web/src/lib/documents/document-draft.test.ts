import type { SalesOrder } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import {
  draftFromDocument,
  liveTotalsInput,
  parseDraft,
  type DocumentDraft,
} from './document-draft';
import type { LineDraft } from './line-draft';

const line: LineDraft = {
  id: 'l1',
  name: 'Design',
  description: '',
  quantity: '2',
  rate: '100.10',
  discountPercent: '',
  taxRate: '10',
};

const draft: DocumentDraft = {
  customerId: 'c1',
  currency: 'USD',
  issueDate: '2026-03-01',
  endDate: '2026-03-31',
  referenceNumber: '',
  lines: [line],
  discountType: 'amount',
  discountValue: '5',
  taxInclusive: false,
  notes: ' ',
  terms: '',
  dealId: '',
};

describe('parseDraft', () => {
  it('builds the body with minor units and the kind’s end date', () => {
    const result = parseDraft('invoice', draft);
    expect(result).toMatchObject({
      ok: true,
      body: {
        dueDate: '2026-03-31',
        discount: { type: 'amount', value: 500 },
        lines: [{ rate: 10010, quantity: '2' }],
        notes: undefined,
      },
    });
  });

  it.each([
    ['', null],
    ['deal-9', 'deal-9'],
  ])('sends deal %j as %j (null dissociates)', (dealId, sent) => {
    const result = parseDraft('salesOrder', { ...draft, dealId });
    expect(result.ok && result.body.dealId).toBe(sent);
  });

  it('keys problems by core’s field paths', () => {
    const result = parseDraft('quote', {
      ...draft,
      customerId: '',
      endDate: '2026-02-01',
      lines: [{ ...line, id: 'l1', name: 'x', quantity: 'two' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.problems).sort()).toEqual([
        'customerId',
        'expiryDate',
        'lines.0.quantity',
      ]);
    }
  });
});

describe('liveTotalsInput', () => {
  it('counts only the lines that parse so far', () => {
    const input = liveTotalsInput({
      ...draft,
      lines: [...draft.lines, { ...line, id: 'l2', name: '', rate: '1.' }],
    });
    expect(input.lines.map((line) => line.id)).toEqual(['l1', 'l2']);
    const half = liveTotalsInput({
      ...draft,
      lines: [{ ...line, id: 'l3', quantity: '' }],
    });
    expect(half.lines).toEqual([]);
  });
});

describe('draftFromDocument', () => {
  it('reads the deal link, none as empty', () => {
    const doc: SalesOrder = {
      id: 'd1',
      number: null,
      customerId: 'c1',
      currency: 'JPY',
      issueDate: '2026-03-01',
      lines: [],
      status: 'draft',
      version: 1,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    expect(draftFromDocument({ ...doc, dealId: 'deal-1' }).dealId).toBe('deal-1');
    expect(draftFromDocument({ ...doc, dealId: null }).dealId).toBe('');
    expect(draftFromDocument(doc).dealId).toBe('');
  });
});
