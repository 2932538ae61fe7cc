import { formatMoney } from '@kanjo/core';
import {
  describeRefusal,
  isRefusal,
  refusalFields,
  type FieldErrors,
} from '$lib/forms/form-errors';
import { t } from '$lib/i18n/locale.svelte';

/** The sentence for a failed document mutation, in the UI language. */
export function describeDocumentError(error: unknown): string {
  if (!isRefusal(error)) return t('error.UNKNOWN');
  if (error.code === 'INVOICE_LOCKED') return t('doc.locked.invoiceTitle');
  if (error.code === 'OVERPAYMENT') return t('doc.payment.overpaymentAlert');
  if (error.code === 'DEAL_LINK_LOCKED') return t('crmDeals.picker.lockedRefusal');
  if (error.code === 'DEAL_NOT_OF_CUSTOMER') return t('crmDeals.picker.notOfCustomer');
  return describeRefusal(error);
}

/** Field path → message from a refusal's `details.fields`. */
export function documentErrorFields(error: unknown): FieldErrors {
  if (!isRefusal(error)) return {};
  // The refusal names no field, but the deal picker is where it belongs.
  if (error.code === 'DEAL_LINK_LOCKED') return { dealId: t('crmDeals.picker.lockedRefusal') };
  if (error.code === 'DEAL_NOT_OF_CUSTOMER') return { dealId: t('crmDeals.picker.notOfCustomer') };
  return refusalFields(error.details);
}

/** OVERPAYMENT carries the balance: "more than the balance due (¥3,300)". */
export function overpaymentMessage({
  error,
  currency,
  locale,
}: {
  error: unknown;
  currency: string;
  locale: string;
}): string | undefined {
  if (!isRefusal(error) || error.code !== 'OVERPAYMENT') return undefined;
  const details = error.details;
  const balance =
    typeof details === 'object' && details !== null && 'balance' in details
      ? details.balance
      : undefined;
  return typeof balance === 'number'
    ? t('doc.payment.overpayment', { balance: formatMoney(balance, currency, locale) })
    : t('doc.payment.overpaymentAlert');
}
