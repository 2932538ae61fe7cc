import { dealStages } from './deal-stages';
import type { DataType, FieldSpec } from './metadata';
import type { ModuleSpec } from './modules';

/** Zoho's default Quote_Stage values. */
export const quoteStages = [
  'Draft',
  'Negotiation',
  'Delivered',
  'On Hold',
  'Confirmed',
  'Closed Won',
  'Closed Lost',
] as const;
/** Zoho's default Status values of Sales_Orders. */
export const salesOrderStatuses = ['Created', 'Approved', 'Delivered', 'Cancelled'] as const;
/** Zoho's default Status values of Invoices. */
export const invoiceStatuses = ['Created', 'Approved', 'Delivered', 'Paid', 'Cancelled'] as const;

const f = (apiName: string, dataType: DataType, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  apiName,
  dataType,
  ...extra,
});
const text = (...names: string[]) => names.map((n) => f(n, 'text'));
const system = [
  f('Owner', 'ownerlookup'),
  f('Created_Time', 'datetime', { readOnly: true }),
  f('Modified_Time', 'datetime', { readOnly: true }),
  f('id', 'bigint', { readOnly: true }),
];
const currency = [
  f('Currency', 'picklist', { pickList: ['JPY', 'USD', 'EUR'] }),
  f('Exchange_Rate', 'double'),
];
const address = (prefix: string, code: string) =>
  text(
    `${prefix}_Street`,
    `${prefix}_City`,
    `${prefix}_State`,
    `${prefix}_${code}`,
    `${prefix}_Country`,
  );

/**
 * What Quotes, Sales_Orders and Invoices share: the fields Kanjo writes to them, the
 * line-item subform (`items`) and the totals Zoho computes from it (read-only).
 */
const salesDocument = (
  items: string,
  status: FieldSpec,
  dates: readonly FieldSpec[],
): FieldSpec[] => [
  f('Subject', 'text'),
  f('Account_Name', 'lookup', { lookupModule: 'Accounts' }),
  f('Deal_Name', 'lookup', { lookupModule: 'Deals' }),
  f('Contact_Name', 'lookup', { lookupModule: 'Contacts' }),
  status,
  ...dates,
  f(items, 'subform', { label: items.replace('_', ' ') }),
  f('Sub_Total', 'currency', { readOnly: true }),
  f('Discount', 'currency'),
  f('Tax', 'currency', { readOnly: true }),
  f('Adjustment', 'currency'),
  f('Grand_Total', 'currency', { readOnly: true }),
  f('Description', 'textarea'),
  ...currency,
  ...system,
];

const standardFields: Record<string, readonly FieldSpec[]> = {
  Accounts: [
    ...text('Account_Name', 'Account_Number'),
    f('Phone', 'phone'),
    f('Fax', 'phone'),
    f('Website', 'website'),
    f('Industry', 'picklist', {
      pickList: [
        'Communications',
        'Consulting',
        'Healthcare',
        'Manufacturing',
        'Retail',
        'Technology',
        'Other',
      ],
    }),
    ...address('Billing', 'Code'),
    ...address('Shipping', 'Code'),
    f('Description', 'textarea'),
    ...currency,
    ...system,
  ],
  Contacts: [
    ...text('First_Name', 'Last_Name'),
    f('Full_Name', 'text', { readOnly: true }),
    f('Salutation', 'picklist', { pickList: ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'] }),
    f('Email', 'email'),
    f('Secondary_Email', 'email'),
    f('Phone', 'phone'),
    f('Mobile', 'phone'),
    f('Fax', 'phone'),
    ...text('Title', 'Department'),
    f('Account_Name', 'lookup', { lookupModule: 'Accounts' }),
    ...address('Mailing', 'Zip'),
    f('Description', 'textarea'),
    ...system,
  ],
  Products: [
    ...text('Product_Name', 'Product_Code'),
    f('Unit_Price', 'currency'),
    f('Description', 'textarea'),
    f('Tax', 'multiselectlookup'),
    f('Taxable', 'boolean'),
    f('Product_Active', 'boolean'),
    f('Product_Category', 'picklist', { pickList: ['Hardware', 'Software', 'Service'] }),
    f('Usage_Unit', 'picklist', { pickList: ['Box', 'Each', 'Hours', 'Pieces'] }),
    ...system,
  ],
  Deals: [
    f('Deal_Name', 'text'),
    f('Stage', 'picklist', { pickList: dealStages }),
    f('Probability', 'integer'),
    f('Amount', 'currency'),
    f('Closing_Date', 'date'),
    f('Account_Name', 'lookup', { lookupModule: 'Accounts' }),
    f('Contact_Name', 'lookup', { lookupModule: 'Contacts' }),
    f('Pipeline', 'picklist', { pickList: ['Standard'] }),
    f('Type', 'picklist', { pickList: ['New Business', 'Existing Business'] }),
    f('Description', 'textarea'),
    ...currency,
    ...system,
  ],
  Quotes: salesDocument('Quoted_Items', f('Quote_Stage', 'picklist', { pickList: quoteStages }), [
    f('Valid_Till', 'date'),
  ]),
  Sales_Orders: salesDocument(
    'Ordered_Items',
    f('Status', 'picklist', { pickList: salesOrderStatuses }),
    [f('Due_Date', 'date')],
  ),
  Invoices: salesDocument(
    'Invoiced_Items',
    f('Status', 'picklist', { pickList: invoiceStatuses }),
    [f('Invoice_Date', 'date'), f('Due_Date', 'date')],
  ),
};

/** A module's standard fields; modules without a list get their duplicate key and system fields. */
export function moduleFields(spec: ModuleSpec): readonly FieldSpec[] {
  return standardFields[spec.apiName] ?? [f(spec.duplicateField, 'text'), ...system];
}
