import * as v from 'valibot';
import {
  clearableEntries,
  idSchema,
  nonNegativeMoneySchema,
  optionalEntries,
  percentSchema,
  requiredTextSchema,
  rowStampEntries,
  textSchema,
} from './common';
import { multiLineText } from './text';

const itemRequired = {
  name: requiredTextSchema(200),
  /** Integer minor units per unit, in the document's currency when used. */
  rate: nonNegativeMoneySchema,
};

const itemOptional = {
  sku: textSchema(100),
  description: multiLineText(2000),
  unit: textSchema(30),
  taxRate: percentSchema,
};

export const itemSchema = v.strictObject({
  id: idSchema,
  ...itemRequired,
  ...optionalEntries(itemOptional),
  active: v.boolean(),
  ...rowStampEntries,
});

export const itemCreateSchema = v.strictObject({
  id: v.optional(idSchema),
  ...itemRequired,
  ...optionalEntries(itemOptional),
  active: v.optional(v.boolean()),
});

export const itemPatchSchema = v.strictObject({
  ...optionalEntries(itemRequired),
  ...clearableEntries(itemOptional),
  active: v.optional(v.boolean()),
});

export type Item = v.InferOutput<typeof itemSchema>;
export type ItemCreate = v.InferOutput<typeof itemCreateSchema>;
export type ItemPatch = v.InferOutput<typeof itemPatchSchema>;
