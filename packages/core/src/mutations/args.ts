import * as v from 'valibot';
import { idSchema } from '../schemas/common';
import { customerCreateSchema, customerPatchSchema } from '../schemas/customer';
import {
  invoiceCreateSchema,
  invoicePatchSchema,
  quoteCreateSchema,
  quotePatchSchema,
  salesOrderCreateSchema,
  salesOrderPatchSchema,
} from '../schemas/documents';
import { itemCreateSchema, itemPatchSchema } from '../schemas/item';
import { paymentCreateSchema } from '../schemas/payment';

/** Actions without a body accept `{}` (or nothing). */
export const emptyArgsSchema = v.optional(v.strictObject({}), {});

export const quoteConvertArgsSchema = v.strictObject({
  to: v.picklist(['invoice', 'salesOrder']),
  /** Id of the new document (client-made, so client and server agree); default ctx.newId(). */
  targetId: v.optional(idSchema),
});

export const salesOrderConvertArgsSchema = v.optional(
  v.strictObject({ targetId: v.optional(idSchema) }),
  {},
);

/**
 * The args schema of every named mutation. The keys are the mutation names;
 * the server builds its OpenAPI documentation from these.
 */
export const mutationArgs = {
  'customer.create': customerCreateSchema,
  'customer.patch': customerPatchSchema,
  'customer.delete': emptyArgsSchema,
  'item.create': itemCreateSchema,
  'item.patch': itemPatchSchema,
  'item.delete': emptyArgsSchema,
  'quote.create': quoteCreateSchema,
  'quote.patch': quotePatchSchema,
  'quote.delete': emptyArgsSchema,
  'quote.send': emptyArgsSchema,
  'quote.accept': emptyArgsSchema,
  'quote.decline': emptyArgsSchema,
  'quote.expire': emptyArgsSchema,
  'quote.convert': quoteConvertArgsSchema,
  'salesOrder.create': salesOrderCreateSchema,
  'salesOrder.patch': salesOrderPatchSchema,
  'salesOrder.delete': emptyArgsSchema,
  'salesOrder.confirm': emptyArgsSchema,
  'salesOrder.close': emptyArgsSchema,
  'salesOrder.void': emptyArgsSchema,
  'salesOrder.convert': salesOrderConvertArgsSchema,
  'invoice.create': invoiceCreateSchema,
  'invoice.patch': invoicePatchSchema,
  'invoice.delete': emptyArgsSchema,
  'invoice.issue': emptyArgsSchema,
  'invoice.markSent': emptyArgsSchema,
  'invoice.void': emptyArgsSchema,
  'payment.record': paymentCreateSchema,
  'payment.delete': emptyArgsSchema,
} as const;

export type MutationName = keyof typeof mutationArgs;

export type MutationArgs<N extends MutationName> = v.InferOutput<(typeof mutationArgs)[N]>;

export const MUTATION_NAMES = Object.keys(mutationArgs) as MutationName[];

/** True for a known mutation name (guards names arriving over the wire). */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutationArgs, name);
}
