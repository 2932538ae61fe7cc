import type { CrmSyncSettings } from '@kanjo/core';
import type { ZohoRecord } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { runCrmSync } from '../src/crm/sync/run';
import { useSyncContexts, type Customer, type SyncContext } from './crm-sync-setup';

/** Contacts ↔ individual customers and contact persons, against the emulator over real HTTP. */

const context = useSyncContexts();

const CONTACT_FIELDS = ['First_Name', 'Last_Name', 'Email', 'Phone', 'Account_Name'];

async function contacts(s: SyncContext): Promise<ZohoRecord[]> {
  const out: ZohoRecord[] = [];
  for await (const record of (await s.crm()).listAll('Contacts', { fields: CONTACT_FIELDS })) {
    out.push(record);
  }
  return out;
}

const byName = (list: Customer[], name: string) => {
  const found = list.find((c) => c.displayName === name);
  if (!found) throw new Error(`no customer ${name}`);
  return found;
};

interface Person {
  id: string;
  firstName?: string;
  lastName: string;
  email?: string;
  phone?: string;
  primary: boolean;
}
const personsOf = (customer: Customer) => customer.contactPersons as Person[];

describe('module contacts', () => {
  it('imports every Contact as an individual and pushes Kanjo individuals, with or without email', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.module = 'contacts') });
    await s.owner.post('/api/customers', {
      kind: 'individual',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '020-1234',
    });
    await s.owner.post('/api/customers', { kind: 'individual', displayName: 'Solo' });

    const { run } = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.counts.customer).toMatchObject({ added: 2, pushed: 2, failed: 0 });
    const customers = await s.customers();
    expect(customers.map((c) => c.displayName).sort()).toEqual([
      'Ada Lovelace',
      'Hanako Sato',
      'Jonas Weber',
      'Solo',
    ]);
    expect(byName(customers, 'Hanako Sato')).toMatchObject({
      kind: 'individual',
      email: 'hanako@acme.example',
    });
    const crm = await contacts(s);
    expect(crm.find((c) => c.Email === 'ada@example.com')).toMatchObject({
      First_Name: 'Ada',
      Last_Name: 'Lovelace',
      Phone: '020-1234',
    });
    expect(crm.find((c) => c.Last_Name === 'Solo')).toMatchObject({ First_Name: null });
    const links = await s.links();
    expect(links).toHaveLength(4);
    expect(links.every((l) => l.entity === 'customer' && l.status === 'linked')).toBe(true);
    // Accounts are not synced with module contacts.
    expect(customers.some((c) => c.displayName === 'Acme Trading')).toBe(false);

    const writes = await s.writeCalls();
    const second = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(second.run.counts.customer).toMatchObject({ added: 0, updated: 0, pushed: 0 });
  });
});

describe('module contacts: duplicates and edits', () => {
  it('links a Kanjo individual with the CRM Contact of the same email, then sends its edits', async () => {
    const s = await context({ seed: 'demo', settings: (c) => (c.customers.module = 'contacts') });
    const local = await s.owner.post('/api/customers', {
      kind: 'individual',
      displayName: 'H. Sato',
      email: 'Hanako@Acme.example',
    });
    const { items } = await s.sync();
    const id = String(local.json.id);
    expect(items.find((i) => i.localId === id)).toMatchObject({
      action: 'linked',
      reason: expect.stringContaining('email'),
    });
    // overwrite: the CRM's name wins.
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'Hanako Sato',
      'Jonas Weber',
    ]);
    expect(await contacts(s)).toHaveLength(2);

    await s.owner.patch(`/api/customers/${id}`, { phone: '03-1111-0000' });
    const { run } = await s.sync();
    expect(run.counts.customer).toMatchObject({ pushed: 1, failed: 0 });
    const hanako = (await contacts(s)).find((c) => c.Email === 'hanako@acme.example');
    expect(hanako).toMatchObject({ Phone: '03-1111-0000', First_Name: 'Hanako' });
  });
});

