/**
 * Names whose order by code unit is not a collator's, and whose collator
 * order differs between English and Japanese: what list sorting is tested on.
 */
export const SORT_NAMES = [
  'banana',
  'Apple',
  'apple',
  'さくら',
  'サクラ',
  '桜',
  'Éclair',
  'eclair',
  '10 Co',
  '9 Co',
  'Ｚｅｎ',
];
