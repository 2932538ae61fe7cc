import { describe, expect, it } from 'vitest';
import { describedBy } from './described-by';

describe('describedBy', () => {
  it.each([
    [undefined, undefined, undefined],
    ['Shown on invoices', undefined, 'name-hint'],
    [undefined, 'Required', 'name-error'],
    ['Shown on invoices', 'Required', 'name-hint name-error'],
    ['', '', undefined],
  ])('hint %j and error %j describe the field by %j', (hint, error, expected) => {
    expect(describedBy('name', hint, error)).toBe(expected);
  });
});
