import type { CrmLinkCandidatesAnswer, CrmLinkRepairView } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { useSyncContexts, type SyncContext } from './crm-sync-setup';
import { signUp } from './helpers';

/**
 * Link repair without disconnecting, through the API against the emulator:
 * see the linked CRM record, choose among the candidates of an ambiguous
 * match, unlink, link elsewhere, release; every change in the history.
 */

const context = useSyncContexts();

async function newCustomer(s: SyncContext, displayName: string, extra: object = {}) {
  const res = await s.owner.post('/api/customers', { kind: 'business', displayName, ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return String(res.json.id);
}

async function newAccount(s: SyncContext, name: string, extra: object = {}) {
  const [result] = await (await s.crm()).insert('Accounts', [{ Account_Name: name, ...extra }]);
  if (!result?.ok) throw new Error(`account ${name} not made`);
  return result.id;
}

const base = (localId: string, entity = 'customer') => `/api/crm/links/${entity}/${localId}`;

async function view(s: SyncContext, localId: string): Promise<CrmLinkRepairView> {
  const res = await s.owner.get(`${base(localId)}/repair`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as CrmLinkRepairView;
}

async function linkTo(s: SyncContext, localId: string, crmId: string) {
  const res = await s.owner.post(`${base(localId)}/link`, { crmId });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as CrmLinkRepairView;
}

async function ownerEmail(s: SyncContext): Promise<string> {
  return String(((await s.owner.get('/api/me')).json as { user: { email: string } }).user.email);
}

/** The last run of trigger `link`, with its items. */
async function lastLinkRun(s: SyncContext) {
  const { runs } = (await s.owner.get('/api/crm/runs')).json as {
    runs: { id: string; trigger: string }[];
  };
  const run = runs.find((r) => r.trigger === 'link');
  if (!run) throw new Error('no link run');
  return s.finished(run.id);
}

describe('an ambiguous match, settled on the record’s page', () => {
  it('lists both candidates; choosing one links it, the other stays unlinked and is never sent', async () => {
    const s = await context();
    const first = await newCustomer(s, 'サクラ商事');
    const second = await newCustomer(s, 'サクラ商事 株式会社');
    const crmId = await newAccount(s, '株式会社サクラ商事');
    await s.sync();

    const page = await view(s, first);
    expect(page).toMatchObject({
      entity: 'customer',
      localId: first,
      crmModule: 'Accounts',
      link: null,
    });
    expect(page.holds).toHaveLength(1);
    expect(page.holds[0]).toMatchObject({
      kind: 'ambiguous',
      entity: 'customer',
      crm: {
        crmModule: 'Accounts',
        crmId,
        name: '株式会社サクラ商事',
        url: `${s.emulator.url}/ui/accounts/${crmId}`,
      },
      reason: 'same normalised name サクラ商事',
      by: null,
    });
    expect(page.holds[0]?.candidates).toEqual([
      { localId: first, name: 'サクラ商事', linked: false },
      { localId: second, name: 'サクラ商事 株式会社', linked: false },
    ]);
    expect((await view(s, second)).holds[0]?.candidates).toHaveLength(2);

    // The held CRM record comes first among the ranked candidates, with why.
    const ranked = (await s.owner.get(`${base(first)}/candidates`)).json as CrmLinkCandidatesAnswer;
    expect(ranked.crmModule).toBe('Accounts');
    expect(ranked.candidates[0]).toMatchObject({
      crmId,
      name: '株式会社サクラ商事',
      linkedTo: null,
    });
    expect(ranked.candidates[0]?.reasons.map((r) => r.reason)).toEqual(['held', 'name']);

    const writes = await s.writeCalls();
    const chosen = await linkTo(s, first, crmId);
    expect(chosen.link).toMatchObject({ crmModule: 'Accounts', crmId, status: 'linked' });
    expect(chosen.holds).toEqual([]);
    const other = await view(s, second);
    expect(other.link).toBeNull();
    expect(other.holds).toMatchObject([
      { kind: 'kept_apart', crm: { crmId }, by: await ownerEmail(s) },
    ]);

    // The choice is in the history: who, what, when.
    const history = await lastLinkRun(s);
    expect(history.run).toMatchObject({ status: 'succeeded' });
    expect(history.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ localId: first, crmId, action: 'linked' }),
        expect.objectContaining({ localId: second, crmId, action: 'skipped' }),
      ]),
    );
    expect(history.items.find((i) => i.localId === first)?.reason).toContain(await ownerEmail(s));

    // Syncs after it: the chosen one stays linked, the other is not sent as a near-duplicate.
    await s.sync();
    await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect((await s.accounts()).map((a) => a.Account_Name)).toEqual(['株式会社サクラ商事']);
    const links = await s.links();
    expect(links).toMatchObject([{ local_id: first, crm_id: crmId, status: 'linked' }]);
  });
});

