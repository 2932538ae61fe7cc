/**
 * The CRM connection as the server shows it (`GET /api/crm/connection`).
 * Secrets never come back: only what identifies the connection.
 */
export type CrmConnectionStatus = 'connected' | 'disabled';

export interface CrmConnection {
  provider: 'zoho';
  status: CrmConnectionStatus;
  /** The CRM user records are pushed as. */
  email: string;
  apiDomain: string;
  accountsUrl: string;
  clientId: string;
  crmOrg: {
    id: string;
    name: string;
    /** ISO 4217 code of the CRM org's base currency, read at connect time. */
    currency: string;
    multiCurrency: boolean;
    timeZone: string;
  };
  crmUser: { id: string; email: string; name: string };
  connectedBy: { id: string; email: string };
  connectedAt: string;
  updatedAt: string;
  verifiedAt: string | null;
  disabledAt: string | null;
  /** What the CRM user's profile may do per module, read at the last connect or test. */
  reach?: CrmReach | null;
}

export type CrmReachModule =
  'Accounts' | 'Contacts' | 'Products' | 'Deals' | 'Quotes' | 'Sales_Orders' | 'Invoices';
export type CrmReachAction = 'view' | 'create' | 'edit';

/** The modules the CRM user cannot use as Kanjo needs: left out of syncs until fixed. */
export interface CrmReach {
  checkedAt: string;
  profile: { id: string; name: string } | null;
  outOfReach: { module: CrmReachModule; missing: CrmReachAction[] }[];
  /** Why the permissions could not be read; null when they were. */
  unreadable: string | null;
  warning: string | null;
}

export type { CrmAuditAction, CrmAuditEntry, CrmConnectionInput } from '@kanjo/core';
