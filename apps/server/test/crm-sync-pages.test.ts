import { describe, expect, it } from 'vitest';
import { useSyncContexts, type RunDetail, type SyncContext } from './crm-sync-setup';

/**
 * A big import writes a page of CRM records in one transaction, not one per
 * record, and a record that cannot come in still fails alone: the page's
 * other records, the history and the cursor are kept.
 */

const context = useSyncContexts();

const count = async (s: SyncContext, sql: string) =>
  (await s.t.sql.one<{ n: number }>(`SELECT cast(count(*) AS integer) AS n FROM ${sql}`))?.n;

/** Counts the committed transactions that wrote customers (the seam hears each once). */
function customerCommits(s: SyncContext): { n: number } {
  const seen = { n: 0 };
  s.t.deps.commits.subscribe((committed) => {
    if (committed.entities.some((e) => e.entity === 'customer')) seen.n += 1;
  });
  return seen;
}

/** Inserts the records in the CRM, 100 a call; returns their ids in order. */
async function insertAll(s: SyncContext, module: string, records: Record<string, unknown>[]) {
  const crm = await s.crm();
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += 100) {
    for (const result of await crm.insert(module, records.slice(start, start + 100))) {
      if (!result.ok) throw new Error(`the emulator refused a ${module} record`);
      ids.push(result.id);
    }
  }
  return ids;
}

const failed = (detail: RunDetail) => detail.items.filter((item) => item.action === 'failed');

describe('a first import a page at a time', () => {
  it('writes 250 accounts in one transaction a page, and the one that cannot come in fails alone', async () => {
    const s = await context();
    const names = Array.from({ length: 250 }, (_, i) => ({ Account_Name: `Paged ${i + 1}` }));
    // In the middle of the second page; Kanjo's names have at most 200 characters.
    names[130] = { Account_Name: 'Too Long '.repeat(30) };
    const ids = await insertAll(s, 'Accounts', names);
    const commits = customerCommits(s);

    const detail = await s.sync({}, { waitMs: 60_000 });

    expect(detail.run).toMatchObject({ status: 'succeeded', error: null });
    expect(detail.run.counts.customer).toMatchObject({ added: 249, failed: 1 });
    expect(failed(detail)).toEqual([
      expect.objectContaining({ crmId: ids[130], errorCode: 'VALIDATION_FAILED' }),
    ]);
    expect(await count(s, 'customers')).toBe(249);
    expect(await count(s, "crm_links WHERE entity = 'customer'")).toBe(249);
    expect(await count(s, 'crm_inbound_failures')).toBe(1);
    // Three pages of at most 100 records: one commit each, not one a record.
    expect(commits.n).toBeLessThanOrEqual(3);
  });

  it('adds a page of contact persons in one transaction, and the one that cannot come in fails alone', async () => {
    const s = await context({ settings: (c) => (c.customers.module = 'accountsAndContacts') });
    const accounts = await insertAll(
      s,
      'Accounts',
      ['North', 'South', 'West'].map((name) => ({ Account_Name: `${name} Ltd` })),
    );
    const contacts = Array.from({ length: 120 }, (_, i) => ({
      First_Name: 'Person',
      // Kanjo's last names have at most 100 characters.
      Last_Name: i === 50 ? 'Long'.repeat(30) : `Number ${i + 1}`,
      Account_Name: { id: accounts[i % 3] },
    }));
    const ids = await insertAll(s, 'Contacts', contacts);
    const commits = customerCommits(s);

    const detail = await s.sync({}, { waitMs: 60_000 });

    expect(detail.run).toMatchObject({ status: 'succeeded', error: null });
    expect(detail.run.counts.contactPerson).toMatchObject({ added: 119, failed: 1 });
    expect(failed(detail)).toEqual([
      expect.objectContaining({ crmId: ids[50], errorCode: 'VALIDATION_FAILED' }),
    ]);
    const persons = (await s.customers()).map((c) => (c.contactPersons as unknown[]).length);
    expect(persons.sort()).toEqual([39, 40, 40]);
    expect(await count(s, "crm_links WHERE entity = 'contactPerson'")).toBe(119);
    // The Accounts page, then two pages of Contacts.
    expect(commits.n).toBeLessThanOrEqual(3);
  });

  it('counts every CRM call of a run of many pages in the day’s usage once the run ends', async () => {
    const s = await context();
    const names = Array.from({ length: 450 }, (_, i) => ({ Account_Name: `Counted ${i + 1}` }));
    await insertAll(s, 'Accounts', names);
    const usedToday = async () =>
      (await s.owner.get('/api/crm/settings')).json.budget.usedToday as number;
    const before = await usedToday();

    const detail = await s.sync({}, { waitMs: 60_000 });

    expect(detail.run).toMatchObject({ status: 'succeeded', error: null });
    expect(detail.run.counts.customer).toMatchObject({ added: 450 });
    // Three pages of Accounts read, with the run's other calls.
    expect(detail.run.apiCalls).toBeGreaterThan(3);
    expect(await usedToday()).toBe(before + detail.run.apiCalls);
  });

  it('writes a customer once for its Contacts read one after another, and one that cannot come in still fails alone', async () => {
    const s = await context({ settings: (c) => (c.customers.module = 'accountsAndContacts') });
    const [north, south, west] = await insertAll(
      s,
      'Accounts',
      ['North', 'South', 'West'].map((name) => ({ Account_Name: `${name} Ltd` })),
    );
    const contact = (account: string | undefined, n: number, lastName = `Number ${n}`) => ({
      First_Name: 'Person',
      Last_Name: lastName,
      Account_Name: { id: account },
    });
    // Read in this order: North's four (the third cannot come in), South's three, West's one.
    const ids = await insertAll(s, 'Contacts', [
      contact(north, 1),
      contact(north, 2),
      contact(north, 3, 'Long'.repeat(30)),
      contact(north, 4),
      contact(south, 5),
      contact(south, 6),
      contact(south, 7),
      contact(west, 8),
    ]);

    const detail = await s.sync({}, { waitMs: 60_000 });

    expect(detail.run).toMatchObject({ status: 'succeeded', error: null });
    expect(detail.run.counts.contactPerson).toMatchObject({ added: 7, failed: 1 });
    expect(failed(detail)).toEqual([
      expect.objectContaining({ crmId: ids[2], errorCode: 'VALIDATION_FAILED' }),
    ]);
    const added = detail.items.filter((i) => i.entity === 'contactPerson' && i.action === 'added');
    expect(added.map((i) => i.crmId)).toEqual([0, 1, 3, 4, 5, 6, 7].map((i) => ids[i]));
    const byName = new Map((await s.customers()).map((c) => [c.displayName, c]));
    const lastNames = (name: string) =>
      (byName.get(name)?.contactPersons as { lastName: string }[]).map((p) => p.lastName);
    expect(lastNames('North Ltd')).toEqual(['Number 1', 'Number 2', 'Number 4']);
    expect(lastNames('South Ltd')).toEqual(['Number 5', 'Number 6', 'Number 7']);
    expect(lastNames('West Ltd')).toEqual(['Number 8']);
    expect(await count(s, "crm_links WHERE entity = 'contactPerson'")).toBe(7);
    expect(await count(s, 'crm_inbound_failures')).toBe(1);
    // South's three persons came in with one write of South: its creation, then one patch.
    const southId = byName.get('South Ltd')?.id;
    const southWrites = `change_log WHERE entity = 'customer' AND entity_id = '${southId}'`;
    expect(await count(s, southWrites)).toBe(2);
  });
});
