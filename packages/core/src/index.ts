/**
 * @kanjo/core — Kanjo's invoicing domain. Pure: no I/O, no clock, no random
 * ids; time and ids come in through `MutationContext`.
 */
export * from './dates';
export * from './document-paths';
export * from './document-print';
export * from './mail-api';
export * from './money/index';
export * from './mutations/index';
export * from './numbering';
export * from './present';
export * from './registration-number';
export * from './receivables';
export * from './schemas/index';
export * from './states';
export * from './sync/protocol';
export * from './totals';
export * from './uuid';
export * from './crm/index';
export * from './crm/zoho-scopes';
