import { expect, test } from 'vitest';
import { foldForSearch, matchesQuery, queryMatcher, sortByText } from './search';
import { SORT_NAMES } from '../../../test/sort-names';

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

test.each(['en', 'ja'])('sortByText orders as localeCompare does (%s)', (locale) => {
  const names = SORT_NAMES;
  const expected = [...names].sort((a, b) => a.localeCompare(b, locale));
  const rows = names.map((name) => ({ name }));
  expect(sortByText(rows, (row) => row.name, locale).map((row) => row.name)).toEqual(expected);
});

test.each([
  { query: '', matcher: false },
  { query: '  ', matcher: false },
  { query: 'acme', matcher: true },
])('queryMatcher($query) is a filter only for a non-empty query', ({ query, matcher }) => {
  expect(queryMatcher(query) !== undefined).toBe(matcher);
});
