import type { Database } from 'better-sqlite3';
import { CustomFields } from './custom-fields';
import { Store } from './store';
import { toEpochSeconds } from './time';

const industries = ['Manufacturing', 'Retail', 'Technology', 'Consulting', 'Healthcare'];
const cities = ['Tokyo', 'Osaka', 'Berlin', 'Austin', 'Bengaluru', 'Sydney'];

const firstNames = ['Hanako', 'Taro', 'Yuki', 'Priya', 'Jonas', 'Maria', 'Ken', 'Aiko'];
const lastNames = ['Sato', 'Suzuki', 'Tanaka', 'Rao', 'Weber', 'Garcia', 'Ito', 'Kobayashi'];
const stages = ['Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const probabilities = [10, 20, 75, 90];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (i: number) => String(i).padStart(5, '0');

/** Account `i` of a generated book, always the same for the same `i`. */
function generatedAccount(i: number): Record<string, unknown> {
  return {
    Account_Name: `Account ${pad(i)}`,
    Account_Number: `A-${i}`,
    Industry: pick(industries, i),
    Billing_City: pick(cities, i),
    Phone: `+81-3-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
  };
}

/**
 * Inserts `count` generated accounts, numbered after the existing ones, each with one or
 * two contacts, a deal on every third account and a product for every tenth: same input,
 * same data. Returns the account ids.
 */
export function seedAccounts(store: Store, args: { count: number; now: number }): string[] {
  const owner = store.admin().id;
  const add = (module: string, data: Record<string, unknown>) =>
    store.insert(module, data, owner, args.now);
  return store.transaction(() => {
    const start = store.count('Accounts');
    const ids: string[] = [];
    for (let i = start + 1; i <= start + args.count; i++) {
      const account = add('Accounts', generatedAccount(i));
      const lookup = { id: account.id, name: account.data.Account_Name };
      for (let c = 0; c < 1 + (i % 2); c++) {
        add('Contacts', {
          First_Name: pick(firstNames, i + c),
          Last_Name: pick(lastNames, i * 3 + c),
          Email: `contact${c + 1}.a${i}@example.com`,
          Account_Name: lookup,
        });
      }
      if (i % 3 === 0) {
        add('Deals', {
          Deal_Name: `Deal ${pad(i)}`,
          Stage: pick(stages, i),
          Probability: pick(probabilities, i),
          Amount: 10_000 * (1 + (i % 50)),
          Closing_Date: `2027-${String(1 + (i % 12)).padStart(2, '0')}-15`,
          Account_Name: lookup,
        });
      }
      if (i % 10 === 0) {
        add('Products', {
          Product_Name: `Product ${pad(i)}`,
          Product_Code: `P-${i}`,
          Unit_Price: 1_000 * (1 + (i % 30)),
          Product_Active: true,
        });
      }
      ids.push(account.id);
    }
    return ids;
  });
}

/** The demo org's custom fields on Accounts, so the product has some to show. */
function addDemoCustomFields(fields: CustomFields): void {
  fields.add('Accounts', {
    module: 'Accounts',
    api_name: 'Region',
    data_type: 'picklist',
    pick_list_values: ['APAC', 'EMEA', 'Americas'],
  });
  fields.add('Accounts', {
    module: 'Accounts',
    api_name: 'Customer_Code',
    field_label: 'Customer Code',
    data_type: 'text',
    length: 20,
  });
}

/**
 * The demo org's second user, so owners and acting users have someone besides the admin;
 * of profile Sales, the profile the Kanjo panel demo restricts (quotes, no email).
 */
export const DEMO_SALES_REP = {
  email: 'sales@demo.example',
  name: 'Sales Rep',
  profile: 'Sales',
} as const;

/**
 * A small, fixed demo book: two users (the admin owns every record), a few accounts with
 * contacts, products and deals.
 */
export function seedDemo(store: Store, args: { now: number }): void {
  const owner = store.admin().id;
  const at = args.now;
  store.transaction(() => {
    store.saveUser(DEMO_SALES_REP);
    addDemoCustomFields(new CustomFields(store.db));
    const acme = store.insert(
      'Accounts',
      {
        Account_Name: 'Acme Trading',
        Industry: 'Retail',
        Billing_City: 'Tokyo',
        Currency: 'JPY',
        Region: 'APAC',
        Customer_Code: 'C-0001',
      },
      owner,
      at,
    );
    const globex = store.insert(
      'Accounts',
      {
        Account_Name: 'Globex GmbH',
        Industry: 'Manufacturing',
        Billing_City: 'Berlin',
        Currency: 'EUR',
        Region: 'EMEA',
        Customer_Code: 'C-0002',
      },
      owner,
      at,
    );
    store.insert(
      'Accounts',
      {
        Account_Name: 'Initech Ltd',
        Industry: 'Technology',
        Billing_City: 'Austin',
        Currency: 'USD',
      },
      owner,
      at,
    );
    const lookup = (r: { id: string; data: Record<string, unknown> }) => ({
      id: r.id,
      name: r.data.Account_Name,
    });
    store.insert(
      'Contacts',
      {
        First_Name: 'Hanako',
        Last_Name: 'Sato',
        Email: 'hanako@acme.example',
        Account_Name: lookup(acme),
      },
      owner,
      at,
    );
    store.insert(
      'Contacts',
      {
        First_Name: 'Jonas',
        Last_Name: 'Weber',
        Email: 'jonas@globex.example',
        Account_Name: lookup(globex),
      },
      owner,
      at,
    );
    store.insert(
      'Products',
      {
        Product_Name: 'Consulting hour',
        Product_Code: 'SVC-1',
        Unit_Price: 15000,
        Product_Active: true,
      },
      owner,
      at,
    );
    store.insert(
      'Products',
      {
        Product_Name: 'Annual licence',
        Product_Code: 'LIC-1',
        Unit_Price: 120000,
        Product_Active: true,
      },
      owner,
      at,
    );
    store.insert(
      'Deals',
      {
        Deal_Name: 'Acme rollout',
        Stage: 'Qualification',
        Amount: 500000,
        Probability: 10,
        Closing_Date: '2026-03-31',
        Account_Name: lookup(acme),
      },
      owner,
      at,
    );
    store.insert(
      'Deals',
      {
        Deal_Name: 'Globex renewal',
        Stage: 'Closed Won',
        Amount: 24000,
        Probability: 100,
        Closing_Date: '2026-01-31',
        Account_Name: lookup(globex),
      },
      owner,
      at,
    );
  });
}

export type SeedKind = 'demo' | 'empty' | number;

/**
 * Seeds an emulator database: the demo book, nothing, or N generated accounts.
 *
 * @example
 * seedEmulator({ db, clock: () => new Date(), seed: 2500 });
 */
export function seedEmulator(args: { db: Database; clock: () => Date; seed: SeedKind }): void {
  const store = new Store(args.db);
  const now = toEpochSeconds(args.clock());
  if (args.seed === 'demo') seedDemo(store, { now });
  else if (typeof args.seed === 'number') seedAccounts(store, { count: args.seed, now });
}