describe('unlink, relink and release', () => {
  it('unlinked: neither side syncs, is matched or sent as new; release lets the sync link it again', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'Acme');
    const crmId = await newAccount(s, 'Acme');
    await s.sync();
    expect((await view(s, customer)).link).toMatchObject({ crmId, name: 'Acme' });

    const unlinked = await s.owner.post(`${base(customer)}/unlink`, {});
    expect(unlinked.status, JSON.stringify(unlinked.json)).toBe(200);
    expect(unlinked.json).toMatchObject({
      link: null,
      holds: [{ kind: 'kept_apart', crm: { crmId, name: 'Acme' }, by: await ownerEmail(s) }],
    });
    const history = await lastLinkRun(s);
    expect(history.items).toMatchObject([{ localId: customer, crmId, action: 'unlinked' }]);

    // Edits on both sides: nothing moves, nothing is imported or sent as new.
    await s.owner.patch(`/api/customers/${customer}`, { phone: '03-1111-2222' });
    await (await s.crm()).update('Accounts', [{ id: crmId, Billing_City: '大阪' }]);
    const writes = await s.writeCalls();
    const { items } = await s.sync();
    expect(await s.writeCalls()).toBe(writes);
    expect(await s.links()).toEqual([]);
    expect(await s.customers()).toHaveLength(1);
    expect(
      items
        .filter((i) => i.action === 'skipped')
        .map((i) => i.direction)
        .sort(),
    ).toEqual(['inbound', 'outbound']);

    const released = await s.owner.post(`${base(customer)}/release`, {});
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    expect(released.json).toMatchObject({ link: null, holds: [] });
    expect((await lastLinkRun(s)).items).toMatchObject([{ localId: customer, action: 'released' }]);
    await s.sync();
    // Sent as if never linked: the CRM's duplicate check lands it on its account again.
    expect(await s.links()).toMatchObject([
      { local_id: customer, crm_id: crmId, status: 'linked' },
    ]);
    expect(await s.accounts()).toHaveLength(1);
  });

  it('links to another CRM record found by name or phone; the old one is kept apart, not imported', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'Acme', { phone: '03-1234-5678' });
    const old = await newAccount(s, 'Acme');
    await s.sync();
    const other = await newAccount(s, 'Acme Japan');
    const byPhone = await newAccount(s, 'Zenith Trading', { Phone: '+81 3 1234 5678' });
    await newAccount(s, 'Unrelated');

    const res = await s.owner.get(`${base(customer)}/candidates`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const { candidates } = res.json as CrmLinkCandidatesAnswer;
    const reasons = Object.fromEntries(
      candidates.map((c) => [c.name, c.reasons.map((r) => r.reason)]),
    );
    expect(reasons).toEqual({
      // The first link sent Kanjo's phone to the account.
      Acme: ['name', 'phone'],
      'Zenith Trading': ['phone'],
      'Acme Japan': ['similarName'],
    });
    expect(candidates.find((c) => c.crmId === old)?.linkedTo).toEqual({
      entity: 'customer',
      localId: customer,
      name: 'Acme',
    });
    expect(candidates.find((c) => c.crmId === byPhone)?.reasons[0]?.detail).toBe(
      'same phone 0312345678',
    );
    // What the person types searches instead.
    const typed = (await s.owner.get(`${base(customer)}/candidates?q=Zenith`))
      .json as CrmLinkCandidatesAnswer;
    expect(typed.candidates.map((c) => c.name)).toEqual(['Zenith Trading']);

    const moved = await linkTo(s, customer, other);
    expect(moved.link).toMatchObject({ crmId: other });
    expect(moved.holds).toMatchObject([{ kind: 'kept_apart', crm: { crmId: old } }]);
    await (await s.crm()).update('Accounts', [{ id: old, Billing_City: '札幌' }]);
    await s.sync();
    // The other new accounts come in as usual; the one kept apart does not.
    expect((await s.customers()).map((c) => c.displayName).sort()).toEqual([
      'Acme Japan',
      'Unrelated',
      'Zenith Trading',
    ]);
    expect((await s.links()).find((l) => l.local_id === customer)).toMatchObject({
      crm_id: other,
    });
    expect((await s.links()).some((l) => l.crm_id === old)).toBe(false);
  });

  it('refuses a CRM record another Kanjo record is linked to (409), and says which', async () => {
    const s = await context();
    const acme = await newCustomer(s, 'Acme');
    const beta = await newCustomer(s, 'Beta');
    await s.sync();
    const acmeLink = (await view(s, acme)).link;
    if (!acmeLink) throw new Error('Acme was not linked');

    const res = await s.owner.post(`${base(beta)}/link`, { crmId: acmeLink.crmId });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: 'CRM_RECORD_ALREADY_LINKED',
      details: { crmId: acmeLink.crmId, linkedTo: { entity: 'customer', localId: acme } },
    });
    expect((await view(s, beta)).link?.crmId).not.toBe(acmeLink.crmId);
  });

  it('links an item to a product its SKU names', async () => {
    const s = await context({ settings: (c) => (c.items.mode = 'fetch') });
    const item = await s.owner.post('/api/items', { name: 'Pen', sku: 'PEN-1', rate: 100 });
    expect(item.status).toBe(201);
    const itemId = String(item.json.id);
    const [made] = await (
      await s.crm()
    ).insert('Products', [{ Product_Name: 'Ballpoint', Product_Code: 'pen-1', Unit_Price: 120 }]);
    if (!made?.ok) throw new Error('no product');

    const res = await s.owner.get(`${base(itemId, 'item')}/candidates`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const { candidates } = res.json as CrmLinkCandidatesAnswer;
    expect(candidates[0]).toMatchObject({ crmId: made.id, sku: 'pen-1' });
    expect(candidates[0]?.reasons[0]).toEqual({ reason: 'sku', detail: 'same sku pen-1' });

    const linked = await s.owner.post(`${base(itemId, 'item')}/link`, { crmId: made.id });
    expect(linked.status, JSON.stringify(linked.json)).toBe(200);
    expect(linked.json.link).toMatchObject({ crmModule: 'Products', crmId: made.id });
  });
});

