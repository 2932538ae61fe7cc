import { describe, expect, test } from 'vitest';
import { emptyPanelLine, lineWithItem, parsePanelDocument } from './new-document';

const tea = { id: 'item-1', name: 'Green tea', rate: 1250, taxRate: '8' };

describe('the new-document form', () => {
  test('picking an item fills name, rate (major units) and tax; quantity stays', () => {
    const line = { ...emptyPanelLine(), quantity: '3' };
    expect(lineWithItem({ line, item: tea, currency: 'USD' })).toEqual({
      itemId: 'item-1',
      name: 'Green tea',
      quantity: '3',
      rate: '12.50',
      taxRate: '8',
    });
    expect(lineWithItem({ line, item: tea, currency: 'JPY' }).rate).toBe('1250');
  });

  test('clearing the item keeps what was typed as a custom line', () => {
    const picked = lineWithItem({ line: emptyPanelLine(), item: tea, currency: 'JPY' });
    expect(lineWithItem({ line: picked, item: undefined, currency: 'JPY' })).toMatchObject({
      itemId: '',
      name: 'Green tea',
    });
  });

  test('becomes the contract’s body, with the deal linked on a deal page', () => {
    const draft = {
      lines: [
        { itemId: 'item-1', name: ' Green tea ', quantity: '２', rate: '1,200', taxRate: '8' },
        { itemId: '', name: 'Delivery', quantity: '1', rate: '500', taxRate: '' },
      ],
      notes: '  ',
    };
    expect(parsePanelDocument({ draft, currency: 'JPY', dealId: 'deal-9' })).toEqual({
      ok: true,
      value: {
        lines: [
          { itemId: 'item-1', name: 'Green tea', quantity: '2', rate: 1200, taxRate: '8' },
          { name: 'Delivery', quantity: '1', rate: 500 },
        ],
        dealId: 'deal-9',
      },
    });
  });

  test('cents in a currency with them; notes when typed; no deal off a deal page', () => {
    const draft = {
      lines: [{ itemId: '', name: 'Hour', quantity: '1.5', rate: '80.25', taxRate: '0' }],
      notes: 'Net 30',
    };
    expect(parsePanelDocument({ draft, currency: 'USD', dealId: null })).toEqual({
      ok: true,
      value: {
        lines: [{ name: 'Hour', quantity: '1.5', rate: 8025, taxRate: '0' }],
        notes: 'Net 30',
      },
    });
  });

  test('names each line’s problems', () => {
    const draft = {
      lines: [
        { itemId: '', name: 'ok', quantity: '1', rate: '1', taxRate: '' },
        { itemId: '', name: '', quantity: '0', rate: '1.5', taxRate: '120' },
      ],
      notes: '',
    };
    const result = parsePanelDocument({ draft, currency: 'JPY', dealId: null });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toEqual({});
    expect(Object.keys(result.problems[1] ?? {}).sort()).toEqual([
      'name',
      'quantity',
      'rate',
      'taxRate',
    ]);
    expect(result.problems[1]?.rate).toEqual({
      key: 'records.validation.amountWhole',
      params: { currency: 'JPY' },
    });
  });
});
