import type { CandidateReason } from './match';
import type { CrmLinkView } from './sync-api';

/**
 * Link repair: what the API says about a customer's or item's CRM record,
 * the records held for a person (an ambiguous match, or one a person kept
 * apart), and the candidates a person may link it to. Shared by the server
 * and the PWA.
 */

/**
 * Why records wait for a person instead of syncing: `ambiguous` — a CRM
 * record matched several Kanjo records, none is linked or sent until a person
 * chooses; `kept_apart` — a person unlinked the pair, or chose another record
 * for the CRM record: neither is matched or sent automatically until linked
 * again or released.
 */
export const CRM_HOLD_KINDS = ['ambiguous', 'kept_apart'] as const;
export type CrmHoldKind = (typeof CRM_HOLD_KINDS)[number];

/** A CRM record as the link panel names it. */
export interface CrmRecordRef {
  crmModule: string;
  crmId: string;
  /** Its name when last read; null when not known. */
  name: string | null;
  /** Where a person opens it in the CRM; null when the CRM's web address is not known. */
  url: string | null;
}

export interface CrmHoldCandidate {
  localId: string;
  name: string | null;
  /** Linked to a CRM record since: the next sync settles the rest. */
  linked: boolean;
}

export interface CrmHoldView {
  kind: CrmHoldKind;
  /** `contactPerson`: about one of a customer's contact persons. */
  entity: 'customer' | 'item' | 'contactPerson';
  crm: CrmRecordRef;
  /** What matched (ambiguous), or what the person did (kept apart). */
  reason: string;
  since: string;
  /** The email of the person who kept it apart; null for the sync's own holds. */
  by: string | null;
  /** The Kanjo records the CRM record matched (ambiguous), this one among them. */
  candidates: CrmHoldCandidate[];
}

/** `GET /api/crm/links/:entity/:localId/repair`. */
export interface CrmLinkRepairView {
  entity: 'customer' | 'item';
  localId: string;
  /** The CRM module the record syncs with under the current rules; null: it does not sync. */
  crmModule: string | null;
  link:
    | (CrmRecordRef & {
        status: CrmLinkView['status'];
        linkedReason: string | null;
        lastSyncedAt: string;
      })
    | null;
  holds: CrmHoldView[];
}

/**
 * `held`: the CRM record is held for a choice that names this Kanjo record;
 * `search`: found by what the person typed, sharing no key.
 */
export type CrmLinkCandidateReason = CandidateReason | 'held' | 'search';

export interface CrmLinkCandidate extends CrmRecordRef {
  /** Strongest first. */
  reasons: { reason: CrmLinkCandidateReason; detail: string }[];
  email: string | null;
  phone: string | null;
  sku: string | null;
  city: string | null;
  /** The Kanjo record already linked to it: linking this one there is refused (409). */
  linkedTo: { entity: string; localId: string; name: string | null } | null;
}

/** `GET /api/crm/links/:entity/:localId/candidates`. */
export interface CrmLinkCandidatesAnswer {
  crmModule: string;
  candidates: CrmLinkCandidate[];
}

const ZOHO_API_HOST = /^www\.zohoapis\.([a-z.]+)$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a person opens a CRM record: Zoho's web app beside its API domain,
 * or the emulator's own UI on this machine; null for any other host.
 * @example crmRecordUrl('https://www.zohoapis.jp', 'Accounts', '42') // 'https://crm.zoho.jp/crm/tab/Accounts/42'
 * @example crmRecordUrl('http://127.0.0.1:8788', 'Accounts', '42') // 'http://127.0.0.1:8788/ui/accounts/42'
 */
export function crmRecordUrl(apiDomain: string, module: string, id: string): string | null {
  let url: URL;
  try {
    url = new URL(apiDomain);
  } catch {
    return null;
  }
  const record = encodeURIComponent(id);
  const zoho = ZOHO_API_HOST.exec(url.hostname);
  if (zoho && url.protocol === 'https:') {
    return `https://crm.zoho.${zoho[1] ?? ''}/crm/tab/${encodeURIComponent(module)}/${record}`;
  }
  if (LOOPBACK.has(url.hostname)) {
    return `${url.origin}/ui/${encodeURIComponent(module.toLowerCase())}/${record}`;
  }
  return null;
}
