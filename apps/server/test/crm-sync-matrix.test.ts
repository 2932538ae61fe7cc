import type { CrmSyncSettings, CustomerModule, DuplicateRule, SyncExtent } from '@kanjo/core';
import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type Customer, type RunDetail, type SyncContext } from './crm-sync-setup';
import { SyncClient } from './sync-client';

/**
 * Every customer-sync setting against the emulator over real HTTP: module
 * × extent × duplicates. Each combination starts from the same CRM and
 * Kanjo data and checks what the product rules say must come out of one sync, and
 * that a second sync writes nothing to the CRM.
 *
 * CRM: Account "Acme Trading Co., Ltd." (Kanjo has "ACME TRADING") with Contact
 * Hanako (Kanjo's ACME has her as a person, email in another case); Account
 * "Crm Only Corp" with Contact Olly; lone Contacts Mia (Kanjo has individual
 * "M. Wong", email in another case) and Lee (CRM only).
 * Kanjo: ACME TRADING, Kanjo Biz KK (person Ken) and the individuals M. Wong and
 * Kim Kanjo (Kanjo only).
 */

const context = useSyncContexts();

interface Case {
  module: CustomerModule;
  include: boolean;
  extent: SyncExtent;
  duplicates: DuplicateRule;
}

const CONTACT_FIELDS = ['First_Name', 'Last_Name', 'Email', 'Phone', 'Account_Name'];
const WRITE = /^(POST|PUT|PATCH|DELETE) \/crm\/v8\/(Accounts|Contacts)\b/;

