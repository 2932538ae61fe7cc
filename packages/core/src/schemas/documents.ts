import * as v from 'valibot';
import { currencyCodeSchema } from '../money/currencies';
import { INVOICE_STATUSES, QUOTE_STATUSES, SALES_ORDER_STATUSES } from '../states';
import {
  clearableEntries,
  dateSchema,
  exchangeRateSchema,
  idSchema,
  instantSchema,
  nonNegativeMoneySchema,
  optionalEntries,
  percentSchema,
  quantitySchema,
  requiredTextSchema,
  rowStampEntries,
  textSchema,
} from './common';
import { multiLineText } from './text';

export const MAX_DOCUMENT_LINES = 500;

const lineEntries = {
  itemId: v.optional(idSchema),
  name: requiredTextSchema(200),
  description: v.optional(multiLineText(2000)),
  quantity: quantitySchema,
  /** Integer minor units per unit. */
  rate: nonNegativeMoneySchema,
  discountPercent: v.optional(percentSchema),
  taxRate: v.optional(percentSchema),
};

export const documentLineSchema = v.strictObject({ id: idSchema, ...lineEntries });
/** A line in a create/patch body: the mutation fills a missing id. */
export const documentLineInputSchema = v.strictObject({ id: v.optional(idSchema), ...lineEntries });

export type DocumentLine = v.InferOutput<typeof documentLineSchema>;
export type DocumentLineInput = v.InferOutput<typeof documentLineInputSchema>;

const linesSchema = v.pipe(v.array(documentLineSchema), v.maxLength(MAX_DOCUMENT_LINES));
const linesInputSchema = v.pipe(v.array(documentLineInputSchema), v.maxLength(MAX_DOCUMENT_LINES));

export const documentDiscountSchema = v.variant('type', [
  v.strictObject({ type: v.literal('percent'), value: percentSchema }),
  v.strictObject({ type: v.literal('amount'), value: nonNegativeMoneySchema }),
]);

export type DocumentDiscount = v.InferOutput<typeof documentDiscountSchema>;

/** Required in a stored row, defaulted by the create mutation. */
const defaultedEntries = { currency: currencyCodeSchema, issueDate: dateSchema };

const optionalCommon = {
  exchangeRate: exchangeRateSchema,
  discount: documentDiscountSchema,
  taxInclusive: v.boolean(),
  notes: multiLineText(5000),
  terms: multiLineText(5000),
  referenceNumber: textSchema(100),
  dealId: v.nullable(idSchema),
  salespersonId: v.nullable(idSchema),
};

export const SOURCE_TYPES = ['quote', 'salesOrder'] as const;

/** Set only by conversions, never by create/patch bodies. */
const sourceEntries = {
  sourceId: v.optional(idSchema),
  sourceType: v.optional(v.picklist(SOURCE_TYPES)),
};

export const AUTOMATION_TRIGGERS = ['created', 'won', 'lost'] as const;
export type AutomationTrigger = (typeof AUTOMATION_TRIGGERS)[number];

/**
 * A document made by deal-stage automation: which deal and trigger made
 * it. Set by the server's automation only, never by create/patch bodies. Once
 * a person changes the document, `releasedAt` is set and deal changes no
 * longer touch it; its deal link stays locked either way.
 */
export const documentAutomationSchema = v.strictObject({
  dealId: idSchema,
  trigger: v.picklist(AUTOMATION_TRIGGERS),
  at: instantSchema,
  releasedAt: v.optional(instantSchema),
  releasedBy: v.optional(idSchema),
});

export type DocumentAutomation = v.InferOutput<typeof documentAutomationSchema>;

/**
 * A document made in the CRM panel: the CRM user (and profile) who made
 * it, since no Kanjo user did. Set by the server only, never by bodies.
 */
export const documentCreatedViaSchema = v.strictObject({
  channel: v.literal('crmPanel'),
  crmUserId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  crmUserName: v.optional(textSchema(200)),
  crmUserEmail: v.optional(textSchema(320)),
  crmProfileId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  crmProfileName: v.optional(textSchema(200)),
});

export type DocumentCreatedVia = v.InferOutput<typeof documentCreatedViaSchema>;

function rowEntries<S extends readonly [string, ...string[]]>(statuses: S) {
  return {
    id: idSchema,
    number: v.nullable(textSchema(64)),
    customerId: idSchema,
    ...defaultedEntries,
    lines: linesSchema,
    ...optionalEntries(optionalCommon),
    status: v.picklist(statuses),
    automation: v.optional(documentAutomationSchema),
    createdVia: v.optional(documentCreatedViaSchema),
    ...rowStampEntries,
  };
}

const createCommon = {
  id: v.optional(idSchema),
  customerId: idSchema,
  ...optionalEntries(defaultedEntries),
  lines: v.optional(linesInputSchema),
  ...optionalEntries(optionalCommon),
};

const patchCommon = {
  customerId: v.optional(idSchema),
  ...optionalEntries(defaultedEntries),
  /** Replaces the whole array. */
  lines: v.optional(linesInputSchema),
  ...clearableEntries(optionalCommon),
};

export const quoteSchema = v.strictObject({
  ...rowEntries(QUOTE_STATUSES),
  expiryDate: v.optional(dateSchema),
  convertedTo: v.optional(
    v.strictObject({ type: v.picklist(['invoice', 'salesOrder']), id: idSchema }),
  ),
});
export const quoteCreateSchema = v.strictObject({
  ...createCommon,
  expiryDate: v.optional(dateSchema),
});
export const quotePatchSchema = v.strictObject({
  ...patchCommon,
  ...clearableEntries({ expiryDate: dateSchema }),
});

export const salesOrderSchema = v.strictObject({
  ...rowEntries(SALES_ORDER_STATUSES),
  ...sourceEntries,
});
export const salesOrderCreateSchema = v.strictObject(createCommon);
export const salesOrderPatchSchema = v.strictObject(patchCommon);

export const invoiceSchema = v.strictObject({
  ...rowEntries(INVOICE_STATUSES),
  dueDate: v.optional(dateSchema),
  /** Minor units, maintained by payment.record / payment.delete. */
  amountPaid: nonNegativeMoneySchema,
  sentAt: v.optional(instantSchema),
  ...sourceEntries,
});
export const invoiceCreateSchema = v.strictObject({
  ...createCommon,
  dueDate: v.optional(dateSchema),
});
export const invoicePatchSchema = v.strictObject({
  ...patchCommon,
  ...clearableEntries({ dueDate: dateSchema }),
});

export type Quote = v.InferOutput<typeof quoteSchema>;
export type QuoteCreate = v.InferOutput<typeof quoteCreateSchema>;
export type QuotePatch = v.InferOutput<typeof quotePatchSchema>;
export type SalesOrder = v.InferOutput<typeof salesOrderSchema>;
export type SalesOrderCreate = v.InferOutput<typeof salesOrderCreateSchema>;
export type SalesOrderPatch = v.InferOutput<typeof salesOrderPatchSchema>;
export type Invoice = v.InferOutput<typeof invoiceSchema>;
export type InvoiceCreate = v.InferOutput<typeof invoiceCreateSchema>;
export type InvoicePatch = v.InferOutput<typeof invoicePatchSchema>;
