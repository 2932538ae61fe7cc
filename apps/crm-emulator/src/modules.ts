import { ZohoError } from './errors';

/** What the emulator knows about one CRM module: its duplicate key and mandatory fields. */
export interface ModuleSpec {
  apiName: string;
  duplicateField: string;
  mandatory: readonly string[];
  /** Fields that must hold numbers (`INVALID_DATA` with `expected_data_type: 'double'`). */
  numberFields: readonly string[];
}

/** The currency fields of Quotes, Sales_Orders and Invoices. */
const salesDocumentNumbers = ['Sub_Total', 'Tax', 'Discount', 'Grand_Total', 'Exchange_Rate'];

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
  ...['Quotes', 'Sales_Orders', 'Invoices'].map((apiName) => ({
    apiName,
    duplicateField: 'Subject',
    mandatory: ['Subject'],
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
