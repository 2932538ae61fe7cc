import type { Deal } from '../schemas/deal';
import type { AutomationTrigger } from '../schemas/documents';
import type { CrmAutomationSettings } from './automation';

/**
 * What the deals, CRM-lookup and automation APIs answer, shared by the server that serves them and the PWA that shows them.
 */

/** `GET /api/crm/search?q=`: CRM records a person may pick as a customer. */
export interface CrmSearchResult {
  module: 'Accounts' | 'Contacts';
  crmId: string;
  /** Account_Name, or a Contact's full name. */
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  /** A Contact's Account, when it has one. */
  accountName: string | null;
  /** The Kanjo customer already linked to it. */
  customerId: string | null;
  /** False when the sync rules do not allow importing it; `reason` says why. */
  importable: boolean;
  reason: string | null;
}

export interface CrmSearchAnswer {
  /** Which module was searched, from the sync rules (Accounts, or Contacts when only Contacts sync). */
  module: 'Accounts' | 'Contacts';
  results: CrmSearchResult[];
}

/** `POST /api/crm/import { module, crmId }`: the chosen record, imported and linked. */
export interface CrmImportAnswer {
  customerId: string;
  /** False when it was already in Kanjo (linked earlier, or matched by the duplicate rule). */
  created: boolean;
  contactPersons: number;
  deals: number;
  /** The organization's seq after the import, so the PWA can pull up to it. */
  seq: number | null;
}

/** One CRM field of the customer's record, as the CRM labels it. */
export interface CrmInfoField {
  apiName: string;
  label: string;
  value: string;
}

/** `GET /api/crm/customers/:customerId/info`: the linked record and its deals. */
export interface CrmInfoAnswer {
  module: 'Accounts' | 'Contacts';
  crmId: string;
  name: string;
  fields: CrmInfoField[];
  deals: Deal[];
  /** When the CRM was read (now, unless `stale`). */
  fetchedAt: string;
}

export const AUTOMATION_STEPS = [
  'createQuote',
  'acceptQuote',
  'createDocument',
  'declineQuote',
  'voidDocument',
  'skip',
] as const;
export type AutomationStepName = (typeof AUTOMATION_STEPS)[number];

/** `acted`/`skipped`/`failed` are real evaluations; `planned` is a dry run's. */
export type AutomationOutcome = 'acted' | 'skipped' | 'failed' | 'planned';

/** One logged automation step (`GET /api/crm/automation/log`). */
export interface AutomationLogEntry {
  id: string;
  dealId: string;
  dealName: string;
  stage: string;
  trigger: AutomationTrigger;
  step: AutomationStepName;
  outcome: AutomationOutcome;
  /** A skip code (`NOT_LINKED`, `SENT`, …) or an error code; null when acted. */
  code: string | null;
  documentKind: 'quote' | 'salesOrder' | 'invoice' | null;
  documentId: string | null;
  documentNumber: string | null;
  /** The decision in English, e.g. "Closed Won → created INV-000042". */
  message: string;
  dryRun: boolean;
  createdAt: string;
}

/** `GET/PUT /api/crm/automation/settings`. */
export interface AutomationSettingsAnswer {
  settings: CrmAutomationSettings;
  /** When the rules were last turned on; deal events before it are not acted on. */
  enabledAt: string | null;
}
