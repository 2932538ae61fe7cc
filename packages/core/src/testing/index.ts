/**
 * @kanjo/core/testing — typed args for tests on either side (server and PWA):
 * one factory per entity, built from the mutations' own schemas, so a test
 * that sends a field the schema does not know fails to type-check.
 */
export type { ArgsInput } from './args';
export { customerArgs } from './customer';
export type { CustomerCreateArgs } from './customer';
export { invoiceArgs, quoteArgs, salesOrderArgs } from './document';
export type { InvoiceCreateArgs, QuoteCreateArgs, SalesOrderCreateArgs } from './document';
export { itemArgs } from './item';
export type { ItemCreateArgs } from './item';
