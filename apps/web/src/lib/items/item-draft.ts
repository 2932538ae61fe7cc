import {
  compareDecimal,
  currencyExponent,
  type Item,
  type ItemCreate,
  type ItemPatch,
} from '@kanjo/core';
import { checkRequired } from '$lib/forms/form-errors';
import { t } from '$lib/i18n/locale.svelte';
import { changedFields, withoutUndefined } from '$lib/forms/draft-diff';
import { formatMajorUnits, parseMajorUnits } from '$lib/forms/money-input';

/** What the item form edits; the rate is text in major units ("1200", "12.50"). */
export interface ItemDraft {
  name: string;
  sku: string;
  description: string;
  rate: string;
  unit: string;
  taxRate: string;
  active: boolean;
}

export function itemDraft({ item, currency }: { item?: Item; currency: string }): ItemDraft {
  return {
    name: item?.name ?? '',
    sku: item?.sku ?? '',
    description: item?.description ?? '',
    rate:
      item === undefined
        ? ''
        : formatMajorUnits({ minor: item.rate, exponent: currencyExponent(currency) }),
    unit: item?.unit ?? '',
    taxRate: item?.taxRate ?? '',
    active: item?.active ?? true,
  };
}

const text = (value: string): string | undefined => value.trim() || undefined;

const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

function percentText(value: string): string {
  return value.normalize('NFKC').trim().replace(/%$/, '').trim();
}

/** The create body of a valid draft (run `checkItem` first). */
export function itemValues({
  draft,
  currency,
}: {
  draft: ItemDraft;
  currency: string;
}): ItemCreate {
  const rate = parseMajorUnits({ text: draft.rate, exponent: currencyExponent(currency) });
  const taxRate = percentText(draft.taxRate);
  const values: ItemCreate = {
    name: draft.name.trim(),
    rate: rate.ok ? rate.minor : 0,
    sku: text(draft.sku),
    description: text(draft.description),
    unit: text(draft.unit),
    taxRate: taxRate || undefined,
    active: draft.active,
  };
  return withoutUndefined(values);
}

export function itemPatch({ before, after }: { before: ItemCreate; after: ItemCreate }): ItemPatch {
  return changedFields({ before, after }) as ItemPatch;
}

export function checkItem({
  draft,
  currency,
}: {
  draft: ItemDraft;
  currency: string;
}): Record<string, string | undefined> {
  const exponent = currencyExponent(currency);
  const rate = parseMajorUnits({ text: draft.rate, exponent });
  const taxRate = percentText(draft.taxRate);
  return {
    name: checkRequired(draft.name, 200),
    rate: !draft.rate.trim()
      ? t('validation.required')
      : rate.ok
        ? undefined
        : rate.reason === 'PRECISION'
          ? exponent === 0
            ? t('records.validation.amountWhole', { currency })
            : t('records.validation.amountPrecision', { currency, digits: exponent })
          : rate.reason === 'RANGE'
            ? t('records.validation.amountRange')
            : t('records.validation.amount'),
    taxRate:
      !taxRate || (PERCENT.test(taxRate) && compareDecimal(taxRate, '100') <= 0)
        ? undefined
        : t('records.validation.percent'),
  };
}
