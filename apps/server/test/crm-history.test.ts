import { describe, expect, it } from 'vitest';
import { Client, useSyncContexts, type SyncContext } from './crm-sync-setup';
import { signUp } from './helpers';

/** The sync audit trail's read side: filtered run items and one record's history. */

const context = useSyncContexts();

interface HistoryItem {
  runId: string;
  seq: number;
  action: string;
  direction: string;
  localId: string | null;
  dryRun?: boolean;
  changes: { field: string; before: unknown; after: unknown }[];
}

async function idOf(s: SyncContext, name: string): Promise<string> {
  const found = (await s.customers()).find((c) => c.displayName === name);
  if (!found) throw new Error(`no customer ${name}`);
  return found.id;
}

describe('GET /api/crm/runs/:id/items', () => {
  it('filters a run’s items by action, entity and text', async () => {
    const s = await context({ seed: 'demo' });
    await s.owner.post('/api/customers', { kind: 'business', displayName: 'Kanjo 50% Off KK' });
    const { run } = await s.sync();
    const base = `/api/crm/runs/${run.id}/items`;

    const added = await s.owner.get(`${base}?action=added&entity=customer`);
    expect(added.status).toBe(200);
    expect(added.json.items).toHaveLength(3);
    expect((added.json.items as HistoryItem[]).every((i) => i.action === 'added')).toBe(true);
    expect((await s.owner.get(`${base}?entity=item`)).json.items).toEqual([]);

    const pushed = await s.owner.get(`${base}?action=pushed`);
    expect(pushed.json.items).toMatchObject([{ action: 'pushed', direction: 'outbound' }]);

    const tokyo = (await s.owner.get(`${base}?q=tokyo`)).json.items as HistoryItem[];
    const acme = await idOf(s, 'Acme Trading');
    expect(tokyo.map((i) => i.localId)).toContain(acme);
    expect(tokyo.every((i) => JSON.stringify(i).toLowerCase().includes('tokyo'))).toBe(true);

    // `%` is the text, not a wildcard.
    const percent = (await s.owner.get(`${base}?q=${encodeURIComponent('50%')}`)).json
      .items as HistoryItem[];
    expect(percent.map((i) => i.action)).toEqual(['pushed']);

    const paged = await s.owner.get(`${base}?limit=2`);
    expect(paged.json.items).toHaveLength(2);
    const rest = await s.owner.get(`${base}?after=${String(paged.json.nextAfter)}`);
    expect(rest.json.items[0].seq).toBeGreaterThan(paged.json.items[1].seq);
  });

  it('refuses unknown filters and other organizations’ runs', async () => {
    const s = await context({ seed: 'demo' });
    const { run } = await s.sync();
    const bad = await s.owner.get(`/api/crm/runs/${run.id}/items?action=deleted`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    const { client: stranger } = await signUp(s.t.app);
    expect((await stranger.get(`/api/crm/runs/${run.id}/items`)).status).toBe(404);
  });
});

describe('GET /api/crm/links/:entity/:localId', () => {
  it('answers a linked customer’s link and its history, newest first, for any member', async () => {
    const s = await context({ seed: 'demo' });
    const first = await s.sync();
    const acme = await idOf(s, 'Acme Trading');
    const account = (await s.accounts()).find((a) => a.Account_Name === 'Acme Trading');
    await (await s.crm()).update('Accounts', [{ id: String(account?.id), Phone: '03-9999-0000' }]);
    const second = await s.sync();

    const invite = await s.owner.post('/api/users', { email: 'rep@example.com', role: 'sales' });
    const rep = new Client(s.t.app);
    const joined = await rep.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: 'a long enough password',
    });
    expect(joined.status).toBe(201);

    const res = await rep.get(`/api/crm/links/customer/${acme}`);
    expect(res.status).toBe(200);
    expect(res.json.link).toMatchObject({
      crmModule: 'Accounts',
      crmId: String(account?.id),
      status: 'linked',
    });
    expect(typeof res.json.link.lastSyncedAt).toBe('string');
    const items = res.json.items as HistoryItem[];
    expect(items.map((i) => [i.runId, i.action])).toEqual([
      [second.run.id, 'updated'],
      [first.run.id, 'added'],
    ]);
    expect(items[0]?.changes.find((c) => c.field === 'phone')?.after).toBe('03-9999-0000');

    const page = await rep.get(`/api/crm/links/customer/${acme}?limit=1`);
    expect(page.json.items).toHaveLength(1);
    const next = await rep.get(
      `/api/crm/links/customer/${acme}?limit=1&cursor=${String(page.json.nextCursor)}`,
    );
    expect((next.json.items as HistoryItem[]).map((i) => i.runId)).toEqual([first.run.id]);
    expect(next.json.nextCursor).toBeNull();
  });

  it('leaves dry runs out unless asked, and says when a record is not linked', async () => {
    const s = await context();
    const created = await s.owner.post('/api/customers', {
      kind: 'business',
      displayName: 'Kanjo Only KK',
    });
    const id = String(created.json.id);
    const preview = await s.sync({ dryRun: true });

    const before = await s.owner.get(`/api/crm/links/customer/${id}`);
    expect(before.json).toMatchObject({ link: null, items: [], nextCursor: null });
    const withPreview = await s.owner.get(`/api/crm/links/customer/${id}?dryRuns=include`);
    expect(withPreview.json.items).toMatchObject([
      { runId: preview.run.id, action: 'pushed', dryRun: true },
    ]);

    await s.sync();
    const after = await s.owner.get(`/api/crm/links/customer/${id}`);
    expect(after.json.link).toMatchObject({ crmModule: 'Accounts', status: 'linked' });
    expect(after.json.items).toMatchObject([{ action: 'pushed', dryRun: false }]);
  });

  it('is scoped to the organization and checks its input', async () => {
    const s = await context({ seed: 'demo' });
    await s.sync();
    const acme = await idOf(s, 'Acme Trading');
    const { client: stranger } = await signUp(s.t.app);
    // Another organization's id answers like every other route: not found, nothing said about it.
    const theirs = await stranger.get(`/api/crm/links/customer/${acme}`);
    expect(theirs.status).toBe(404);
    expect(theirs.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await s.owner.get(`/api/crm/links/item/${acme}`)).status).toBe(404);
    expect((await s.owner.get(`/api/crm/links/invoice/${acme}`)).status).toBe(400);
    expect((await s.owner.get(`/api/crm/links/customer/${acme}?cursor=nope`)).status).toBe(400);
    expect((await new Client(s.t.app).get(`/api/crm/links/customer/${acme}`)).status).toBe(401);
  });
});
