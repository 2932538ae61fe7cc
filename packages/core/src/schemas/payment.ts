import * as v from 'valibot';
import { dateSchema, idSchema, positiveMoneySchema, rowStampEntries, textSchema } from './common';

const paymentEntries = {
  invoiceId: idSchema,
  /** Minor units of the invoice's currency. */
  amount: positiveMoneySchema,
  date: dateSchema,
  method: v.optional(textSchema(50)),
  reference: v.optional(textSchema(100)),
};

/** Payments are append-only: recorded, or soft-deleted — never patched. */
export const paymentSchema = v.strictObject({
  id: idSchema,
  ...paymentEntries,
  ...rowStampEntries,
});

export const paymentCreateSchema = v.strictObject({ id: v.optional(idSchema), ...paymentEntries });

export type Payment = v.InferOutput<typeof paymentSchema>;
export type PaymentCreate = v.InferOutput<typeof paymentCreateSchema>;
