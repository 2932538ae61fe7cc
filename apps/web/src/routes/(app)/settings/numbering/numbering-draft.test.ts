import { describe, expect, it } from 'vitest';
import { draftProblems, fromDraft, lowestNext, previewOf, toDraft } from './numbering-draft';

const state = {
  quote: { prefix: 'QT-', digits: 6, next: 1, preview: 'QT-000001', lastUsed: null },
  salesOrder: { prefix: 'SO-', digits: 6, next: 3, preview: 'SO-000003', lastUsed: 'SO-000002' },
  invoice: { prefix: 'INV-', digits: 4, next: 12, preview: 'INV-0012', lastUsed: 'INV-0011' },
};

describe('the numbering form', () => {
  it('turns the server state into text fields and back into the request', () => {
    const draft = toDraft(state);
    expect(draft.invoice).toEqual({ prefix: 'INV-', next: '12', digits: '4' });
    draft.invoice.prefix = ' 2026- ';
    draft.invoice.next = ' 100';
    expect(fromDraft(draft)?.invoice).toEqual({ prefix: '2026-', next: 100, digits: 4 });
    expect(fromDraft(draft)?.quote).toEqual({ prefix: 'QT-', next: 1, digits: 6 });
  });

  it('names each wrong field and sends nothing while one is wrong', () => {
    const draft = toDraft(state);
    draft.quote.next = '0';
    draft.invoice.digits = '13';
    draft.salesOrder.next = '2.5';
    expect(draftProblems(draft)).toEqual({
      'quote.next': 'invalidNext',
      'salesOrder.next': 'invalidNext',
      'invoice.digits': 'invalidDigits',
    });
    expect(fromDraft(draft)).toBeUndefined();
  });

  it('previews the next number as typed, and nothing while it is wrong', () => {
    expect(previewOf({ prefix: '2026-', next: '100', digits: '4' })).toBe('2026-0100');
    expect(previewOf({ prefix: '', next: '7', digits: '1' })).toBe('7');
    expect(previewOf({ prefix: 'X', next: 'abc', digits: '4' })).toBeUndefined();
  });

  it('says the lowest next number after the last one used, for the typed prefix only', () => {
    expect(lowestNext('INV-', 'INV-0011')).toBe(12);
    expect(lowestNext('NEW-', 'INV-0011')).toBeUndefined();
  });
});
