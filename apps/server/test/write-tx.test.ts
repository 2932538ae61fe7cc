import { DomainError } from '@kanjo/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { commitWrite, type WriteTx } from '../src/mutations/committed';
import { makeTestApp, signUp } from './helpers';

/**
 * A write transaction counts the organization's seq and collects its change
 * log in memory, storing both once just before the commit: what the database
 * holds afterwards must be exactly what one update per write would have left.
 */

async function organization() {
  const t = await makeTestApp();
  const { me } = await signUp(t.app);
  const organizationId = String(me.organization.id);
  const seq = async () =>
    (await t.sql.one<{ seq: number }>('SELECT seq FROM organizations WHERE id = ?', organizationId))
      ?.seq;
  const logged = async () =>
    (
      await t.sql.all<{ seq: number; entity_id: string }>(
        'SELECT seq, entity_id FROM change_log WHERE organization_id = ? ORDER BY seq',
        organizationId,
      )
    ).map((row) => [Number(row.seq), row.entity_id]);
  const write = <T>(fn: (tx: WriteTx) => Promise<T>) => commitWrite(t.deps, organizationId, fn);
  return { t, organizationId, seq, logged, write };
}

const entry = (organizationId: string, seq: number, entityId: string) => ({
  organizationId,
  seq,
  entity: 'customer' as const,
  entityId,
  op: 'put' as const,
  mutation: 'customer.patch',
  actorUserId: null,
  now: '2026-12-08T00:00:00.000Z',
});

const refused = () => new DomainError({ code: 'VALIDATION_FAILED', message: 'refused' });

describe('a write transaction stores its seq and change log at its end', () => {
  it('stores the counted seq and every logged change once, at commit', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = (await seq()) ?? 0;
    await write(async (tx) => {
      for (const id of ['a', 'b', 'c']) {
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), id));
      }
      // Not stored yet: the counting is the transaction's own until it ends.
      const stored = await tx.trx
        .selectFrom('organizations')
        .select('seq')
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      expect(stored.seq).toBe(start);
      expect(await tx.seqOf(organizationId)).toBe(start + 3);
    });
    expect(await seq()).toBe(start + 3);
    expect(await logged()).toEqual([
      [start + 1, 'a'],
      [start + 2, 'b'],
      [start + 3, 'c'],
    ]);
  });

  it('gives the seq a rolled-back attempt took to the next write: no gap, no log entry of it', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = (await seq()) ?? 0;
    await write(async (tx) => {
      tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'kept'));
      await expect(
        tx.attempt(async () => {
          tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'undone'));
          // A nested attempt that succeeded is undone with its parent.
          await tx.attempt(async () =>
            tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'inner')),
          );
          throw refused();
        }),
      ).rejects.toThrow('refused');
      tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'after'));
    });
    expect(await seq()).toBe(start + 2);
    expect(await logged()).toEqual([
      [start + 1, 'kept'],
      [start + 2, 'after'],
    ]);
  });

  it('undoes an attempt that read the seq first, and keeps one that succeeded', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = (await seq()) ?? 0;
    await write(async (tx) => {
      await expect(
        tx.attempt(async () => {
          tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'undone'));
          throw refused();
        }),
      ).rejects.toThrow('refused');
      await tx.attempt(async () =>
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'kept')),
      );
    });
    expect(await seq()).toBe(start + 1);
    expect(await logged()).toEqual([[start + 1, 'kept']]);
  });

  it('stores nothing when the transaction rolls back', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = await seq();
    await expect(
      write(async (tx) => {
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'gone'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await seq()).toBe(start);
    expect(await logged()).toEqual([]);
  });

  it('fails the whole write when the seq moved outside its count, rather than reuse a seq', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = (await seq()) ?? 0;
    await expect(
      write(async (tx) => {
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'counted'));
        // A write of the seq that skips the count, in the same transaction.
        await sql`update organizations set seq = seq + 1 where id = ${organizationId}`.execute(
          tx.trx,
        );
      }),
    ).rejects.toThrow(/seq of organization .* moved/);
    expect(await seq()).toBe(start);
    expect(await logged()).toEqual([]);
  });

  it('undoes a mutation refused after an early write (a number it allocated), keeping the others', async () => {
    const { t, organizationId, seq, logged, write } = await organization();
    const start = (await seq()) ?? 0;
    const numbers = () =>
      t.sql.all<{ kind: string }>(
        'SELECT kind FROM number_sequences WHERE organization_id = ?',
        organizationId,
      );
    await write(async (tx) => {
      await expect(
        tx.attemptMutation(async () => {
          await tx.beforeEarlyWrite();
          await tx.trx
            .insertInto('number_sequences')
            .values({ organization_id: organizationId, kind: 'invoice', last_value: 1 })
            .execute();
          throw refused();
        }),
      ).rejects.toThrow('refused');
      await tx.attemptMutation(async () => {
        tx.storing();
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'stored'));
      });
    });
    expect(await numbers()).toEqual([]);
    expect(await seq()).toBe(start + 1);
    expect(await logged()).toEqual([[start + 1, 'stored']]);
  });

  it('fails the whole write when a mutation is refused after it began storing, keeping nothing', async () => {
    const { organizationId, seq, logged, write } = await organization();
    const start = await seq();
    await expect(
      write(async (tx) => {
        tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'earlier'));
        await tx.attemptMutation(async () => {
          tx.storing();
          tx.appendChange(entry(organizationId, await tx.nextSeq(organizationId), 'half'));
          throw refused();
        });
      }),
    ).rejects.toThrow('refused after it began storing');
    expect(await seq()).toBe(start);
    expect(await logged()).toEqual([]);
  });
});
