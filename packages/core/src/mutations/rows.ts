import * as v from 'valibot';
import { customerSchema } from '../schemas/customer';
import { invoiceSchema, quoteSchema, salesOrderSchema } from '../schemas/documents';
import { itemSchema } from '../schemas/item';
import { paymentSchema } from '../schemas/payment';
import { DomainError, issuesToFields, validationError } from './errors';
import type { EntityName, EntityRowMap, MutationContext, Write } from './types';

/** The full (stored) schema of each entity. */
export const rowSchemas: { [E in EntityName]: v.GenericSchema<unknown, EntityRowMap[E]> } = {
  customer: customerSchema,
  item: itemSchema,
  quote: quoteSchema,
  salesOrder: salesOrderSchema,
  invoice: invoiceSchema,
  payment: paymentSchema,
};

/**
 * Every row a mutation writes goes through its full schema, so a mutation
 * can never store a shape outside clients would reject (and the result is
 * typed without casts). A failure here is a rule the args schema cannot see,
 * such as a patch that leaves the row inconsistent.
 */
export function toRow<E extends EntityName>(entity: E, candidate: object): EntityRowMap[E] {
  const schema: v.GenericSchema<unknown, EntityRowMap[E]> = rowSchemas[entity];
  const result = v.safeParse(schema, compact(candidate));
  if (!result.success) throw validationError(issuesToFields(result.issues).fields);
  return result.output;
}

/** Drops keys whose value is undefined, so optional fields are absent rather than undefined. */
export function compact(candidate: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
}

/**
 * Applies a patch body: absent/undefined = unchanged, `null` = clear the field,
 * anything else replaces the value (arrays and maps are replaced whole).
 */
export function applyPatch(row: object, patch: object): Record<string, unknown> {
  const next: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

export async function mustRead<E extends EntityName>(
  ctx: MutationContext,
  entity: E,
  id: string,
): Promise<EntityRowMap[E]> {
  const row = await ctx.read(entity, id);
  if (row === undefined) {
    throw new DomainError({ code: 'NOT_FOUND', message: `${entity} ${id} not found` });
  }
  return row;
}

/** A create must not overwrite a live row with the same id. */
export async function assertAbsent(
  ctx: MutationContext,
  entity: EntityName,
  id: string,
): Promise<void> {
  if ((await ctx.read(entity, id)) !== undefined) {
    throw new DomainError({ code: 'CONFLICT', message: `${entity} ${id} already exists` });
  }
}

/** The id of a new row: `entityId`, which a body `id` (if sent) must repeat. */
export function newRowId(entityId: string, bodyId: string | undefined): string {
  if (bodyId !== undefined && bodyId !== entityId) {
    throw validationError([{ path: 'id', message: 'Must equal the mutation entityId' }]);
  }
  return entityId;
}

/** Stamps of a new row; version 0 until persistence stamps the real one. */
export function newRowStamps(ctx: MutationContext): {
  version: number;
  createdAt: string;
  updatedAt: string;
} {
  return { version: 0, createdAt: ctx.now, updatedAt: ctx.now };
}

export function put<E extends EntityName>(entity: E, row: EntityRowMap[E]): Write {
  return { entity, id: row.id, op: 'put', row };
}

/** Soft delete: the row's last state, with updatedAt bumped. */
export function softDelete<E extends EntityName>(
  entity: E,
  row: EntityRowMap[E],
  ctx: MutationContext,
): Write {
  return { entity, id: row.id, op: 'delete', row: { ...row, updatedAt: ctx.now } };
}
