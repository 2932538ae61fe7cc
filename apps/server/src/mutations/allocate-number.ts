import type { Db } from '../db/database';

/**
 * The next document number for the organization, e.g. INV-000042. Allocated
 * inside the mutation's transaction, so a rolled-back issue leaves no gap.
 */
export async function allocateNumber(
  trx: Db,
  organizationId: string,
  kind: 'quote' | 'salesOrder' | 'invoice',
  numbering: { invoicePrefix: string; quotePrefix: string; salesOrderPrefix: string },
): Promise<string> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ organization_id: organizationId, kind, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'kind'])
        .doUpdateSet((eb) => ({ last_value: eb('number_sequences.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const prefix = {
    quote: numbering.quotePrefix,
    salesOrder: numbering.salesOrderPrefix,
    invoice: numbering.invoicePrefix,
  }[kind];
  return `${prefix}${String(row.last_value).padStart(6, '0')}`;
}