describe('who may, and bad input', () => {
  it('members read; only owners and admins change; another organization gets 404', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'Acme');
    const crmId = await newAccount(s, 'Acme');
    await s.sync();

    const { client: sales } = await s.member('sales');
    expect((await sales.get(`${base(customer)}/repair`)).status).toBe(200);
    for (const [path, body] of [
      ['unlink', {}],
      ['release', {}],
      ['link', { crmId }],
    ] as const) {
      const res = await sales.post(`${base(customer)}/${path}`, body);
      expect(res.status, path).toBe(403);
    }
    expect((await sales.get(`${base(customer)}/candidates`)).status).toBe(403);
    const { client: admin } = await s.member('admin');
    expect((await admin.post(`${base(customer)}/unlink`, {})).status).toBe(200);

    const { client: stranger } = await signUp(s.t.app);
    expect((await stranger.get(`${base(customer)}/repair`)).status).toBe(404);
    expect((await stranger.get(`${base(customer)}/candidates`)).status).toBe(404);
    for (const [path, body] of [
      ['unlink', {}],
      ['release', {}],
      ['link', { crmId }],
    ] as const) {
      const res = await stranger.post(`${base(customer)}/${path}`, body);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).not.toBe('CRM_RECORD_ALREADY_LINKED');
    }
    // Nothing the stranger did reached this organization.
    expect((await view(s, customer)).holds).toMatchObject([{ kind: 'kept_apart', crm: { crmId } }]);
  });

  it('answers bad input with a clear error', async () => {
    const s = await context();
    const customer = await newCustomer(s, 'Acme');
    await newAccount(s, 'Acme');
    await s.sync();
    const bad = async (method: 'get' | 'post', path: string, body?: unknown) => {
      const res = method === 'get' ? await s.owner.get(path) : await s.owner.post(path, body);
      return { status: res.status, code: res.json.error?.code as string | undefined };
    };
    expect(await bad('post', `${base(customer)}/link`, { crmId: 'abc' })).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await bad('post', `${base(customer)}/link`, {})).toMatchObject({ status: 400 });
    expect(await bad('post', `${base(customer)}/link`, { crmId: '1', extra: 1 })).toMatchObject({
      status: 400,
    });
    expect(await bad('get', `${base(customer, 'deal')}/repair`)).toMatchObject({ status: 400 });
    expect(await bad('get', `${base(customer)}/candidates?q=a`)).toMatchObject({ status: 400 });
    expect(await bad('post', `${base(customer)}/link`, { crmId: '999999' })).toEqual({
      status: 404,
      code: 'CRM_RECORD_NOT_FOUND',
    });
    expect(await bad('post', `${base(customer)}/release`, {})).toEqual({
      status: 409,
      code: 'CRM_NOT_KEPT_APART',
    });
    expect((await s.owner.post(`${base(customer)}/unlink`, {})).status).toBe(200);
    expect(await bad('post', `${base(customer)}/unlink`, {})).toEqual({
      status: 404,
      code: 'CRM_NOT_LINKED',
    });
  });
});
