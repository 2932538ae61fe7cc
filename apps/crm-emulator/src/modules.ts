import { ZohoError } from './errors';

/** What the emulator knows about one CRM module: its duplicate key and mandatory fields. */
export interface ModuleSpec {
  apiName: string;
  duplicateField: string;
  mandatory: readonly string[];
  /** Fields that must hold numbers (`INVALID_DATA` with `expected_data_type: 'double'`). */
  numberFields: readonly string[];
}

/**
 * The amounts a client writes on Quotes, Sales_Orders and Invoices; Sub_Total, Tax and
 * Grand_Total are computed from the lines (see inventory/document.ts).
 */
const salesDocumentNumbers = ['Discount', 'Adjustment', 'Exchange_Rate'];

/** Each inventory module's line-item subform: mandatory, as Subject and Account_Name are. */
const salesDocuments = [
  ['Quotes', 'Quoted_Items'],
  ['Sales_Orders', 'Ordered_Items'],
  ['Invoices', 'Invoiced_Items'],
] as const;

const specs: readonly ModuleSpec[] = [
  {
    apiName: 'Accounts',
    duplicateField: 'Account_Name',
    mandatory: ['Account_Name'],
    numberFields: ['Exchange_Rate'],
  },
  { apiName: 'Contacts', duplicateField: 'Email', mandatory: ['Last_Name'], numberFields: [] },
  {
    apiName: 'Products',
    duplicateField: 'Product_Name',
    mandatory: ['Product_Name'],
    numberFields: ['Unit_Price'],
  },
  {
    apiName: 'Deals',
    duplicateField: 'Deal_Name',
    mandatory: ['Deal_Name', 'Stage'],
    numberFields: ['Amount', 'Probability', 'Exchange_Rate'],
  },
  ...salesDocuments.map(([apiName, items]) => ({
    apiName,
    duplicateField: 'Subject',
    mandatory: ['Subject', 'Account_Name', items],
    numberFields: salesDocumentNumbers,
  })),
];

/** The module's spec; module names in URLs match case-insensitively, as Zoho's do. */
export function moduleSpec(name: string): ModuleSpec {
  const spec = specs.find((s) => s.apiName.toLowerCase() === name.toLowerCase());
  if (!spec) {
    throw new ZohoError('INVALID_MODULE', 'the module name given seems to be invalid', 400, {
      resource_path_index: 0,
    });
  }
  return spec;
}

export const moduleNames = specs.map((s) => s.apiName);
