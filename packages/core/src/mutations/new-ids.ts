import * as v from 'valibot';
import { uuidSchema } from '../schemas/common';
import type { FieldError } from './errors';

/** The mutations that make a row whose id the caller chose (the entity id); every other one needs a live target. */
export const CREATING_MUTATIONS: ReadonlySet<string> = new Set<string>([
  'customer.create',
  'item.create',
  'quote.create',
  'salesOrder.create',
  'invoice.create',
  'payment.record',
]);

const CONVERTING = new Set<string>(['quote.convert', 'salesOrder.convert']);

const UUID_MESSAGE = 'Must be a UUID (the id of a new row is made by the client as a UUIDv7)';

/**
 * Ids a client makes for new rows must be UUIDs. The domain's `idSchema` only
 * keeps every id to URL-safe ASCII (CRM record ids are digit strings, tests
 * use short names); a server takes new ids from clients only in this form, so
 * two devices cannot pick the same short name for different rows.
 * `entityPath` names the field the entity id came from ('entityId' in a sync
 * push, 'id' in a REST body).
 *
 * @example newIdIssues('customer.create', 'x', {}, 'entityId') // [{ path: 'entityId', … }]
 */
export function newIdIssues(
  name: string,
  entityId: string,
  args: unknown,
  entityPath: string,
): FieldError[] {
  const issues: FieldError[] = [];
  if (CREATING_MUTATIONS.has(name) && !v.is(uuidSchema, entityId)) {
    issues.push({ path: entityPath, code: 'INVALID', message: UUID_MESSAGE });
  }
  if (CONVERTING.has(name) && typeof args === 'object' && args !== null && 'targetId' in args) {
    const { targetId } = args;
    if (targetId !== undefined && !v.is(uuidSchema, targetId)) {
      issues.push({ path: 'targetId', code: 'INVALID', message: UUID_MESSAGE });
    }
  }
  return issues;
}
