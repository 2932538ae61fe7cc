import { zohoCriteria } from '@kanjo/crm-zoho';
import { describe, expect, it } from 'vitest';
import { normalizeQuery, searchCriteria } from './criteria';

describe('normalizeQuery', () => {
  it.each([
    ['  Acme  ', 'Acme'],
    ['佐藤　花子', '佐藤 花子'],
    ['（株）アクメ', '（株）アクメ'],
    ['Hanako   Sato', 'Hanako Sato'],
  ])('%j → %j', (q, normal) => {
    expect(normalizeQuery(q)).toBe(normal);
  });
});

/** The conditions as Zoho's search reads them. */
const criteriaText = (module: 'Accounts' | 'Contacts', q: string) =>
  zohoCriteria(searchCriteria(module, q));

describe('searchCriteria', () => {
  it.each([
    [
      'Accounts',
      'Acme (Japan)',
      '((Account_Name:starts_with:Acme \\(Japan\\))or(Account_Name:equals:Acme \\(Japan\\)))',
    ],
    [
      'Accounts',
      'Ａｃｍｅ',
      '((Account_Name:starts_with:Ａｃｍｅ)or(Account_Name:equals:Ａｃｍｅ)or(Account_Name:equals:Acme))',
    ],
    ['Contacts', 'Sato', '((First_Name:starts_with:Sato)or(Last_Name:starts_with:Sato))'],
    [
      'Contacts',
      'Hanako Sato',
      '((First_Name:starts_with:Hanako Sato)or(Last_Name:starts_with:Hanako Sato)' +
        'or((First_Name:starts_with:Hanako)and(Last_Name:starts_with:Sato))' +
        'or((Last_Name:starts_with:Hanako)and(First_Name:starts_with:Sato)))',
    ],
    [
      'Contacts',
      '佐藤花子',
      '((First_Name:starts_with:佐藤花子)or(Last_Name:starts_with:佐藤花子)' +
        'or((Last_Name:starts_with:佐)and(First_Name:starts_with:藤花子))' +
        'or((Last_Name:starts_with:佐藤)and(First_Name:starts_with:花子))' +
        'or((Last_Name:starts_with:佐藤花)and(First_Name:starts_with:子)))',
    ],
    [
      'Contacts',
      '佐藤',
      '((First_Name:starts_with:佐藤)or(Last_Name:starts_with:佐藤)or((Last_Name:starts_with:佐)and(First_Name:starts_with:藤)))',
    ],
  ] as const)('%s %j', (module, q, criteria) => {
    expect(criteriaText(module, q)).toBe(criteria);
  });

  it('stays within Zoho’s 10 conditions', () => {
    for (const q of ['佐藤花子さんです', 'a b c d e', 'Hanako Sato']) {
      const conditions = criteriaText('Contacts', q).match(/:starts_with:|:equals:/g) ?? [];
      expect(conditions.length).toBeLessThanOrEqual(10);
    }
  });
});
