import type { DocumentKind } from './states';

/**
 * Each document kind's URL segment, the same in the server's API
 * (`/api/sales-orders/:id/pdf`) and the PWA's pages (`/sales-orders/:id`):
 * one map, so a route and the links to it cannot drift apart.
 */
export const DOCUMENT_PATHS = {
  quote: 'quotes',
  salesOrder: 'sales-orders',
  invoice: 'invoices',
} as const satisfies Record<DocumentKind, string>;

export type DocumentPath = (typeof DOCUMENT_PATHS)[DocumentKind];

const KINDS_BY_PATH = new Map<string, DocumentKind>(
  Object.entries(DOCUMENT_PATHS).map(([kind, path]) => [path, kind as DocumentKind]),
);

/**
 * The document kind a URL segment names, or undefined for any other segment.
 * @example documentKindOfPath('sales-orders') // 'salesOrder'
 */
export function documentKindOfPath(path: string): DocumentKind | undefined {
  return KINDS_BY_PATH.get(path);
}
