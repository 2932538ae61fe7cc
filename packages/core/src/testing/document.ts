import type { ArgsInput } from './args';

export type InvoiceCreateArgs = ArgsInput<'invoice.create'>;
export type QuoteCreateArgs = ArgsInput<'quote.create'>;
export type SalesOrderCreateArgs = ArgsInput<'salesOrder.create'>;

const oneLine = () => [{ name: 'Consulting', quantity: '1', rate: 10000 }];

/** Args of a valid `invoice.create` for the customer: one line, issued 2026-11-20, due a month later. */
export function invoiceArgs(
  customerId: string,
  overrides: Partial<InvoiceCreateArgs> = {},
): InvoiceCreateArgs {
  return {
    customerId,
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    lines: oneLine(),
    ...overrides,
  };
}

/** Args of a valid `quote.create` for the customer: one line, issued 2026-11-20. */
export function quoteArgs(
  customerId: string,
  overrides: Partial<QuoteCreateArgs> = {},
): QuoteCreateArgs {
  return { customerId, issueDate: '2026-11-20', lines: oneLine(), ...overrides };
}

/** Args of a valid `salesOrder.create` for the customer: one line, issued 2026-11-20. */
export function salesOrderArgs(
  customerId: string,
  overrides: Partial<SalesOrderCreateArgs> = {},
): SalesOrderCreateArgs {
  return { customerId, issueDate: '2026-11-20', lines: oneLine(), ...overrides };
}
