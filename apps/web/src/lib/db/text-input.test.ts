import 'fake-indexeddb/auto';
import { DomainError } from '@kanjo/core';
import { describe, expect, it } from 'vitest';
import { coreReason } from '$lib/forms/core-reasons';
import { en } from '$lib/i18n/en';
import { ja } from '$lib/i18n/ja';
import { uuidv7 } from './ids';
import { mutateLocal } from './mutate';
import { openTestDb, ownerIdentity as identity, TEST_NOW as now } from '../../../test/test-db';

/**
 * The PWA runs core's schemas on the device before it queues a mutation, so a
 * value the server would refuse is stopped in the form, with its field named
 * and the reason in the UI language — never queued to be rejected later.
 */

/** What the form shows under each field (form-errors' `refusalFields`, in one language). */
function shown(error: DomainError, catalog: Record<string, string>): Record<string, string> {
  const { fields } = error.details as { fields: { path: string; message: string }[] };
  return Object.fromEntries(
    fields.map(({ path, message }) => {
      const reason = coreReason(message);
      const text = reason ? (catalog[reason.key] ?? '') : message;
      const params = reason?.params ?? {};
      return [path, text.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '')];
    }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the mutation was not refused');
}

describe('text and dates on the device', () => {
  it.each([
    ['a NUL byte', 'Acme\u0000', 'Remove the invisible control characters'],
    [
      'a right-to-left override',
      'Acme\u202eKK',
      'Remove the characters that change the text direction',
    ],
    ['CR LF', 'Acme\r\nKK', 'Use a single line'],
    ['a lone surrogate', 'Acme\udc00', 'This text holds a broken character'],
  ])(
    'a customer name with %s is refused at displayName and not queued',
    async (_label, name, text) => {
      const db = await openTestDb();
      const args = { kind: 'business', displayName: name };
      const error = await refusal(
        mutateLocal(db, identity, { name: 'customer.create', entityId: uuidv7(), args, now }),
      );
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(shown(error, en).displayName).toMatch(new RegExp(`^${text}`));
      expect(await db._outbox.count()).toBe(0);
      expect(await db.customers.count()).toBe(0);
    },
  );

  it('says why in Japanese too', async () => {
    const db = await openTestDb();
    const args = { kind: 'business', displayName: 'Acme\u202e' };
    const error = await refusal(
      mutateLocal(db, identity, { name: 'customer.create', entityId: uuidv7(), args, now }),
    );
    expect(shown(error, ja).displayName).toContain('文字の向きを変える制御文字');
  });

  it('refuses an issue date out of range, naming it', async () => {
    const db = await openTestDb();
    const customerId = uuidv7();
    const customer = { kind: 'business', displayName: 'Acme' };
    await mutateLocal(db, identity, {
      name: 'customer.create',
      entityId: customerId,
      args: customer,
      now,
    });
    const error = await refusal(
      mutateLocal(db, identity, {
        name: 'invoice.create',
        entityId: uuidv7(),
        args: { customerId, issueDate: '0000-01-01' },
        now,
      }),
    );
    expect(shown(error, en)).toEqual({
      issueDate: 'Use a date from 1900-01-01 to 2999-12-31.',
    });
    expect(await db._outbox.count()).toBe(1);
  });

  it.each([
    [
      [{ name: 'A', quantity: '2', rate: 600_000_000_000_000 }],
      'lines.0.rate',
      'This line’s amount',
    ],
    [
      [{ name: 'A', quantity: '1', rate: 1_000_000_000_000_001 }],
      'lines.0.rate',
      'This amount is too large',
    ],
    [
      [
        { name: 'A', quantity: '1', rate: 600_000_000_000_000 },
        { name: 'B', quantity: '1', rate: 600_000_000_000_000 },
      ],
      'lines',
      'The document’s total is too large',
    ],
  ])('refuses amounts past the money bound (%#), naming %s', async (lines, path, text) => {
    const db = await openTestDb();
    const customerId = uuidv7();
    const customer = { kind: 'business', displayName: 'Acme' };
    await mutateLocal(db, identity, {
      name: 'customer.create',
      entityId: customerId,
      args: customer,
      now,
    });
    const error = await refusal(
      mutateLocal(db, identity, {
        name: 'invoice.create',
        entityId: uuidv7(),
        args: { customerId, lines },
        now,
      }),
    );
    expect(shown(error, en)[path]).toMatch(new RegExp(`^${text}`));
    expect(await db._outbox.count()).toBe(1);
  });

  it('keeps a name typed in NFD as NFC on the device', async () => {
    const db = await openTestDb();
    const id = uuidv7();
    const args = { kind: 'business', displayName: 'Cafe\u0301' };
    await mutateLocal(db, identity, { name: 'customer.create', entityId: id, args, now });
    expect((await db.customers.get(id))?.displayName).toBe('Caf\u00e9');
  });
});
