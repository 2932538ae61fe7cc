import type { Database } from 'better-sqlite3';
import { Store } from './store';
import { toEpochSeconds } from './time';

const industries = ['Manufacturing', 'Retail', 'Technology', 'Consulting', 'Healthcare'];
const cities = ['Tokyo', 'Osaka', 'Berlin', 'Austin', 'Bengaluru', 'Sydney'];

/** Inserts `count` generated accounts, numbered after the existing ones; same input, same data. */
export function seedAccounts(store: Store, args: { count: number; now: number }): string[] {
  const owner = store.admin();
  return store.transaction(() => {
    const start = store.count('Accounts');
    const ids: string[] = [];
    for (let i = start + 1; i <= start + args.count; i++) {
      const record = store.insert(
        'Accounts',
        {
          Account_Name: `Account ${String(i).padStart(5, '0')}`,
          Account_Number: `A-${i}`,
          Industry: industries[i % industries.length] ?? null,
          Billing_City: cities[i % cities.length] ?? null,
          Phone: `+81-3-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`,
        },
        owner.id,
        args.now,
      );
      ids.push(record.id);
    }
    return ids;
  });
}

/** A small, fixed demo book: a few accounts with contacts, products and deals. */
export function seedDemo(store: Store, args: { now: number }): void {
  const owner = store.admin().id;
  const at = args.now;
  store.transaction(() => {
    const acme = store.insert(
      'Accounts',
      { Account_Name: 'Acme Trading', Industry: 'Retail', Billing_City: 'Tokyo', Currency: 'JPY' },
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
