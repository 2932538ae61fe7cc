import { describe, expect, it } from 'vitest';
import { customerArgs, invoiceArgs } from '@kanjo/core/testing';
import { uuidv7 } from '../src/ids';
import { signUp, makeTestApp } from './helpers';
import { SyncClient, makeSyncOrg } from './sync-client';

const HOUR = 3_600_000;

/**
 * Two people of one organization, each on their own device, both holding the
 * same draft invoice (version 2) after a pull.
 */
async function twoDevices() {
  const t = await makeTestApp();
  const org = await makeSyncOrg(t);
  const alice = new SyncClient(org.owner);
  const bob = new SyncClient(org.member);
  const customerId = uuidv7();
  const invoiceId = uuidv7();
  alice.enqueue('customer.create', customerId, customerArgs());
  alice.enqueue('invoice.create', invoiceId, invoiceArgs(customerId));
  await alice.push();
  await alice.pullAll();
  await bob.pullAll();
  expect(bob.version('invoice', invoiceId)).toBe(2);
  return { ...t, ...org, alice, bob, invoiceId };
}

describe('conflicts', () => {
  it('lets the later push win, and records one conflict with both values that both users see', async () => {
    const { alice, bob, invoiceId, owner, member, ownerId, memberId } = await twoDevices();
    alice.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-24' });
    bob.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-31' });
    expect((await alice.push()).json.results[0].status).toBe('applied');
    expect((await bob.push()).json.results[0].status).toBe('applied');

    const expected = {
      entity: 'invoice',
      entityId: invoiceId,
      field: 'dueDate',
      winningValue: '2026-12-31',
      losingValue: '2026-12-24',
      winner: { userId: memberId, clientId: bob.clientId },
      loser: { userId: ownerId, clientId: alice.clientId },
      version: 4,
    };
    for (const http of [owner, member]) {
      const list = await http.get('/api/conflicts');
      expect(list.json.items).toEqual([expect.objectContaining(expected)]);
      expect(list.json.items[0]).not.toHaveProperty('resolvedAt');
      expect((await http.get(`/api/invoices/${invoiceId}`)).json.dueDate).toBe('2026-12-31');
    }
    for (const device of [alice, bob]) {
      await device.pullAll();
      expect(device.row('invoice', invoiceId).dueDate).toBe('2026-12-31');
      const conflicts = [...device.rows.values()].filter((r) => r.entity === 'conflict');
      expect(conflicts.map((c) => c.row)).toEqual([expect.objectContaining(expected)]);
    }
  });

  it('orders by the server, never by clocks: the later push wins even when the server clock steps back', async () => {
    const { alice, bob, invoiceId, owner, clock } = await twoDevices();
    bob.edit('invoice', 'invoice.patch', invoiceId, { notes: 'Bob, edited first on his device' });
    alice.edit('invoice', 'invoice.patch', invoiceId, { notes: 'Alice, edited later' });
    await bob.push();
    clock.advance(-3 * HOUR);
    await alice.push();
    const invoice = await owner.get(`/api/invoices/${invoiceId}`);
    expect(invoice.json.notes).toBe('Alice, edited later');
    const [conflict] = (await owner.get('/api/conflicts')).json.items;
    expect(conflict).toMatchObject({
      field: 'notes',
      winningValue: 'Alice, edited later',
      losingValue: 'Bob, edited first on his device',
      winner: { clientId: alice.clientId },
      loser: { clientId: bob.clientId },
    });
  });

  it('records no conflict for the same value, for one writer’s own edits, or for other fields', async () => {
    const { alice, bob, invoiceId, owner } = await twoDevices();
    alice.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-24', notes: 'A' });
    alice.edit('invoice', 'invoice.patch', invoiceId, { notes: 'A again' });
    bob.edit('invoice', 'invoice.patch', invoiceId, {
      dueDate: '2026-12-24',
      referenceNumber: 'PO-1',
    });
    await alice.push();
    await bob.push();
    // REST bases its edit on the current version: never a conflict.
    await owner.patch(`/api/invoices/${invoiceId}`, { referenceNumber: 'PO-2' });
    expect((await owner.get('/api/conflicts')).json.items).toEqual([]);
    const invoice = (await owner.get(`/api/invoices/${invoiceId}`)).json;
    expect(invoice).toMatchObject({
      dueDate: '2026-12-24',
      notes: 'A again',
      referenceNumber: 'PO-2',
    });
  });

  it('resolves by keeping the losing value (an ordinary patch) or the winning one', async () => {
    const { alice, bob, invoiceId, owner, member } = await twoDevices();
    alice.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-24', notes: 'Alice' });
    bob.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-31', notes: 'Bob' });
    await alice.push();
    await bob.push();
    const items: any[] = (await owner.get('/api/conflicts')).json.items;
    const byField = Object.fromEntries(items.map((c) => [c.field, c]));

    const keptLosing = await member.post(`/api/conflicts/${byField.dueDate.id}/resolve`, {
      keep: 'losing',
    });
    expect(keptLosing.status).toBe(200);
    expect(keptLosing.json).toMatchObject({
      resolution: 'losing',
      resolvedAt: expect.any(String),
      version: 5,
    });
    const invoice = (await owner.get(`/api/invoices/${invoiceId}`)).json;
    expect(invoice).toMatchObject({ dueDate: '2026-12-24', notes: 'Bob', version: 5 });

    const keptWinning = await owner.post(`/api/conflicts/${byField.notes.id}/resolve`, {
      keep: 'winning',
    });
    expect(keptWinning.json).toMatchObject({ resolution: 'winning', version: 6 });
    expect((await owner.get(`/api/invoices/${invoiceId}`)).json).toMatchObject({
      notes: 'Bob',
      version: 5,
    });

    // Idempotent the same way; refused the other way.
    expect(
      (await owner.post(`/api/conflicts/${byField.notes.id}/resolve`, { keep: 'winning' })).status,
    ).toBe(200);
    const flip = await owner.post(`/api/conflicts/${byField.notes.id}/resolve`, { keep: 'losing' });
    expect(flip.status).toBe(409);
    expect(flip.json.error.code).toBe('ALREADY_RESOLVED');

    expect((await owner.get('/api/conflicts')).json.items).toEqual([]);
    expect((await owner.get('/api/conflicts?status=resolved')).json.items).toHaveLength(2);
    await alice.pullAll();
    expect(alice.row('invoice', invoiceId).dueDate).toBe('2026-12-24');
    const pulled = [...alice.rows.values()]
      .filter((r) => r.entity === 'conflict')
      .map((r) => r.row.resolution);
    expect(pulled.sort()).toEqual(['losing', 'winning']);
  });

  it('lets delete beat edit: the edit is rejected as DELETED and shown with its args', async () => {
    const { alice, bob, invoiceId } = await twoDevices();
    alice.edit('invoice', 'invoice.delete', invoiceId, {});
    const edit = bob.edit('invoice', 'invoice.patch', invoiceId, { notes: 'too late' });
    await alice.push();
    const res = await bob.push();
    expect(res.json.results).toEqual([
      { seq: edit.seq, status: 'rejected', code: 'DELETED', message: expect.any(String) },
    ]);
    const pulled = await bob.pull();
    expect(pulled.json.rejections).toEqual([
      expect.objectContaining({
        seq: edit.seq,
        name: 'invoice.patch',
        entityId: invoiceId,
        code: 'DELETED',
        args: { notes: 'too late' },
      }),
    ]);
    expect(pulled.json.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'invoice', id: invoiceId, op: 'delete' }),
      ]),
    );
    expect(bob.row('invoice', invoiceId)).toBeUndefined();
  });

  it('rejects edits of an issued invoice as INVOICE_LOCKED', async () => {
    const { alice, bob, invoiceId } = await twoDevices();
    alice.edit('invoice', 'invoice.issue', invoiceId, {});
    bob.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2027-01-31' });
    await alice.push();
    const res = await bob.push();
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'INVOICE_LOCKED' });
  });

  it('keeps conflicts inside their organization', async () => {
    const { alice, bob, invoiceId, app, owner } = await twoDevices();
    alice.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-24' });
    bob.edit('invoice', 'invoice.patch', invoiceId, { dueDate: '2026-12-31' });
    await alice.push();
    await bob.push();
    const [conflict] = (await owner.get('/api/conflicts')).json.items;

    const stranger = await signUp(app);
    expect((await stranger.client.get('/api/conflicts')).json.items).toEqual([]);
    const resolve = await stranger.client.post(`/api/conflicts/${conflict.id}/resolve`, {
      keep: 'losing',
    });
    expect(resolve.status).toBe(404);
    const pulled = await new SyncClient(stranger.client).pull();
    expect(pulled.json.changes).toEqual([]);
    expect((await owner.get('/api/conflicts')).json.items[0]).not.toHaveProperty('resolvedAt');
  });
});
