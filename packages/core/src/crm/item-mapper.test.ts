import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES } from '../money/currencies';
import { itemPatchSchema } from '../schemas/item';
import {
  applyItemFields,
  crmToItem,
  itemFields,
  itemOverwriteMerge,
  itemToCrm,
  minorToUnitPrice,
  productDuplicateOf,
  productNameKey,
  unitPriceToMinor,
  type ProductCandidate,
} from './item-mapper';

describe('Unit_Price ↔ minor units', () => {
  it.each([
    [1500, 'JPY', 1500],
    [1234, 'USD', 12.34],
    [1234, 'BHD', 1.234],
    [5, 'USD', 0.05],
    [0, 'EUR', 0],
    [100, 'USD', 1],
  ])('%i minor %s ↔ Unit_Price %d', (minor, currency, price) => {
    expect(minorToUnitPrice(minor, currency)).toBe(price);
    expect(unitPriceToMinor(price, currency)).toEqual({ minor });
  });

  it.each([
    [12.345, 'USD', 1235, 'Unit_Price 12.345 has more than 2 decimals for USD: rounded to 12.35'],
    [12.344, 'USD', 1234, 'Unit_Price 12.344 has more than 2 decimals for USD: rounded to 12.34'],
    [1.005, 'USD', 101, 'Unit_Price 1.005 has more than 2 decimals for USD: rounded to 1.01'],
    [1500.5, 'JPY', 1501, 'Unit_Price 1500.5 has more than 0 decimals for JPY: rounded to 1501'],
    [1.2345, 'BHD', 1235, 'Unit_Price 1.2345 has more than 3 decimals for BHD: rounded to 1.235'],
    [1e-7, 'USD', 0, 'Unit_Price 0.0000001 has more than 2 decimals for USD: rounded to 0.00'],
  ])('rounds %d %s half-up to %i with a note', (price, currency, minor, message) => {
    expect(unitPriceToMinor(price, currency)).toEqual({
      minor,
      note: { field: 'rate', code: 'PRICE_ROUNDED', message },
    });
  });

  it('reads decimal text too', () => {
    expect(unitPriceToMinor('12.50', 'USD')).toEqual({ minor: 1250 });
  });

  it.each([-1, 'abc', true, Number.NaN, 1e300])('refuses %j with a note', (price) => {
    const result = unitPriceToMinor(price, 'USD');
    expect('minor' in result).toBe(false);
    expect(result.note?.code).toBe('PRICE_INVALID');
  });

  it('round-trips every amount up to 15 digits in every currency, without a note', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.constantFrom(...CURRENCY_CODES),
        (minor, currency) => {
          expect(unitPriceToMinor(minorToUnitPrice(minor, currency), currency)).toEqual({ minor });
        },
      ),
    );
  });
});

describe('items ↔ Products', () => {
  const item = {
    name: 'Consulting',
    sku: 'CONS-1',
    rate: 1234,
    description: 'An hour',
    unit: 'Hours',
    active: true,
  };

  it('maps every field by ITEM_MAPPING', () => {
    expect(itemToCrm(item, 'USD')).toEqual({
      Product_Name: 'Consulting',
      Product_Code: 'CONS-1',
      Unit_Price: 12.34,
      Description: 'An hour',
      Usage_Unit: 'Hours',
      Product_Active: true,
    });
  });

  it('reads a Product back to the same item fields and a valid patch', () => {
    const { fields, notes } = crmToItem({ ...itemToCrm(item, 'USD'), id: '9', Tax: [] }, 'USD');
    expect(notes).toEqual([]);
    expect(fields).toEqual(itemFields(item));
    const patch = applyItemFields(fields);
    expect(patch).toEqual(item);
    expect(v.is(itemPatchSchema, patch)).toBe(true);
  });

  it('leaves required fields out and clears optional ones when the CRM has nothing', () => {
    const { fields, notes } = crmToItem({ Product_Name: 'Pen', Unit_Price: -3 }, 'JPY');
    expect(notes.map((note) => note.code)).toEqual(['PRICE_INVALID']);
    expect(applyItemFields(fields)).toEqual({
      name: 'Pen',
      sku: null,
      description: null,
      unit: null,
    });
  });
});

