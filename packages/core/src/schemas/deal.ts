import * as v from 'valibot';
import { currencyCodeSchema } from '../money/currencies';
import { isCalendarDate } from '../dates';
import { idSchema, instantSchema, versionSchema } from './common';

/** Which CRM record ties a deal to its Kanjo customer: the Account, or the Contact when only Contacts sync. */
export const DEAL_CUSTOMER_MODULES = ['Accounts', 'Contacts'] as const;

/**
 * Deals are the CRM's, cached read-only: their text is kept as the CRM sent it
 * (bounded), not judged by the input rules of Kanjo's own fields — refusing
 * it here would only make the PWA drop a deal it cannot change anyway.
 */
const crmText = (max: number) => v.pipe(v.string(), v.maxLength(max));

const crmUserSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: v.optional(crmText(200)),
  email: v.optional(crmText(320)),
});

/**
 * A CRM deal as the PWA caches it (read-only: the CRM owns it). Only deals of
 * synced customers reach the PWA. `id` is the CRM's record id, so a document's
 * `dealId` names the same deal on every device and in the CRM.
 */
export const dealSchema = v.strictObject({
  id: idSchema,
  customerId: idSchema,
  customerModule: v.picklist(DEAL_CUSTOMER_MODULES),
  name: v.pipe(v.string(), v.maxLength(300)),
  stage: v.pipe(v.string(), v.maxLength(200)),
  /** 0–100; 100 = won, 0 = lost. */
  probability: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  /** Minor units of `currency`. */
  amount: v.nullable(v.pipe(v.number(), v.safeInteger())),
  currency: currencyCodeSchema,
  closingDate: v.nullable(v.pipe(v.string(), v.check(isCalendarDate, 'Must be a date'))),
  owner: v.nullable(crmUserSchema),
  description: v.nullable(crmText(32_000)),
  pipeline: v.nullable(crmText(200)),
  /** The deal's Created_Time and Modified_Time in the CRM. */
  crmCreatedTime: v.nullable(instantSchema),
  crmModifiedTime: v.nullable(instantSchema),
  /** When the server last read it from the CRM: the age shown offline. */
  syncedAt: instantSchema,
  version: versionSchema,
});

export type Deal = v.InferOutput<typeof dealSchema>;
export type DealCustomerModule = (typeof DEAL_CUSTOMER_MODULES)[number];
