import { describe, expect, test } from 'vitest';
import { defaultPanelPermissions, type PanelDocumentRow, type PanelPermissions } from '@kanjo/core';
import { groupDocuments, panelAbilities } from './panel-abilities';

const none = { createEdit: false, view: false, sendEmail: false };

function permissions(overrides: Partial<PanelPermissions>): PanelPermissions {
  return { quote: none, salesOrder: none, invoice: none, receivables: false, ...overrides };
}

function row(overrides: Partial<PanelDocumentRow>): PanelDocumentRow {
  return {
    kind: 'invoice',
    id: 'i1',
    number: 'INV-1',
    issueDate: '2026-11-01',
    status: 'issued',
    currency: 'JPY',
    total: 1000,
    balance: 1000,
    ...overrides,
  };
}

describe('which buttons the panel shows', () => {
  test.each<[string, PanelPermissions, ReturnType<typeof panelAbilities>]>([
    [
      'an administrator: everything',
      defaultPanelPermissions('Administrator'),
      {
        view: ['quote', 'salesOrder', 'invoice'],
        create: ['quote', 'salesOrder', 'invoice'],
        send: ['quote', 'salesOrder', 'invoice'],
        receivables: true,
      },
    ],
    [
      'another profile by default: view only',
      defaultPanelPermissions('Standard'),
      { view: ['quote', 'salesOrder', 'invoice'], create: [], send: [], receivables: false },
    ],
    [
      'sales: create and view quotes, no email',
      permissions({ quote: { createEdit: true, view: true, sendEmail: false } }),
      { view: ['quote'], create: ['quote'], send: [], receivables: false },
    ],
    [
      'send without view still lists the kind',
      permissions({
        invoice: { createEdit: false, view: false, sendEmail: true },
        receivables: true,
      }),
      { view: ['invoice'], create: [], send: ['invoice'], receivables: true },
    ],
    ['nothing', permissions({}), { view: [], create: [], send: [], receivables: false }],
  ])('%s', (_name, given, expected) => {
    expect(panelAbilities(given)).toEqual(expected);
  });
});

describe('grouping the record’s documents', () => {
  test('only viewable kinds, in the panel’s order, newest first, empty kinds kept', () => {
    const abilities = panelAbilities(
      permissions({ quote: { ...none, view: true }, invoice: { ...none, view: true } }),
    );
    const rows = [
      row({ id: 'i-old', issueDate: '2026-01-05' }),
      row({ id: 's1', kind: 'salesOrder' }),
      row({ id: 'i-new', issueDate: '2026-10-05' }),
    ];
    expect(
      groupDocuments({ rows, abilities }).map((g) => [g.kind, g.rows.map((r) => r.id)]),
    ).toEqual([
      ['quote', []],
      ['invoice', ['i-new', 'i-old']],
    ]);
  });
});