describe('productDuplicateOf: the CRM product a Kanjo item sent first duplicates', () => {
  const product = (id: string, name: string, sku: string | null, heldBy: string | null = null) =>
    ({ id, name, sku, heldBy }) satisfies ProductCandidate;
  it.each([
    ['nothing found', { name: 'Bolt', sku: null }, [], { kind: 'none' }],
    [
      'the same name, any case or width',
      { name: 'ＷＩＤＧＥＴ ', sku: null },
      [product('1', 'widget', 'W-1')],
      { kind: 'one', id: '1', sameName: true, detail: 'same name widget' },
    ],
    [
      'the same name whatever the SKUs say (the CRM keeps one product per name)',
      { name: 'Widget', sku: 'K-1' },
      [product('1', 'Widget', 'W-1')],
      { kind: 'one', id: '1', sameName: true, detail: 'same name widget' },
    ],
    [
      'the same SKU under another name',
      { name: 'Pen', sku: 'pen-1' },
      [product('2', 'Ballpoint Pen', 'PEN-1')],
      { kind: 'one', id: '2', sameName: false, detail: 'same SKU pen-1' },
    ],
    [
      'a name held by another item blocks it',
      { name: 'Widget', sku: null },
      [product('1', 'Widget', null, 'item-a')],
      { kind: 'taken', id: '1', heldBy: 'item-a', detail: 'same name widget' },
    ],
    [
      'a SKU held by another item is no candidate',
      { name: 'Pen 2', sku: 'PEN-1' },
      [product('2', 'Ballpoint Pen', 'PEN-1', 'item-a')],
      { kind: 'none' },
    ],
    [
      'one product by SKU and another by name',
      { name: 'Widget', sku: 'PEN-1' },
      [product('1', 'Widget', null), product('2', 'Ballpoint Pen', 'PEN-1')],
      { kind: 'ambiguous', ids: ['2', '1'], detail: 'same SKU pen-1, same name widget' },
    ],
    [
      'two products of one SKU',
      { name: 'Pen', sku: 'PEN-1' },
      [product('2', 'Ballpoint Pen', 'PEN-1'), product('3', 'Gel Pen', 'pen-1')],
      { kind: 'ambiguous', ids: ['2', '3'], detail: 'same SKU pen-1' },
    ],
    [
      'the same product by SKU and name',
      { name: 'Pen', sku: 'PEN-1' },
      [product('2', 'pen', 'PEN-1')],
      { kind: 'one', id: '2', sameName: true, detail: 'same SKU pen-1' },
    ],
  ] as const)('%s', (_, item, products, expected) => {
    expect(productDuplicateOf(item, products)).toEqual(expected);
  });

  it('keys names as the CRM compares them', () => {
    expect(productNameKey(' Ｗｉｄｇｅｔ ')).toBe('widget');
    expect(productNameKey('  ')).toBeNull();
    expect(productNameKey(null)).toBeNull();
  });
});

describe('itemOverwriteMerge: Kanjo sent first over its CRM duplicate', () => {
  it('Kanjo wins where it has a value; the CRM fills what Kanjo lacks', () => {
    const local = { name: 'Widget', sku: null, rate: 1200, description: null, unit: 'pcs' };
    const remote = { name: 'Widget', sku: 'W-1', rate: 1000, description: 'CRM', unit: null };
    expect(itemOverwriteMerge(local, remote)).toEqual({
      merged: { name: 'Widget', sku: 'W-1', rate: 1200, description: 'CRM', unit: 'pcs' },
      toLocal: { sku: 'W-1', description: 'CRM' },
      toRemote: { rate: 1200, unit: 'pcs' },
      conflicts: [{ field: 'rate', base: null, local: 1200, remote: 1000, resolution: 'local' }],
    });
  });

  it('writes nothing when both hold the same', () => {
    const same = { name: 'Pen', rate: 5, sku: '' };
    expect(itemOverwriteMerge(same, { name: 'Pen', rate: 5, sku: null })).toEqual({
      merged: { name: 'Pen', rate: 5, sku: null },
      toLocal: {},
      toRemote: {},
      conflicts: [],
    });
  });
});
