import { expect, test } from 'vitest';
import { foldForSearch, matchesQuery } from './search';

test.each([
  { text: 'Ｓａｋｕｒａ', folded: 'sakura' },
  { text: '０３－１２３４', folded: '03-1234' },
  { text: 'ｻｸﾗ', folded: 'サクラ' },
])('foldForSearch($text) is $folded', ({ text, folded }) => {
  expect(foldForSearch(text)).toBe(folded);
});

test.each([
  { query: '', fields: ['Acme'], matches: true },
  { query: 'ACME', fields: ['acme k.k.'], matches: true },
  { query: 'ｻｸﾗ 03', fields: ['サクラ商事', undefined, '03-1234'], matches: true },
  { query: 'sakura tokyo', fields: ['Sakura'], matches: false },
])('matchesQuery($query) is $matches', ({ query, fields, matches }) => {
  expect(matchesQuery({ query, fields })).toBe(matches);
});
