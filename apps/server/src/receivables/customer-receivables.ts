import { receivablesSummary, type ReceivablesSummary } from '@kanjo/core';
import type { Db } from '../db/database';
import { decode, readEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';

/**
 * One customer's receivables summary from the server's rows: the
 * customer's live invoices and their live payments, summed by core's
 * `receivablesSummary` in the organization's base currency. `undefined` when
 * the customer is not (or no longer) one of this organization's, so callers
 * answer 404 without telling another organization's ids apart.
 *
 * @example
 * const summary = await customerReceivables({ db, organizationId, customerId, today: '2026-11-20' });
 */
export async function customerReceivables({
  db,
  organizationId,
  customerId,
  today,
}: {
  db: Db;
  organizationId: string;
  customerId: string;
  /** 'YYYY-MM-DD' in the organization's time zone (`todayIn(org.timezone, clock())`). */
  today: string;
}): Promise<ReceivablesSummary | undefined> {
  const customer = await readEntity(db, organizationId, 'customer', customerId);
  if (!customer) return undefined;
  const organization = await loadOrganization(db, organizationId);
  if (!organization) return undefined;
  // `ref_id` is an invoice's customer and a payment's invoice (see writeEntity).
  const invoiceIds = db
    .selectFrom('invoices')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('ref_id', '=', customerId)
    .where('deleted_at', 'is', null);
  const [invoices, payments] = await Promise.all([
    invoiceIds.select(['data', 'version']).execute(),
    db
      .selectFrom('payments')
      .select(['data', 'version'])
      .where('organization_id', '=', organizationId)
      .where('ref_id', 'in', invoiceIds)
      .where('deleted_at', 'is', null)
      .execute(),
  ]);
  return receivablesSummary({
    baseCurrency: organization.baseCurrency,
    roundingMode: organization.roundingMode,
    today,
    invoices: invoices.map((row) => decode<'invoice'>(row.data, row.version)),
    payments: payments.map((row) => decode<'payment'>(row.data, row.version)),
  });
}
