import { isDateInRange } from '../dates';
import type { CustomFieldValue } from '../schemas/customer';
import type { CustomerFieldDefinition, Organization } from '../schemas/organization';
import type { MutationArgs } from './args';
import type { FieldError } from './errors';
import { validationError } from './errors';
import {
  applyPatch,
  assertAbsent,
  mustRead,
  newRowId,
  newRowStamps,
  put,
  softDelete,
  toRow,
} from './rows';
import type { MutationContext, MutationInput, Write } from './types';

type ContactPersonInput = NonNullable<MutationArgs<'customer.create'>['contactPersons']>[number];

function withContactIds(persons: ContactPersonInput[] | undefined, ctx: MutationContext) {
  return persons?.map((person) => ({ ...person, id: person.id ?? ctx.newId() }));
}

function valueMatches(field: CustomerFieldDefinition, value: CustomFieldValue): boolean {
  switch (field.type) {
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isDateInRange(value);
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
  }
}

/**
 * Custom field keys and types are organization settings, so they are checked
 * here rather than in the schema.
 */
export function checkCustomFields(
  values: Record<string, CustomFieldValue> | undefined,
  organization: Organization,
): void {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values ?? {})) {
    const field = organization.customerFields.find((definition) => definition.key === key);
    if (field === undefined) {
      errors.push({ path: `customFields.${key}`, message: 'Unknown custom field' });
    } else if (!valueMatches(field, value)) {
      const expected = field.type === 'select' ? 'one of its options' : `a ${field.type}`;
      errors.push({ path: `customFields.${key}`, message: `Must be ${expected}` });
    }
  }
  if (errors.length > 0) throw validationError(errors);
}

export async function createCustomer({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'customer.create'>>): Promise<Write[]> {
  const id = newRowId(entityId, args.id);
  await assertAbsent(ctx, 'customer', id);
  checkCustomFields(args.customFields, ctx.organization);
  const row = toRow('customer', {
    ...args,
    id,
    contactPersons: withContactIds(args.contactPersons, ctx) ?? [],
    customFields: args.customFields ?? {},
    ...newRowStamps(ctx),
  });
  return [put('customer', row)];
}

export async function patchCustomer({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'customer.patch'>>): Promise<Write[]> {
  const existing = await mustRead(ctx, 'customer', entityId);
  checkCustomFields(args.customFields, ctx.organization);
  const patch = { ...args, contactPersons: withContactIds(args.contactPersons, ctx) };
  const row = toRow('customer', { ...applyPatch(existing, patch), updatedAt: ctx.now });
  return [put('customer', row)];
}

export async function deleteCustomer({ entityId, ctx }: MutationInput<unknown>): Promise<Write[]> {
  const existing = await mustRead(ctx, 'customer', entityId);
  return [softDelete('customer', existing, ctx)];
}
