import { describe, expect, test } from 'vitest';
import { isKnownStatus, panelMoney } from './panel-format';

describe('panel formatting', () => {
  test.each([
    [{ minor: 123456, currency: 'USD', locale: 'en' }, '$1,234.56'],
    [{ minor: 1200, currency: 'JPY', locale: 'ja' }, '￥1,200'],
    [{ minor: null, currency: 'JPY', locale: 'en' }, '—'],
    [{ minor: 5, currency: '', locale: 'en' }, '—'],
    [{ minor: 5, currency: 'XXXX', locale: 'en' }, '5 XXXX'],
  ])('%j → %s', (input, expected) => {
    expect(panelMoney(input)).toBe(expected);
  });

  test('statuses of every kind are known; others are not', () => {
    expect(['draft', 'sent', 'confirmed', 'partially_paid'].every(isKnownStatus)).toBe(true);
    expect(isKnownStatus('archived')).toBe(false);
  });
});
