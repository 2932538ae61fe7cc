import { isCurrencyCode } from '../money/currencies';
import type { Deal, DealCustomerModule } from '../schemas/deal';
import { unitPriceToMinor } from './item-mapper';
import type { CrmRecord } from './values';

/** The Deals fields Kanjo reads (list `fields`, ≤ 50). */
export const DEAL_FIELDS = [
  'Deal_Name',
  'Stage',
  'Probability',
  'Amount',
  'Closing_Date',
  'Account_Name',
  'Contact_Name',
  'Pipeline',
  'Description',
  'Currency',
  'Owner',
  'Created_Time',
  'Modified_Time',
] as const;

/** The id of a lookup field (`{ id, name }`), or null. */
export function lookupId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

function instant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function owner(value: unknown): Deal['owner'] {
  const id = lookupId(value);
  if (!id) return null;
  const { name, email } = value as { name?: unknown; email?: unknown };
  return {
    id,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof email === 'string' ? { email } : {}),
  };
}

function probability(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/**
 * A CRM Deals record as Kanjo's cached deal. The currency is the deal's own
 * when multi-currency is on, else the CRM's base currency; the amount is
 * rounded once to its minor units (null when the CRM has none or an
 * unreadable one).
 *
 * @example dealFromCrm({ id: '1', Deal_Name: 'Rollout', Stage: 'Qualification', Amount: 1200.5 }, { customerId: 'c', customerModule: 'Accounts', crmCurrency: 'USD', syncedAt }) // amount 120050
 */
export function dealFromCrm(
  record: CrmRecord,
  context: {
    customerId: string;
    customerModule: DealCustomerModule;
    crmCurrency: string;
    syncedAt: string;
  },
): Omit<Deal, 'version'> {
  const currency =
    typeof record.Currency === 'string' && isCurrencyCode(record.Currency)
      ? record.Currency
      : context.crmCurrency;
  const amount =
    record.Amount === null || record.Amount === undefined
      ? null
      : ((r) => ('minor' in r ? r.minor : null))(unitPriceToMinor(record.Amount, currency));
  const closing = text(record.Closing_Date);
  return {
    id: String(record.id),
    customerId: context.customerId,
    customerModule: context.customerModule,
    name: text(record.Deal_Name) ?? '',
    stage: text(record.Stage) ?? '',
    probability: probability(record.Probability),
    amount,
    currency,
    closingDate: closing && /^\d{4}-\d{2}-\d{2}$/.test(closing) ? closing : null,
    owner: owner(record.Owner),
    description: text(record.Description),
    pipeline: text(record.Pipeline),
    crmCreatedTime: instant(record.Created_Time),
    crmModifiedTime: instant(record.Modified_Time),
    syncedAt: context.syncedAt,
  };
}
