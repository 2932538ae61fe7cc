import {
  composeIndividualName,
  crmRecordUrl,
  normalizeName,
  normalizePhone,
  rankCandidates,
  type CrmLinkCandidate,
  type CrmProvider,
  type CrmRecord,
  type CrmSearchBy,
  type MatchKeys,
} from '@kanjo/core';
import { condition, searchCriteria } from '../lookup/criteria';
import { fromCrm } from '../lookup/reads';

/** The CRM modules a customer or an item links to. */
export type RepairModule = 'Accounts' | 'Contacts' | 'Products';

/** At most this many candidates: a short list to choose from, not a report. */
export const CANDIDATE_LIMIT = 10;

const FIELDS: Record<RepairModule, string[]> = {
  Accounts: ['Account_Name', 'Phone', 'Billing_City'],
  Contacts: ['First_Name', 'Last_Name', 'Email', 'Phone', 'Mobile', 'Mailing_City'],
  Products: ['Product_Name', 'Product_Code'],
};

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return null;
};

/** What a person tells CRM records apart by, and what ranking compares. */
export interface CrmRecordFacts {
  crmId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  sku: string | null;
  city: string | null;
}

export function factsOf(module: RepairModule, record: CrmRecord): CrmRecordFacts {
  const crmId = String(record.id);
  if (module === 'Products') {
    const [name, sku] = [text(record.Product_Name), text(record.Product_Code)];
    return { crmId, name, email: null, phone: null, sku, city: null };
  }
  if (module === 'Contacts') {
    const name = composeIndividualName({
      firstName: text(record.First_Name),
      lastName: text(record.Last_Name),
    });
    const phone = text(record.Phone) ?? text(record.Mobile);
    return {
      crmId,
      name,
      email: text(record.Email),
      phone,
      sku: null,
      city: text(record.Mailing_City),
    };
  }
  const [name, phone, city] = [
    text(record.Account_Name),
    text(record.Phone),
    text(record.Billing_City),
  ];
  return { crmId, name, email: null, phone, sku: null, city };
}

/** A phone search finds numbers holding the digits: the national number without its trunk 0. */
function phoneDigits(phone: string): string | null {
  const digits = normalizePhone(phone).replace(/^0/, '');
  return digits.length >= 6 ? digits : null;
}

/**
 * The CRM searches that find a record's candidates (Zoho answers one kind per
 * call): by name — what the person typed, else the normalised name, which
 * `equals` finds inside longer names — and by email and phone where the
 * module has them; a product by its code too.
 */
export function candidateSearches(
  module: RepairModule,
  keys: MatchKeys,
  q?: string,
): CrmSearchBy[] {
  const name = q ?? (keys.name ? normalizeName(keys.name) : '');
  const searches: CrmSearchBy[] = [];
  if (module === 'Products') {
    const parts = [];
    if (name.length >= 2) {
      parts.push(
        condition('Product_Name', 'starts_with', name),
        condition('Product_Name', 'equals', name),
      );
    }
    if (keys.sku && q === undefined) parts.push(condition('Product_Code', 'equals', keys.sku));
    if (parts.length > 0) searches.push({ criteria: { any: parts } });
    return searches;
  }
  if (name.length >= 2) searches.push({ criteria: searchCriteria(module, name) });
  if (q !== undefined) return searches;
  if (module === 'Contacts' && keys.email) searches.push({ email: keys.email });
  const digits = keys.phone ? phoneDigits(keys.phone) : null;
  if (digits) searches.push({ phone: digits });
  return searches;
}

export interface CandidateSearch {
  crm: CrmProvider;
  module: RepairModule;
  /** The Kanjo record's keys. */
  keys: MatchKeys;
  /** What the person typed, to search by instead of the record's own name. */
  q?: string;
  /** CRM records held for a choice that names this Kanjo record: always listed, first. */
  held: readonly string[];
  apiDomain: string;
}

/** The CRM records a person may link the Kanjo record to, ranked, with why each is listed. */
export async function findCandidates(search: CandidateSearch): Promise<CrmLinkCandidate[]> {
  const { crm, module } = search;
  const fields = FIELDS[module];
  const found = new Map<string, CrmRecordFacts>();
  const keep = (records: CrmRecord[]) => {
    for (const record of records) found.set(String(record.id), factsOf(module, record));
  };
  if (search.held.length > 0) {
    keep(await fromCrm(() => crm.records(module, search.held, fields)));
  }
  for (const by of candidateSearches(module, search.keys, search.q)) {
    const answer = await fromCrm(() => crm.search(module, by, { fields, limit: 50 }));
    keep(answer.records);
  }
  const facts = [...found.values()];
  const target = search.q === undefined ? search.keys : { ...search.keys, name: search.q };
  const ranked = rankCandidates(
    target,
    facts.map((f) => ({ id: f.crmId, name: f.name, email: f.email, phone: f.phone, sku: f.sku })),
  );
  const reasons = new Map(ranked.map((r) => [r.id, r.reasons as CrmLinkCandidate['reasons']]));
  const order = [
    ...search.held.filter((id) => found.has(id)),
    ...ranked.map((r) => r.id),
    ...(search.q === undefined ? [] : facts.map((f) => f.crmId)),
  ];
  return [...new Set(order)].slice(0, CANDIDATE_LIMIT).flatMap((id) => {
    const fact = found.get(id);
    if (!fact) return [];
    const why = [...(reasons.get(id) ?? [])];
    if (search.held.includes(id))
      why.unshift({ reason: 'held', detail: 'held for a choice that names this record' });
    if (why.length === 0)
      why.push({ reason: 'search', detail: `found by the search "${search.q ?? ''}"` });
    return [candidateOf(module, fact, why, search.apiDomain)];
  });
}

function candidateOf(
  module: RepairModule,
  fact: CrmRecordFacts,
  reasons: CrmLinkCandidate['reasons'],
  apiDomain: string,
): CrmLinkCandidate {
  return {
    crmModule: module,
    ...fact,
    url: crmRecordUrl(apiDomain, module, fact.crmId),
    reasons,
    linkedTo: null,
  };
}
