import type { StoredRecord } from '../store';
import { formatZohoTime } from '../time';

/** One column of a list page. */
export interface Column {
  label: string;
  value: (record: StoredRecord) => string;
  numeric?: boolean;
}

/** A module the UI shows: its URL slug, names, search fields and list columns. */
export interface UiModule {
  apiName: string;
  slug: string;
  plural: string;
  singular: string;
  /** Fields joined with a space for "name contains" search; the first column links to the record. */
  nameFields: readonly string[];
  columns: readonly Column[];
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'name' in value) return text(value.name);
  // A lookup written by the API as `{ id }` alone has no name to show.
  if (typeof value === 'object' && 'id' in value) return text(value.id);
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** A record's display name: its name fields joined, or its id when they are empty. */
export const recordName = (m: UiModule, r: StoredRecord): string =>
  m.nameFields
    .map((f) => text(r.data[f]))
    .filter(Boolean)
    .join(' ') || r.id;

const money = (value: unknown) =>
  typeof value === 'number'
    ? value.toLocaleString('en-US', { maximumFractionDigits: 2 })
    : text(value);
const field = (label: string, name: string): Column => ({
  label,
  value: (r) => text(r.data[name]),
});
/** `2026-01-15 06:00 UTC`: the list's short form of a Zoho time. */
const shortTime = (epochSeconds: number) =>
  `${formatZohoTime(epochSeconds).slice(0, 16).replace('T', ' ')} UTC`;
const modified: Column = { label: 'Modified', value: (r) => shortTime(r.modifiedTime) };

/** Quotes, sales orders and invoices: what Kanjo writes there, as a person checks it. */
function salesDocument(args: {
  apiName: string;
  slug: string;
  plural: string;
  singular: string;
  status: Column;
}): UiModule {
  return {
    ...args,
    nameFields: ['Subject'],
    columns: [
      field('Subject', 'Subject'),
      args.status,
      { label: 'Grand total', value: (r) => money(r.data.Grand_Total), numeric: true },
      field('Account', 'Account_Name'),
      field('Deal', 'Deal_Name'),
      modified,
    ],
  };
}

export const uiModules: readonly UiModule[] = [
  {
    apiName: 'Accounts',
    slug: 'accounts',
    plural: 'Accounts',
    singular: 'Account',
    nameFields: ['Account_Name'],
    columns: [
      field('Account name', 'Account_Name'),
      field('Phone', 'Phone'),
      field('Billing city', 'Billing_City'),
      modified,
    ],
  },
  {
    apiName: 'Contacts',
    slug: 'contacts',
    plural: 'Contacts',
    singular: 'Contact',
    nameFields: ['First_Name', 'Last_Name'],
    columns: [
      {
        label: 'Name',
        value: (r) => [text(r.data.First_Name), text(r.data.Last_Name)].filter(Boolean).join(' '),
      },
      field('Email', 'Email'),
      field('Account', 'Account_Name'),
    ],
  },
  {
    apiName: 'Products',
    slug: 'products',
    plural: 'Products',
    singular: 'Product',
    nameFields: ['Product_Name'],
    columns: [
      field('Product name', 'Product_Name'),
      field('Code', 'Product_Code'),
      { label: 'Unit price', value: (r) => money(r.data.Unit_Price), numeric: true },
    ],
  },
  {
    apiName: 'Deals',
    slug: 'deals',
    plural: 'Deals',
    singular: 'Deal',
    nameFields: ['Deal_Name'],
    columns: [
      field('Deal name', 'Deal_Name'),
      field('Stage', 'Stage'),
      { label: 'Amount', value: (r) => money(r.data.Amount), numeric: true },
      field('Closing date', 'Closing_Date'),
      field('Account', 'Account_Name'),
    ],
  },
  salesDocument({
    apiName: 'Quotes',
    slug: 'quotes',
    plural: 'Quotes',
    singular: 'Quote',
    status: field('Stage', 'Quote_Stage'),
  }),
  salesDocument({
    apiName: 'Sales_Orders',
    slug: 'sales-orders',
    plural: 'Sales orders',
    singular: 'Sales order',
    status: field('Status', 'Status'),
  }),
  salesDocument({
    apiName: 'Invoices',
    slug: 'invoices',
    plural: 'Invoices',
    singular: 'Invoice',
    status: field('Status', 'Status'),
  }),
];

/** A related list on a record page: the records of `slug` whose lookup `field` names it. */
export interface UiRelatedList {
  slug: string;
  field: string;
}

const documentsBy = (field: string): UiRelatedList[] =>
  ['quotes', 'sales-orders', 'invoices'].map((slug) => ({ slug, field }));

/** The related lists each module's record page shows, in order. */
export const uiRelatedLists: Readonly<Record<string, readonly UiRelatedList[]>> = {
  Accounts: [
    { slug: 'contacts', field: 'Account_Name' },
    { slug: 'deals', field: 'Account_Name' },
    ...documentsBy('Account_Name'),
  ],
  Deals: documentsBy('Deal_Name'),
};

/** The UI module of a URL slug (case-insensitive), or undefined. */
export const uiModule = (slug: string): UiModule | undefined =>
  uiModules.find((m) => m.slug === slug.toLowerCase());

/** The UI module of a lookup's target module, or undefined when the UI does not show it. */
export const uiModuleOf = (apiName: string): UiModule | undefined =>
  uiModules.find((m) => m.apiName === apiName);