describe('module accountsAndContacts', () => {
  const accountsAndContacts = (include = false) => ({
    seed: 'demo' as const,
    settings: (c: CrmSyncSettings) => {
      c.customers.module = 'accountsAndContacts';
      c.customers.includeUnlinkedContacts = include;
    },
  });
  const acmeOf = async (s: SyncContext) => byName(await s.customers(), 'Acme Trading');
  const hanakoId = async (s: SyncContext) =>
    String((await contacts(s)).find((c) => c.Email === 'hanako@acme.example')?.id);

  it('makes Hanako Sato a contact person of Acme, and a second sync writes nothing', async () => {
    const s = await context(accountsAndContacts());
    const { run } = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.counts.customer).toMatchObject({ added: 3, failed: 0 });
    expect(run.counts.contactPerson).toMatchObject({ added: 2, failed: 0 });
    const customers = await s.customers();
    expect(customers).toHaveLength(3);
    expect(personsOf(byName(customers, 'Acme Trading'))).toEqual([
      expect.objectContaining({
        firstName: 'Hanako',
        lastName: 'Sato',
        email: 'hanako@acme.example',
      }),
    ]);
    const hanako = personsOf(byName(customers, 'Acme Trading'))[0];
    const link = (await s.links()).find((l) => l.local_id === hanako?.id);
    expect(link).toMatchObject({ entity: 'contactPerson', crm_id: await hanakoId(s) });
    expect((link as unknown as { parent_id: string }).parent_id).toBe(
      byName(customers, 'Acme Trading').id,
    );

    const writes = await s.writeCalls();
    const second = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(second.run.counts.contactPerson).toMatchObject({ added: 0, updated: 0, pushed: 0 });
  });

  it('updates the contact person when her phone is edited in the CRM', async () => {
    const s = await context(accountsAndContacts());
    await s.sync();
    await (await s.crm()).update('Contacts', [{ id: await hanakoId(s), Phone: '03-9999-0000' }]);

    const { run } = await s.sync();
    expect(run.counts.contactPerson).toMatchObject({ updated: 1, pushed: 0 });
    expect(personsOf(await acmeOf(s))[0]).toMatchObject({
      firstName: 'Hanako',
      phone: '03-9999-0000',
    });
  });

  it('sends a contact person added in Kanjo as a Contact of the Account', async () => {
    const s = await context(accountsAndContacts());
    await s.sync();
    const acme = await acmeOf(s);
    const patched = await s.owner.patch(`/api/customers/${acme.id}`, {
      contactPersons: [
        ...personsOf(acme),
        { firstName: 'Ken', lastName: 'Ito', email: 'ken@acme.example' },
      ],
    });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);

    const { run } = await s.sync();
    expect(run.counts.contactPerson).toMatchObject({ pushed: 1, failed: 0 });
    const accounts = await s.accounts();
    const acmeAccount = accounts.find((a) => a.Account_Name === 'Acme Trading');
    const ken = (await contacts(s)).find((c) => c.Email === 'ken@acme.example');
    expect(ken).toMatchObject({ First_Name: 'Ken', Last_Name: 'Ito' });
    expect((ken?.Account_Name as { id: string }).id).toBe(acmeAccount?.id);
    const kenId = personsOf(await acmeOf(s)).find((p) => p.lastName === 'Ito')?.id;
    expect((await s.links()).find((l) => l.local_id === kenId)).toMatchObject({
      entity: 'contactPerson',
      crm_id: ken?.id,
      status: 'linked',
    });

    const writes = await s.writeCalls();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
  });

  it('imports a Contact without an account only with includeUnlinkedContacts', async () => {
    for (const include of [false, true]) {
      const s = await context(accountsAndContacts(include));
      await (
        await s.crm()
      ).insert('Contacts', [{ First_Name: 'Lee', Last_Name: 'Loner', Email: 'lee@example.com' }]);
      const { run, items } = await s.sync();
      expect(run.status).toBe('succeeded');
      const names = (await s.customers()).map((c) => c.displayName);
      if (include) {
        expect(names).toContain('Lee Loner');
        expect(byName(await s.customers(), 'Lee Loner').kind).toBe('individual');
      } else {
        expect(names).not.toContain('Lee Loner');
        expect(run.counts.contactPerson?.failed).toBe(0);
        expect(items).toContainEqual(
          expect.objectContaining({
            action: 'skipped',
            reason: expect.stringContaining('account'),
          }),
        );
      }
      const writes = await s.writeCalls();
      await s.sync();
      expect(await s.writeCalls()).toBe(writes);
      await s.close();
    }
  });

  it('sends Kanjo individuals to Contacts only with includeUnlinkedContacts, never to Accounts', async () => {
    for (const include of [false, true]) {
      const s = await context(accountsAndContacts(include));
      await s.owner.post('/api/customers', {
        kind: 'individual',
        displayName: 'Mia Wong',
        email: 'mia@example.com',
      });
      await s.owner.post('/api/customers', { kind: 'business', displayName: 'Kanjo Biz' });
      const { run } = await s.sync();
      expect(run.status).toBe('succeeded');
      const accountNames = (await s.accounts()).map((a) => a.Account_Name);
      expect(accountNames).toContain('Kanjo Biz');
      expect(accountNames).not.toContain('Mia Wong');
      const mia = (await contacts(s)).find((c) => c.Email === 'mia@example.com');
      if (include) expect(mia).toMatchObject({ First_Name: 'Mia', Last_Name: 'Wong' });
      else expect(mia).toBeUndefined();
      await s.close();
    }
  });

  it('unlinks a contact person whose Contact was deleted in the CRM, keeping the person', async () => {
    const s = await context(accountsAndContacts());
    await s.sync();
    const crmId = await hanakoId(s);
    await (await s.crm()).deleteRecords('Contacts', [crmId]);

    const { items } = await s.sync();
    expect(items).toContainEqual(
      expect.objectContaining({ entity: 'contactPerson', action: 'unlinked', crmId }),
    );
    expect((await s.links()).find((l) => l.crm_id === crmId)?.status).toBe('crm_deleted');
    expect(personsOf(await acmeOf(s))).toHaveLength(1);
  });

  it('keeps a refused contact person queued with the reason, waits out its backoff, and sends it once fixed', async () => {
    const s = await context({
      seed: 'demo',
      settings: (c: CrmSyncSettings) => {
        c.customers.module = 'accountsAndContacts';
        const mobile = c.customers.mapping.linkedContacts.find((m) => m.kanjo === 'contact.mobile');
        if (mobile) mobile.crm = 'Short_Mobile';
      },
    });
    await s.call('POST', '/__emulator/fields', {
      module: 'Contacts',
      api_name: 'Short_Mobile',
      data_type: 'text',
      length: 5,
    });
    await s.sync();
    const setMobile = async (mobile: string) => {
      const acme = await acmeOf(s);
      const persons = personsOf(acme).map((p) => ({ ...p, mobile }));
      const patched = await s.owner.patch(`/api/customers/${acme.id}`, { contactPersons: persons });
      expect(patched.status, JSON.stringify(patched.json)).toBe(200);
      return acme.id;
    };
    const queue = () =>
      s.t.sql.all<{ entity: string; local_id: string; attempts: number }>(
        'SELECT entity, local_id, attempts, last_error_code FROM crm_outbox',
      );

    const acmeId = await setMobile('090-1234-5678');
    const refused = await s.sync();
    expect(refused.run.counts.contactPerson).toMatchObject({ failed: 1, pushed: 0 });
    expect(refused.items).toContainEqual(
      expect.objectContaining({
        entity: 'contactPerson',
        action: 'failed',
        errorCode: 'INVALID_DATA',
      }),
    );
    expect(await queue()).toEqual([
      { entity: 'contactPerson', local_id: acmeId, attempts: 1, last_error_code: 'INVALID_DATA' },
    ]);

    // An automatic run leaves it alone while it waits out its backoff.
    const writes = await s.writeCalls();
    await runCrmSync({ deps: s.t.deps, organizationId: s.organizationId, trigger: 'interval' });
    expect(await s.writeCalls()).toBe(writes);

    // Fixed in Kanjo: the edit makes it due again, and the next automatic run sends it.
    await setMobile('12345');
    await runCrmSync({ deps: s.t.deps, organizationId: s.organizationId, trigger: 'interval' });
    expect(await s.writeCalls()).toBe(writes + 1);
    expect(await queue()).toEqual([]);
    const hanako = await (await s.crm()).getRecord('Contacts', await hanakoId(s), ['Short_Mobile']);
    expect(hanako?.Short_Mobile).toBe('12345');
  });

  it('never overwrites a Contact the CRM changed between the read and the write: it merges next run', async () => {
    const s = await context(accountsAndContacts());
    await s.sync();
    const acme = await acmeOf(s);
    const persons = personsOf(acme).map((p) => ({ ...p, phone: '111' }));
    await s.owner.patch(`/api/customers/${acme.id}`, { contactPersons: persons });
    const hanako = await hanakoId(s);
    const { items } = await s.syncWithEditBeforeWrites('Contacts', async () => {
      await (await s.crm()).update('Contacts', [{ id: hanako, Phone: '222' }]);
    });

    expect(items).toContainEqual(
      expect.objectContaining({ entity: 'contactPerson', errorCode: 'ALREADY_MODIFIED' }),
    );
    const phone = async () =>
      (await (await s.crm()).getRecord('Contacts', hanako, ['Phone']))?.Phone;
    expect(await phone()).toBe('222');

    // The next run reads the CRM's edit; both sides changed the phone: crmWins (the default).
    const next = await s.sync();
    expect(next.items).toContainEqual(
      expect.objectContaining({ entity: 'contactPerson', action: 'conflict' }),
    );
    expect(await phone()).toBe('222');
    expect(personsOf(await acmeOf(s))[0]?.phone).toBe('222');
    expect(await s.t.sql.one('SELECT cast(count(*) AS integer) AS n FROM crm_outbox')).toEqual({
      n: 0,
    });
  }, 15_000);
});