async function world(c: Case) {
  const s = await context({
    settings: (settings: CrmSyncSettings) => {
      settings.customers.module = c.module;
      settings.customers.includeUnlinkedContacts = c.include;
      settings.customers.extent = c.extent;
      settings.customers.duplicates = c.duplicates;
    },
  });
  const crm = await s.crm();
  const idOf = (results: Awaited<ReturnType<typeof crm.insert>>, index: number) => {
    const result = results[index];
    if (!result?.ok) throw new Error(`CRM insert ${index} failed: ${JSON.stringify(result)}`);
    return result.id;
  };
  const accounts = await crm.insert('Accounts', [
    { Account_Name: 'Acme Trading Co., Ltd.', Billing_City: 'Tokyo' },
    { Account_Name: 'Crm Only Corp', Billing_City: 'Osaka' },
  ]);
  const crmIds = { acme: idOf(accounts, 0), crmOnly: idOf(accounts, 1) };
  const contacts = await crm.insert('Contacts', [
    {
      First_Name: 'Hanako',
      Last_Name: 'Sato',
      Email: 'hanako@acme.example',
      Account_Name: { id: crmIds.acme },
    },
    {
      First_Name: 'Olly',
      Last_Name: 'Owner',
      Email: 'olly@crm-only.example',
      Account_Name: { id: crmIds.crmOnly },
    },
    { First_Name: 'Mia', Last_Name: 'Wong', Email: 'mia@example.com', Phone: '020-0000' },
    { First_Name: 'Lee', Last_Name: 'Loner', Email: 'lee@example.com' },
  ]);
  const contactIds = {
    hanako: idOf(contacts, 0),
    olly: idOf(contacts, 1),
    mia: idOf(contacts, 2),
    lee: idOf(contacts, 3),
  };
  const create = async (body: Record<string, unknown>) => {
    const res = await s.owner.post('/api/customers', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return String(res.json.id);
  };
  const kanjo = {
    acme: await create({
      kind: 'business',
      displayName: 'ACME TRADING',
      phone: '03-1111-2222',
      contactPersons: [{ firstName: 'H.', lastName: 'Sato', email: 'HANAKO@Acme.Example' }],
    }),
    biz: await create({
      kind: 'business',
      displayName: 'Kanjo Biz KK',
      contactPersons: [{ firstName: 'Ken', lastName: 'Ito', email: 'ken@kanjo-biz.example' }],
    }),
    mia: await create({ kind: 'individual', displayName: 'M. Wong', email: 'MIA@Example.COM' }),
    kim: await create({ kind: 'individual', displayName: 'Kim Kanjo', email: 'kim@kanjo.example' }),
  };
  const writes = async () => {
    const calls = await s.calls();
    const count = (module: string) =>
      Object.entries(calls)
        .filter(([key]) => WRITE.test(key) && key.includes(`/${module}`))
        .reduce((sum, [, n]) => sum + n, 0);
    return { Accounts: count('Accounts'), Contacts: count('Contacts') };
  };
  const before = await writes();
  const run = await s.sync();
  const after = await writes();
  const written = {
    Accounts: after.Accounts - before.Accounts,
    Contacts: after.Contacts - before.Contacts,
  };
  return {
    s,
    c,
    run,
    written,
    crmIds,
    contactIds,
    kanjo,
    customers: await s.customers(),
    crmAccounts: await s.accounts(),
    crmContacts: await listContacts(s),
    links: await s.links(),
  };
}

type World = Awaited<ReturnType<typeof world>>;

async function listContacts(s: SyncContext): Promise<ZohoRecord[]> {
  const out: ZohoRecord[] = [];
  for await (const record of (await s.crm()).listAll('Contacts', { fields: CONTACT_FIELDS })) {
    out.push(record);
  }
  return out;
}

const customer = (w: World, id: string): Customer => {
  const found = w.customers.find((c) => c.id === id);
  if (!found) throw new Error(`no customer ${id}`);
  return found;
};
const named = (w: World, name: string) => w.customers.filter((c) => c.displayName === name);
const linkOf = (w: World, localId: string) =>
  w.links.find((l) => l.local_id === localId && l.status === 'linked');
const linkTo = (w: World, crmId: string) =>
  w.links.find((l) => l.crm_id === crmId && l.status === 'linked');
const item = (w: World, match: Partial<RunDetail['items'][number]>) =>
  w.run.items.find((i) => Object.entries(match).every(([k, v]) => i[k as keyof typeof i] === v));
const accountNamed = (w: World, name: string) => w.crmAccounts.find((a) => a.Account_Name === name);
const contactWith = (w: World, email: string) => w.crmContacts.find((c) => c.Email === email);
const personsOf = (c: Customer | undefined) =>
  (c?.contactPersons ?? []) as {
    id: string;
    firstName?: string;
    lastName: string;
    email?: string;
  }[];

/** Duplicate detection on Accounts: "Acme Trading Co., Ltd." and "ACME TRADING" share a normalised name. */
function expectAccountDuplicate(w: World) {
  const { crmIds, kanjo } = w;
  const acme = customer(w, kanjo.acme);
  if (w.c.duplicates === 'overwrite') {
    expect(item(w, { crmId: crmIds.acme, action: 'linked' })).toMatchObject({ localId: acme.id });
    expect(linkTo(w, crmIds.acme)).toMatchObject({
      entity: 'customer',
      local_id: acme.id,
      linked_reason: expect.stringMatching(/name/),
    });
    // One record: the CRM's values come in, nothing is added beside it.
    expect(acme).toMatchObject({
      displayName: 'Acme Trading Co., Ltd.',
      billingAddress: { city: 'Tokyo' },
    });
    expect(named(w, 'Acme Trading Co., Ltd.')).toHaveLength(1);
    if (w.c.extent === 'both')
      expect(accountNamed(w, 'Acme Trading Co., Ltd.')?.Phone).toBe('03-1111-2222');
  } else if (w.c.duplicates === 'skip') {
    expect(item(w, { crmId: crmIds.acme, action: 'skipped' })).toMatchObject({
      localId: acme.id,
      reason: expect.stringContaining('skip'),
    });
    expect(acme.displayName).toBe('ACME TRADING');
    expect(named(w, 'Acme Trading Co., Ltd.')).toEqual([]);
    expect(linkOf(w, acme.id)).toBeUndefined();
    expect(linkTo(w, crmIds.acme)).toBeUndefined();
    // Kept apart both ways: the Kanjo one is not sent to the CRM either.
    expect(accountNamed(w, 'ACME TRADING')).toBeUndefined();
  } else {
    const [clone] = named(w, 'Acme Trading Co., Ltd.');
    expect(clone).toMatchObject({ kind: 'business', billingAddress: { city: 'Tokyo' } });
    expect(clone?.id).not.toBe(acme.id);
    expect(acme.displayName).toBe('ACME TRADING');
    expect(item(w, { crmId: crmIds.acme, action: 'added' })).toMatchObject({
      localId: clone?.id,
      reason: expect.stringContaining('clone'),
    });
    expect(linkTo(w, crmIds.acme)).toMatchObject({
      local_id: clone?.id,
      linked_reason: expect.stringContaining('clone'),
    });
    if (w.c.extent === 'both') {
      // Both ways, the Kanjo one goes out too: the CRM now has the clone as well.
      const pushed = accountNamed(w, 'ACME TRADING');
      expect(pushed?.id).not.toBe(crmIds.acme);
      expect(linkOf(w, acme.id)).toMatchObject({ crm_id: pushed?.id });
    } else {
      expect(linkOf(w, acme.id)).toBeUndefined();
    }
  }
}

/** The CRM-only Account comes in; the Kanjo-only business goes out only both ways. */
function expectAccountsBothSides(w: World) {
  const [crmOnly] = named(w, 'Crm Only Corp');
  expect(crmOnly).toMatchObject({ kind: 'business', billingAddress: { city: 'Osaka' } });
  expect(linkTo(w, w.crmIds.crmOnly)).toMatchObject({ entity: 'customer', local_id: crmOnly?.id });
  const biz = accountNamed(w, 'Kanjo Biz KK');
  if (w.c.extent === 'both') {
    expect(biz).toBeDefined();
    expect(linkOf(w, w.kanjo.biz)).toMatchObject({ crm_id: biz?.id });
  } else {
    expect(biz).toBeUndefined();
    expect(linkOf(w, w.kanjo.biz)).toBeUndefined();
  }
}

/** Contacts of linked Accounts ↔ contact persons (accountsAndContacts). */
function expectContactPersons(w: World) {
  const { contactIds } = w;
  const [crmOnly] = named(w, 'Crm Only Corp');
  const olly = personsOf(crmOnly).find((p) => p.email === 'olly@crm-only.example');
  expect(olly).toMatchObject({ firstName: 'Olly', lastName: 'Owner' });
  expect(linkTo(w, contactIds.olly)).toMatchObject({ entity: 'contactPerson', local_id: olly?.id });

  const acme = customer(w, w.kanjo.acme);
  const kanjoHanako = personsOf(acme)[0];
  if (w.c.duplicates === 'overwrite') {
    expect(linkTo(w, contactIds.hanako)).toMatchObject({
      entity: 'contactPerson',
      local_id: kanjoHanako?.id,
      linked_reason: expect.stringContaining('email'),
    });
    expect(personsOf(acme)).toHaveLength(1);
    expect(kanjoHanako).toMatchObject({ firstName: 'Hanako', lastName: 'Sato' });
  } else if (w.c.duplicates === 'skip') {
    // Her Account was not imported, so she is not either.
    expect(item(w, { crmId: contactIds.hanako, action: 'skipped' })?.reason).toMatch(/account/);
    expect(linkTo(w, contactIds.hanako)).toBeUndefined();
  } else {
    const clone = named(w, 'Acme Trading Co., Ltd.')[0];
    const hanako = personsOf(clone).find((p) => p.email === 'hanako@acme.example');
    expect(hanako).toMatchObject({ firstName: 'Hanako', lastName: 'Sato' });
    expect(linkTo(w, contactIds.hanako)).toMatchObject({ local_id: hanako?.id });
    expect(kanjoHanako).toMatchObject({ firstName: 'H.' });
  }

  const ken = contactWith(w, 'ken@kanjo-biz.example');
  if (w.c.extent === 'both') {
    const bizAccount = accountNamed(w, 'Kanjo Biz KK');
    expect(ken).toMatchObject({ First_Name: 'Ken', Last_Name: 'Ito' });
    expect((ken?.Account_Name as { id?: string } | null)?.id).toBe(bizAccount?.id);
    const kenId = personsOf(customer(w, w.kanjo.biz))[0]?.id;
    expect(linkOf(w, kenId ?? '')).toMatchObject({ entity: 'contactPerson', crm_id: ken?.id });
  } else {
    expect(ken).toBeUndefined();
  }
}

/** Lone Contacts ↔ individual customers (contacts, or accountsAndContacts with unlinked). */
function expectIndividuals(w: World) {
  const { contactIds, kanjo } = w;
  const [lee] = named(w, 'Lee Loner');
  expect(lee).toMatchObject({ kind: 'individual', email: 'lee@example.com' });
  expect(linkTo(w, contactIds.lee)).toMatchObject({ entity: 'customer', local_id: lee?.id });

  const wong = customer(w, kanjo.mia);
  if (w.c.duplicates === 'overwrite') {
    expect(item(w, { crmId: contactIds.mia, action: 'linked' })).toMatchObject({
      localId: wong.id,
    });
    expect(linkTo(w, contactIds.mia)).toMatchObject({
      local_id: wong.id,
      linked_reason: expect.stringContaining('email'),
    });
    expect(wong).toMatchObject({ kind: 'individual', displayName: 'Mia Wong', phone: '020-0000' });
  } else if (w.c.duplicates === 'skip') {
    expect(item(w, { crmId: contactIds.mia, action: 'skipped' })).toMatchObject({
      localId: wong.id,
      reason: expect.stringContaining('skip'),
    });
    expect(wong.displayName).toBe('M. Wong');
    expect(named(w, 'Mia Wong')).toEqual([]);
    expect(linkOf(w, wong.id)).toBeUndefined();
  } else {
    const [clone] = named(w, 'Mia Wong');
    expect(clone).toMatchObject({ kind: 'individual', email: 'mia@example.com' });
    expect(clone?.id).not.toBe(wong.id);
    expect(linkTo(w, contactIds.mia)).toMatchObject({
      local_id: clone?.id,
      linked_reason: expect.stringContaining('clone'),
    });
    expect(wong.displayName).toBe('M. Wong');
    // Both ways, M. Wong cannot become a second Contact with the same Email (Zoho's
    // duplicate check); she must not be silently merged onto Mia's Contact either.
    if (w.c.extent === 'both') {
      expect(linkOf(w, wong.id)?.crm_id ?? null).not.toBe(contactIds.mia);
      expect(w.run.items.some((i) => i.localId === wong.id)).toBe(true);
    }
  }

  const kim = contactWith(w, 'kim@kanjo.example');
  if (w.c.extent === 'both') {
    expect(kim).toMatchObject({ First_Name: 'Kim', Last_Name: 'Kanjo' });
    expect(kim?.Account_Name ?? null).toBeNull();
    expect(linkOf(w, kanjo.kim)).toMatchObject({ crm_id: kim?.id });
  } else {
    expect(kim).toBeUndefined();
  }
}

/** The run's counts are the tally of its per-record items. */
function expectCountsOfItems(detail: RunDetail) {
  const tally = new Map<string, number>();
  for (const i of detail.items) {
    const key = `${i.entity} ${i.action === 'conflict' ? 'conflicts' : i.action}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  for (const [entity, counts] of Object.entries(detail.run.counts)) {
    for (const [action, n] of Object.entries(counts)) {
      expect(n, `${entity} ${action}`).toBe(tally.get(`${entity} ${action}`) ?? 0);
    }
  }
}

/** Right after a sync, another one has nothing to write. */
async function expectQuietSecondSync(w: World) {
  const writes = await w.s.writeCalls();
  const second = await w.s.sync();
  expect(second.run.status).toBe('succeeded');
  expect(await w.s.writeCalls()).toBe(writes);
  expect(second.items.filter((i) => i.action !== 'skipped')).toEqual([]);
}

const EXTENTS: SyncExtent[] = ['fetch', 'both'];
const RULES: DuplicateRule[] = ['overwrite', 'skip', 'clone'];
const COMBINATIONS = EXTENTS.flatMap((extent) =>
  RULES.map((duplicates) => ({ extent, duplicates })),
);

describe.each([
  { label: 'accounts', module: 'accounts' as const, include: false },
  { label: 'contacts', module: 'contacts' as const, include: false },
  {
    label: 'accountsAndContacts, no unlinked',
    module: 'accountsAndContacts' as const,
    include: false,
  },
  {
    label: 'accountsAndContacts, unlinked',
    module: 'accountsAndContacts' as const,
    include: true,
  },
])('module $label', ({ module, include }) => {
  it.each(COMBINATIONS)(
    'extent $extent, duplicates $duplicates',
    async ({ extent, duplicates }) => {
      const w = await world({ module, include, extent, duplicates });
      expect(w.run.run, JSON.stringify(w.run.run)).toMatchObject({
        status: 'succeeded',
        error: null,
      });
      expect(w.run.items.filter((i) => i.action === 'failed')).toEqual([]);
      expectCountsOfItems(w.run);
      if (extent === 'fetch') expect(w.written).toEqual({ Accounts: 0, Contacts: 0 });

      if (module === 'accounts') {
        expectAccountDuplicate(w);
        expectAccountsBothSides(w);
        // Only Accounts are synced: no Contact comes in, none goes out.
        expect(w.written.Contacts).toBe(0);
        for (const name of ['Hanako Sato', 'Olly Owner', 'Mia Wong', 'Lee Loner']) {
          expect(named(w, name)).toEqual([]);
        }
        expect(w.links.filter((l) => l.entity === 'contactPerson')).toEqual([]);
      }
      if (module === 'contacts') {
        expectIndividuals(w);
        // Every Contact is an individual here, with or without an Account.
        for (const name of ['Hanako Sato', 'Olly Owner']) {
          expect(named(w, name)).toMatchObject([{ kind: 'individual' }]);
        }
        // Only Contacts are synced: no Account comes in, no business goes out.
        expect(w.written.Accounts).toBe(0);
        expect(named(w, 'Crm Only Corp')).toEqual([]);
        expect(named(w, 'Acme Trading Co., Ltd.')).toEqual([]);
        expect(linkOf(w, w.kanjo.acme)).toBeUndefined();
        expect(linkOf(w, w.kanjo.biz)).toBeUndefined();
      }
      if (module === 'accountsAndContacts') {
        expectAccountDuplicate(w);
        expectAccountsBothSides(w);
        expectContactPersons(w);
        // Individuals never go to Accounts.
        expect(accountNamed(w, 'Kim Kanjo')).toBeUndefined();
        expect(accountNamed(w, 'M. Wong')).toBeUndefined();
        expect(accountNamed(w, 'Mia Wong')).toBeUndefined();
        if (include) {
          expectIndividuals(w);
        } else {
          // Recorded as the individual customers they would have become, not as persons.
          for (const crmId of [w.contactIds.lee, w.contactIds.mia]) {
            const skipped = item(w, { crmId, action: 'skipped' });
            expect(skipped?.reason).toMatch(/account/);
            expect(skipped?.entity).toBe('customer');
          }
          expect(named(w, 'Lee Loner')).toEqual([]);
          expect(named(w, 'Mia Wong')).toEqual([]);
          expect(customer(w, w.kanjo.mia).displayName).toBe('M. Wong');
          expect(linkOf(w, w.kanjo.mia)).toBeUndefined();
          expect(linkOf(w, w.kanjo.kim)).toBeUndefined();
          expect(contactWith(w, 'kim@kanjo.example')).toBeUndefined();
        }
      }
      await expectQuietSecondSync(w);
    },
  );
});

describe('a CRM change reaches a PWA client through the normal pull', () => {
  it('shows the CRM edit, after a sync, in the pull of a client that pulled before', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const client = new SyncClient(s.owner);
    await client.pullAll();
    const acme = (await s.customers()).find((c) => c.displayName === 'Acme Trading');
    if (!acme) throw new Error('no Acme Trading');
    expect(client.row('customer', acme.id)).toMatchObject({ billingAddress: { city: 'Tokyo' } });
    const versionBefore = client.version('customer', acme.id);
    const cursorBefore = client.cursor;

    const account = (await s.accounts()).find((a) => a.Account_Name === 'Acme Trading');
    await (
      await s.crm()
    ).update('Accounts', [{ id: String(account?.id), Billing_City: 'Sapporo' }]);
    await s.sync();

    const [page] = await client.pullAll();
    expect(page?.status).toBe(200);
    expect(page?.json.changes).toContainEqual(
      expect.objectContaining({ entity: 'customer', id: acme.id, op: 'put' }),
    );
    expect(client.cursor).toBeGreaterThan(cursorBefore);
    expect(client.version('customer', acme.id)).toBeGreaterThan(versionBefore);
    expect(client.row('customer', acme.id)).toMatchObject({ billingAddress: { city: 'Sapporo' } });
  });
});
