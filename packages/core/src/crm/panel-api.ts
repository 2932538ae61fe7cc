import type { PanelDocumentKind, PanelModule, PanelPermissions } from './panel';

/**
 * What the CRM panel's API answers (`/api/panel/*`): shared by the server
 * and the panel page so neither drifts. Every request carries the signed
 * panel query in the `X-Kanjo-Panel` header.
 */

/** `GET /api/panel/context`. */
export interface PanelContext {
  record: {
    module: PanelModule;
    id: string;
    name: string;
    /** The Kanjo customer of the record (null: the record is not synced to Kanjo yet). */
    customerId: string | null;
    /** On a deal's page: the deal, pre-linked to documents made here. */
    dealId: string | null;
  };
  crmUser: { id: string; name?: string; profileId: string; profileName?: string };
  permissions: PanelPermissions;
  organization: { name: string; baseCurrency: string; locale: 'en' | 'ja' };
  items: { id: string; name: string; rate: number; taxRate?: string; description?: string }[];
}

/** One row of `GET /api/panel/documents`. */
export interface PanelDocumentRow {
  kind: PanelDocumentKind;
  id: string;
  number: string | null;
  issueDate: string;
  status: string;
  currency: string;
  total: number;
  /** Invoices: what is still due; others: null. */
  balance: number | null;
}

export interface PanelDocumentsAnswer {
  documents: PanelDocumentRow[];
}
