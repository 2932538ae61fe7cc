/**
 * Messages of the receivables summary on the customer page. Spread into
 * `en` (so `MessageKey` covers them); `receivables.ja.ts` must have every key.
 */
export const receivablesEn = {
  'receivables.heading': 'Receivables',
  'receivables.loading': 'Adding up…',
  'receivables.outstanding': 'Outstanding',
  'receivables.overdue': 'Overdue',
  'receivables.dueIn30Days': 'Due in 30 days',
  'receivables.paidLast12Months': 'Paid, last 12 months',
  'receivables.invoicesOne': '1 invoice',
  'receivables.invoicesMany': '{count} invoices',
  'receivables.paymentsOne': '1 payment',
  'receivables.paymentsMany': '{count} payments',
  'receivables.inBase':
    'In {currency}. Invoices in other currencies are converted at their own exchange rate.',
  'receivables.empty': 'No open invoices and no payments in the last 12 months.',
  'receivables.unconverted':
    'Left out of the {currency} totals, because they have no exchange rate: {invoices}. Add a rate on the invoice to include it.',
  'receivables.draftNumber': 'unnumbered {currency} invoice',
  'receivables.byCurrency': 'By currency',
  'receivables.byCurrencyHint': 'Amounts in each invoice’s own currency, not converted.',
  'receivables.localNote': 'From the invoices and payments on this device, so it works offline.',
} satisfies Record<string, string>;

export type ReceivablesMessageKey = keyof typeof receivablesEn;
