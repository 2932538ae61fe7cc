import { describe, expect, it } from 'vitest';
import {
  buildMatchIndex,
  findMatch,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeSku,
} from './match';

describe('normalizeName', () => {
  it.each([
    // Japanese legal forms, before or after, spaced or not, every spelling
    ['株式会社 サクラ商事', 'サクラ商事'],
    ['株式会社サクラ商事', 'サクラ商事'],
    ['サクラ商事(株)', 'サクラ商事'],
    ['サクラ商事（株）', 'サクラ商事'],
    ['サクラ商事㈱', 'サクラ商事'],
    ['㈱サクラ商事', 'サクラ商事'],
    ['ｻｸﾗ商事 株式会社', 'サクラ商事'],
    ['サクラ 商事', 'サクラ商事'],
    ['サクラ・商事', 'サクラ商事'],
    ['有限会社 山田工務店', '山田工務店'],
    ['山田工務店(有)', '山田工務店'],
    ['合同会社ミドリ', 'ミドリ'],
    ['合資会社ミドリ', 'ミドリ'],
    ['一般社団法人 日本協会', '日本協会'],
    // Western legal forms at the end, with or without dots and commas
    ['Acme, Inc.', 'acme'],
    ['ACME Inc', 'acme'],
    ['acme', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Co., Ltd.', 'acme'],
    ['Acme Company Limited', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme PLC', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme K.K.', 'acme'],
    ['Acme KK', 'acme'],
    ['Acme Pvt. Ltd.', 'acme'],
    ['Acme Pte Ltd', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme SAS', 'acme'],
    ['Acme B.V.', 'acme'],
    // width, case, spacing
    ['ＡＣＭＥ　ＩＮＣ', 'acme'],
    ['  Big   Blue  ', 'big blue'],
    ['Big\tBlue', 'big blue'],
    // a legal form is a name when nothing else is left, and stays at the start
    ['Company', 'company'],
    ['株式会社', '株式会社'],
    ['AG Barr', 'ag barr'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it('makes the spellings of one company equal', () => {
    const names = ['株式会社 サクラ商事', 'サクラ商事(株)', 'ｻｸﾗ商事 株式会社', '㈱サクラ商事'];
    expect(new Set(names.map(normalizeName)).size).toBe(1);
  });
});

describe('normalizeEmail / normalizePhone / normalizeSku', () => {
  it.each([
    [' Taro@Example.JP ', 'taro@example.jp'],
    ['ｔａｒｏ＠example.jp', 'taro@example.jp'],
  ])('email %j → %j', (email, expected) => {
    expect(normalizeEmail(email)).toBe(expected);
  });

  it.each([
    ['+81 (3) 1234-5678', '+81312345678'],
    ['03-1234-5678', '0312345678'],
    ['０３－１２３４－５６７８', '0312345678'],
    ['+1 555 0100 ext', '+15550100'],
  ])('phone %j → %j', (phone, expected) => {
    expect(normalizePhone(phone)).toBe(expected);
  });

  it('folds SKU width and case', () => {
    expect(normalizeSku(' ａｂｃ-1 ')).toBe('abc-1');
  });
});

describe('findMatch', () => {
  const customers = buildMatchIndex([
    { id: 'c1', name: '株式会社 サクラ商事', email: 'info@sakura.jp' },
    { id: 'c2', name: 'Acme, Inc.', email: null },
    { id: 'c3', name: 'Yamada Taro', email: 'taro@example.jp' },
    { id: 'c4', name: 'Twin', email: null },
    { id: 'c5', name: 'twin', email: 'twin@example.jp' },
  ]);

  it.each([
    [
      { name: 'サクラ商事(株)' },
      { id: 'c1', reason: 'name', detail: 'same normalised name サクラ商事' },
    ],
    [{ name: 'ACME Inc' }, { id: 'c2', reason: 'name', detail: 'same normalised name acme' }],
    [
      { email: 'INFO@sakura.jp', name: 'Other' },
      { id: 'c1', reason: 'email', detail: 'same email info@sakura.jp' },
    ],
    // email not in Kanjo: the name decides
    [
      { email: 'new@acme.com', name: 'Acme' },
      { id: 'c2', reason: 'name', detail: 'same normalised name acme' },
    ],
    // same name, different email on both sides: two different people
    [{ email: 'other@example.jp', name: 'Yamada Taro' }, null],
    [{ name: 'Nobody' }, null],
    [{ name: '', email: '' }, null],
    [
      { name: 'TWIN' },
      { ambiguous: ['c4', 'c5'], reason: 'name', detail: 'same normalised name twin' },
    ],
    // c5's email differs, so only c4 is left
    [
      { name: 'TWIN', email: 'x@example.jp' },
      { id: 'c4', reason: 'name', detail: 'same normalised name twin' },
    ],
  ])('%j → %j', (candidate, expected) => {
    expect(findMatch(candidate, customers)).toEqual(expected);
  });

  it('matches items by SKU before name, and refuses a name match across different SKUs', () => {
    const items = buildMatchIndex([
      { id: 'i1', name: 'Pen', sku: 'PEN-1' },
      { id: 'i2', name: 'Pencil', sku: null },
    ]);
    expect(findMatch({ sku: 'pen-1', name: 'Pencil' }, items)).toEqual({
      id: 'i1',
      reason: 'sku',
      detail: 'same sku pen-1',
    });
    expect(findMatch({ sku: 'PEN-2', name: 'Pen' }, items)).toBeNull();
    expect(findMatch({ sku: 'PEN-2', name: 'pencil' }, items)).toMatchObject({ id: 'i2' });
  });

  it('reports two Kanjo records with one email as ambiguous', () => {
    const index = buildMatchIndex([
      { id: 'a', email: 'x@y.z' },
      { id: 'b', email: 'X@Y.Z' },
    ]);
    expect(findMatch({ email: 'x@y.z' }, index)).toEqual({
      ambiguous: ['a', 'b'],
      reason: 'email',
      detail: 'same email x@y.z',
    });
  });
});
