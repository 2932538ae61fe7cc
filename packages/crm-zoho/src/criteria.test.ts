import { describe, expect, it } from 'vitest';
import { escapeCriteriaValue, zohoCriteria } from './criteria.js';

describe('escapeCriteriaValue', () => {
  it.each([
    ['Acme', 'Acme'],
    ['Acme (Japan)', 'Acme \\(Japan\\)'],
    ['Smith, John', 'Smith\\, John'],
    ['a\\b', 'a\\\\b'],
    ['株式会社（アクメ）', '株式会社（アクメ）'],
  ])('%s → %s', (value, escaped) => {
    expect(escapeCriteriaValue(value)).toBe(escaped);
  });
});

describe('zohoCriteria', () => {
  const name = (value: string) => ({ field: 'Last_Name', op: 'starts_with' as const, value });
  it.each([
    [name('Sato'), '(Last_Name:starts_with:Sato)'],
    [{ field: 'Email', op: 'equals' as const, value: 'a,b' }, '(Email:equals:a\\,b)'],
    [{ any: [name('A')] }, '((Last_Name:starts_with:A))'],
    [{ all: [name('A'), name('B')] }, '((Last_Name:starts_with:A)and(Last_Name:starts_with:B))'],
    [
      { any: [name('A'), { all: [name('B'), name('C')] }] },
      '((Last_Name:starts_with:A)or((Last_Name:starts_with:B)and(Last_Name:starts_with:C)))',
    ],
  ])('%j → %s', (criteria, text) => {
    expect(zohoCriteria(criteria)).toBe(text);
  });
});
