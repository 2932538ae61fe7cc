import { describe, expect, test } from 'vitest';
import { editDraftOf, parsePanelEdit } from './edit-document';
import { lineWithItem } from './new-document';
import type { PanelDocumentDetail } from './panel-api';

const detail: PanelDocumentDetail = {
  kind: 'quote',
  id: 'q1',
  number: null,
  status: 'draft',
  issueDate: '2026-11-20',
  dueDate: '2026-12-20',
  currency: 'USD',
  lines: [
    {
      id: 'l1',
      itemId: 'item-1',
      name: 'Green tea',
      description: 'Loose leaf',
      quantity: '2',
      rate: 1250,
      discountPercent: '5',
      taxRate: '8',
    },
  ],
  notes: 'Thanks',
  total: 2500,
  balance: null,
  version: 7,
  dealId: 'deal-1',
};

describe('the panel’s edit form', () => {
  test('starts from the document as read, rates in major units', () => {
    expect(editDraftOf(detail)).toEqual({
      issueDate: '2026-11-20',
      endDate: '2026-12-20',
      dealId: 'deal-1',
      notes: 'Thanks',
      lines: [
        {
          itemId: 'item-1',
          name: 'Green tea',
          quantity: '2',
          rate: '12.50',
          taxRate: '8',
          kept: { id: 'l1', description: 'Loose leaf', discountPercent: '5' },
        },
      ],
    });
  });

  test('sends the lines back with what it does not edit, and the version it was opened on', () => {
    const draft = { ...editDraftOf(detail), notes: ' ', dealId: '', endDate: '' };
    expect(
      parsePanelEdit({ kind: 'quote', draft, currency: 'USD', version: 7, dealPage: false }),
    ).toEqual({
      ok: true,
      value: {
        baseVersion: 7,
        issueDate: '2026-11-20',
        expiryDate: null,
        lines: [
          {
            id: 'l1',
            description: 'Loose leaf',
            discountPercent: '5',
            itemId: 'item-1',
            name: 'Green tea',
            quantity: '2',
            rate: 1250,
            taxRate: '8',
          },
        ],
        notes: null,
        dealId: null,
      },
    });
  });

  test('names the due date of an invoice, none of a sales order, and no deal on a deal page', () => {
    const draft = editDraftOf(detail);
    const invoice = parsePanelEdit({
      kind: 'invoice',
      draft,
      currency: 'USD',
      version: null,
      dealPage: true,
    });
    expect(invoice.ok && invoice.value).toMatchObject({ dueDate: '2026-12-20' });
    expect(invoice.ok && 'dealId' in invoice.value).toBe(false);
    expect(invoice.ok && 'baseVersion' in invoice.value).toBe(false);
    const order = parsePanelEdit({
      kind: 'salesOrder',
      draft,
      currency: 'USD',
      version: 1,
      dealPage: false,
    });
    expect(order.ok && Object.keys(order.value)).not.toContain('dueDate');
  });

  test('refuses a missing issue date, an end before it and a bad line, all at once', () => {
    const draft = { ...editDraftOf(detail), issueDate: '', endDate: '2026-01-01' };
    draft.lines = [{ itemId: '', name: '', quantity: '2', rate: 'x', taxRate: '' }];
    const parsed = parsePanelEdit({
      kind: 'quote',
      draft,
      currency: 'USD',
      version: 7,
      dealPage: false,
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.issueDate).toEqual({ key: 'validation.required' });
    expect(!parsed.ok && Object.keys(parsed.problems.lines[0] ?? {}).sort()).toEqual([
      'name',
      'rate',
    ]);
    const ordered = parsePanelEdit({
      kind: 'quote',
      draft: { ...editDraftOf(detail), endDate: '2026-11-01' },
      currency: 'USD',
      version: 7,
      dealPage: false,
    });
    expect(!ordered.ok && ordered.problems.endDate).toEqual({ key: 'doc.invalid.dateOrder' });
  });

  test('another item on an edited line keeps the line’s id, not the old description', () => {
    const [line] = editDraftOf(detail).lines;
    if (!line) throw new Error('no line');
    const item = { id: 'item-2', name: 'Coffee', rate: 900 };
    expect(lineWithItem({ line, item, currency: 'USD' }).kept).toEqual({ id: 'l1' });
  });
});
