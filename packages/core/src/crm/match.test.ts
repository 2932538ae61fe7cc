import { describe, expect, it } from 'vitest';
import {
  buildMatchIndex,
  findMatch,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeSku,
  rankCandidates,
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
    // Japanese numbers: the national form, whether written nationally or internationally
    ['03-1234-5678', '0312345678'],
    ['(03) 1234-5678', '0312345678'],
    ['０３－１２３４－５６７８', '0312345678'],
    ['+81 3 1234 5678', '0312345678'],
    ['+81 (3) 1234-5678', '0312345678'],
    ['+81 (0)3 1234 5678', '0312345678'],
    ['+81-90-1234-5678', '09012345678'],
    ['＋８１ ９０ １２３４ ５６７８', '09012345678'],
    ['0081 3 1234 5678', '0312345678'],
    ['010-81-3-1234-5678', '0312345678'],
    ['0120-123-456', '0120123456'],
    // other countries: the digits with the country code
    ['+1 555 0100', '15550100'],
    ['+44 20 7946 0018', '442079460018'],
    // an extension is not part of the number
    ['+1 555 0100 ext', '15550100'],
    ['03-1234-5678 ext. 12', '0312345678'],
    ['03-1234-5678 内線 12', '0312345678'],
    ['03-1234-5678 x12', '0312345678'],
    ['', ''],
  ])('phone %j → %j', (phone, expected) => {
    expect(normalizePhone(phone)).toBe(expected);
  });

  it('makes the national and international forms of one Japanese number equal', () => {
    const forms = [
      '03-1234-5678',
      '+81 3 1234 5678',
      '+81 (0)3-1234-5678',
      '０３（１２３４）５６７８',
    ];
    expect(new Set(forms.map(normalizePhone))).toEqual(new Set(['0312345678']));
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

describe('findMatch by phone', () => {
  const people = buildMatchIndex([
    { id: 'p1', name: '', email: null, phone: '03-1234-5678' },
    { id: 'p2', name: 'Hanako Yamada', email: null, phone: '090-1111-2222' },
    { id: 'p3', name: 'Short', email: null, phone: '110' },
  ]);

  it('matches a record without a name by its phone, in any written form', () => {
    expect(findMatch({ name: 'Taro Yamada', phone: '+81 3 1234 5678' }, people)).toEqual({
      id: 'p1',
      reason: 'phone',
      detail: 'same phone 0312345678',
    });
  });

  it('refuses a phone match when the names differ (two people sharing a line)', () => {
    expect(findMatch({ name: 'Taro Yamada', phone: '090-1111-2222' }, people)).toBeNull();
  });

  it('a name match is not refused by different phones (a main line and a branch)', () => {
    expect(findMatch({ name: 'hanako  yamada', phone: '06-0000-0000' }, people)).toMatchObject({
      id: 'p2',
      reason: 'name',
    });
  });

  it('ignores numbers too short to name anyone', () => {
    expect(findMatch({ phone: '110' }, people)).toBeNull();
  });

  it('never links a business by its phone alone: no automatic match', () => {
    const businesses = buildMatchIndex([{ id: 'b1', name: null, phone: '03-1234-5678' }]);
    expect(findMatch({ phone: '+81312345678' }, businesses)).toMatchObject({ id: 'b1' });
    expect(
      findMatch({ phone: '+81312345678' }, businesses, undefined, { business: true }),
    ).toBeNull();
  });
});

describe('rankCandidates', () => {
  const crm = [
    { id: 'x1', name: '株式会社サクラ商事', phone: '+81 3 1234 5678' },
    { id: 'x2', name: 'サクラ商事 大阪支店', phone: null },
    { id: 'x3', name: 'Other K.K.', phone: '03-1234-5678' },
    { id: 'x4', name: 'Unrelated', phone: '06-9999-0000' },
  ];

  it('ranks by the strength of what is shared, each candidate with its reasons', () => {
    // Phone alone never links a business, but it does make a candidate to show.
    const ranked = rankCandidates({ name: 'サクラ商事', phone: '03-1234-5678' }, crm);
    expect(ranked).toEqual([
      {
        id: 'x1',
        reasons: [
          { reason: 'name', detail: 'same normalised name サクラ商事' },
          { reason: 'phone', detail: 'same phone 0312345678' },
        ],
      },
      { id: 'x3', reasons: [{ reason: 'phone', detail: 'same phone 0312345678' }] },
      { id: 'x2', reasons: [{ reason: 'similarName', detail: 'name contains サクラ商事' }] },
    ]);
  });

  it('puts an SKU or email before a name', () => {
    const items = [
      { id: 'i1', name: 'Pen', sku: 'PEN-2' },
      { id: 'i2', name: 'Blue pen', sku: 'pen-1' },
    ];
    expect(rankCandidates({ name: 'pen', sku: 'PEN-1' }, items).map((c) => c.id)).toEqual([
      'i2',
      'i1',
    ]);
    const people = [
      { id: 'c1', name: 'Taro', email: 'other@example.jp' },
      { id: 'c2', name: 'T. Yamada', email: 'Taro@Example.jp' },
    ];
    expect(rankCandidates({ name: 'taro', email: 'taro@example.jp' }, people)).toEqual([
      { id: 'c2', reasons: [{ reason: 'email', detail: 'same email taro@example.jp' }] },
      { id: 'c1', reasons: [{ reason: 'name', detail: 'same normalised name taro' }] },
    ]);
  });

  it('lists nothing that shares nothing', () => {
    expect(rankCandidates({ name: 'Acme' }, [{ id: 'z', name: 'Zeta' }])).toEqual([]);
  });
});
