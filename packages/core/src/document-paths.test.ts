import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATHS, documentKindOfPath } from './document-paths';
import type { DocumentKind } from './states';

describe('DOCUMENT_PATHS', () => {
  it.each([
    ['quote', 'quotes'],
    ['salesOrder', 'sales-orders'],
    ['invoice', 'invoices'],
  ] as const)('%s → /%s', (kind, path) => {
    expect(DOCUMENT_PATHS[kind]).toBe(path);
  });
});

describe('documentKindOfPath', () => {
  it.each<[string, DocumentKind | undefined]>([
    ['quotes', 'quote'],
    ['sales-orders', 'salesOrder'],
    ['invoices', 'invoice'],
    // Not document paths: other resources, the kind's own name, near misses.
    ['customers', undefined],
    ['payments', undefined],
    ['salesOrder', undefined],
    ['sales_orders', undefined],
    ['Invoices', undefined],
    ['invoices/', undefined],
    ['', undefined],
    ['constructor', undefined],
  ])('%j → %s', (path, kind) => {
    expect(documentKindOfPath(path)).toBe(kind);
  });

  it('is the inverse of DOCUMENT_PATHS', () => {
    for (const [kind, path] of Object.entries(DOCUMENT_PATHS)) {
      expect(documentKindOfPath(path)).toBe(kind);
    }
  });
});
