import { describe, expect, it } from 'vitest';
import { liveTotalsInput, parseDraft, type DocumentDraft } from './document-draft';
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
