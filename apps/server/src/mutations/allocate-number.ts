import {
  NUMBERED_KINDS,
  counterOf,
  formatDocumentNumber,
  seriesFormat,
  type NumberedKind,
  type NumberingInput,
  type NumberingSettings,
  type NumberingState,
  type SeriesState,
} from '@kanjo/core';
import type { Db } from '../db/database';
import { entityTable } from '../db/entities';
import { ServiceError } from '../errors';

/**
 * The document number series of an organization: each kind's counter lives
 * in `number_sequences` (the last value given out), its prefix and digits in
 * the organization's settings. This module is the one reader and writer of
 * `number_sequences`.
 */

/**
 * The next document number for the organization, e.g. INV-000042. Allocated
 * inside the mutation's transaction, so a rolled-back issue leaves no gap.
 */
export async function allocateNumber(
  trx: Db,
  organizationId: string,
  kind: NumberedKind,
  numbering: NumberingSettings,
): Promise<string> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ organization_id: organizationId, kind, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'kind'])
        .doUpdateSet((eb) => ({ last_value: eb('number_sequences.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return formatDocumentNumber(seriesFormat(numbering, kind), Number(row.last_value));
}

/** Each kind's series: prefix, digits, next counter, and its preview. */
export async function readNumbering(
  db: Db,
  organizationId: string,
  numbering: NumberingSettings,
): Promise<NumberingState> {
  const counters = await nextCounters(db, organizationId);
  const entries = await Promise.all(
    NUMBERED_KINDS.map(async (kind) => {
      const format = seriesFormat(numbering, kind);
      const next = counters[kind];
      const used = await highestUsed(db, organizationId, kind, format.prefix);
      const state: SeriesState = {
        ...format,
        next,
        preview: formatDocumentNumber(format, next),
        lastUsed: used?.number ?? null,
      };
      return [kind, state] as const;
    }),
  );
  return Object.fromEntries(entries) as NumberingState;
}

/**
 * Sets every series at once, inside the caller's write transaction (which
 * serializes it with the issuing of documents). A series whose next number
 * is not above every number of its prefix already on a document of its kind
 * is refused, deleted documents included, so no two documents of a kind
 * ever share a number: 409 NUMBER_USED, with each refused series named.
 * Returns the numbering settings to store in the organization.
 */
export async function setNumbering(
  trx: Db,
  organizationId: string,
  input: NumberingInput,
  current: NumberingSettings,
): Promise<NumberingSettings> {
  const refused: { path: string; message: string; lastUsed: string }[] = [];
  for (const kind of NUMBERED_KINDS) {
    const { prefix, next } = input[kind];
    const used = await highestUsed(trx, organizationId, kind, prefix);
    if (used && next <= used.counter) {
      refused.push({
        path: `${kind}.next`,
        message: `${used.number} is already used: the next number must be at least ${used.counter + 1}.`,
        lastUsed: used.number,
      });
    }
  }
  if (refused.length > 0) {
    throw new ServiceError(
      'conflict',
      'NUMBER_USED',
      'A number of this series is already on a document.',
      {
        fields: refused,
      },
    );
  }
  for (const kind of NUMBERED_KINDS) {
    const last_value = input[kind].next - 1;
    await trx
      .insertInto('number_sequences')
      .values({ organization_id: organizationId, kind, last_value })
      .onConflict((oc) => oc.columns(['organization_id', 'kind']).doUpdateSet({ last_value }))
      .execute();
  }
  return {
    ...current,
    quotePrefix: input.quote.prefix,
    salesOrderPrefix: input.salesOrder.prefix,
    invoicePrefix: input.invoice.prefix,
    quoteDigits: input.quote.digits,
    salesOrderDigits: input.salesOrder.digits,
    invoiceDigits: input.invoice.digits,
  };
}

/** The next counter of each kind, as `setNumbering` takes it, from the stored counters. */
export async function nextCounters(
  db: Db,
  organizationId: string,
): Promise<Record<NumberedKind, number>> {
  const rows = await db
    .selectFrom('number_sequences')
    .select(['kind', 'last_value'])
    .where('organization_id', '=', organizationId)
    .execute();
  const next = (kind: NumberedKind) =>
    Number(rows.find((row) => row.kind === kind)?.last_value ?? 0) + 1;
  return { quote: next('quote'), salesOrder: next('salesOrder'), invoice: next('invoice') };
}

/**
 * The highest number with `prefix` on any document of the kind (deleted ones
 * too: their numbers were given out), read by its counter whatever its padding.
 */
async function highestUsed(
  db: Db,
  organizationId: string,
  kind: NumberedKind,
  prefix: string,
): Promise<{ number: string; counter: number } | undefined> {
  const rows = await db
    .selectFrom(entityTable[kind])
    .select('number')
    .where('organization_id', '=', organizationId)
    .where('number', 'is not', null)
    .execute();
  let highest: { number: string; counter: number } | undefined;
  for (const { number } of rows) {
    const counter = number === null ? undefined : counterOf(prefix, number);
    if (number !== null && counter !== undefined && counter > (highest?.counter ?? 0)) {
      highest = { number, counter };
    }
  }
  return highest;
}
