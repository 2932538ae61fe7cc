import type { Deal } from '@kanjo/core';
import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import {
  automationNote,
  crmInfoFailure,
  dealAmount,
  dealIdAfterCustomerChange,
  dealOptionLabel,
  formatAge,
  isOpenDeal,
  logEntryText,
  sortDeals,
} from './deals';

function makeDeal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'deal-1',
    customerId: 'cust-1',
    customerModule: 'Accounts',
    name: 'Website redesign',
    stage: 'Negotiation',
    probability: 60,
    amount: 1_200_000,
    currency: 'JPY',
    closingDate: '2026-03-05',
    owner: { id: 'u1', name: 'Aiko Sato' },
    description: null,
    pipeline: null,
    crmCreatedTime: null,
    crmModifiedTime: null,
    syncedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

describe('isOpenDeal', () => {
  test.each([
    [100, false],
    [0, false],
    [60, true],
    [null, true],
  ])('probability %s → open %s', (probability, open) => {
    expect(isOpenDeal({ probability })).toBe(open);
  });
});

describe('sortDeals', () => {
  test('open deals first, then by closing date (none last), then by name', () => {
    const deals = [
      makeDeal({ id: 'won', name: 'Won', probability: 100, closingDate: '2025-01-01' }),
      makeDeal({ id: 'late', name: 'Late', closingDate: '2026-09-01' }),
      makeDeal({ id: 'undated', name: 'Undated', closingDate: null }),
      makeDeal({ id: 'soon-b', name: 'B soon', closingDate: '2026-02-01' }),
      makeDeal({ id: 'soon-a', name: 'A soon', closingDate: '2026-02-01' }),
      makeDeal({ id: 'lost', name: 'Lost', probability: 0, closingDate: null }),
    ];
    expect(sortDeals(deals).map((deal) => deal.id)).toEqual([
      'soon-a',
      'soon-b',
      'late',
      'undated',
      'won',
      'lost',
    ]);
  });

  test('leaves its input as it was', () => {
    const deals = [makeDeal({ id: 'b', probability: 0 }), makeDeal({ id: 'a' })];
    sortDeals(deals);
    expect(deals.map((deal) => deal.id)).toEqual(['b', 'a']);
  });
});

describe('labels', () => {
  const closes = (date: string) => `closes ${date}`;

  test.each([
    [{}, 'Website redesign — Negotiation · ¥1,200,000 · closes Mar 5, 2026'],
    [{ amount: null, closingDate: null }, 'Website redesign — Negotiation'],
    [{ stage: '', amount: null, closingDate: null }, 'Website redesign'],
    [
      { amount: 123_456, currency: 'USD', stage: 'Qualification' },
      'Website redesign — Qualification · $1,234.56 · closes Mar 5, 2026',
    ],
  ])('%j → %s', (overrides, label) => {
    expect(dealOptionLabel({ deal: makeDeal(overrides), locale: 'en', closes })).toBe(label);
  });

  test('amounts are in the deal’s own currency', () => {
    expect(dealAmount(makeDeal({ amount: 500, currency: 'EUR' }), 'en')).toBe('€5.00');
    expect(dealAmount(makeDeal({ amount: null }), 'en')).toBeNull();
  });
});

describe('dealIdAfterCustomerChange', () => {
  const deal = makeDeal({ customerId: 'cust-1' });
  test.each([
    ['keeps the new customer’s deal', { dealId: 'deal-1', deal, customerId: 'cust-1' }, 'deal-1'],
    ['clears another customer’s deal', { dealId: 'deal-1', deal, customerId: 'cust-2' }, ''],
    [
      'clears a deal no longer cached',
      { dealId: 'deal-1', deal: undefined, customerId: 'cust-1' },
      '',
    ],
    ['keeps no deal', { dealId: '', deal: undefined, customerId: 'cust-2' }, ''],
  ])('%s', (_, input, expected) => {
    expect(dealIdAfterCustomerChange({ ...input, locked: false })).toBe(expected);
  });

  test('never clears a link made by automation', () => {
    expect(
      dealIdAfterCustomerChange({ dealId: 'deal-1', deal, customerId: 'cust-2', locked: true }),
    ).toBe('deal-1');
  });
});

describe('formatAge', () => {
  const now = new Date('2026-01-10T12:00:00.000Z');
  test.each([
    ['2026-01-10T12:00:00.000Z', 'en', 'this minute'],
    ['2026-01-10T12:00:30.000Z', 'en', 'this minute'],
    ['2026-01-10T11:59:30.000Z', 'ja', '1 分以内'],
    ['2026-01-10T11:48:00.000Z', 'en', '12 minutes ago'],
    ['2026-01-10T09:59:00.000Z', 'en', '2 hours ago'],
    ['2026-01-09T11:00:00.000Z', 'en', 'yesterday'],
    ['2026-01-05T12:00:00.000Z', 'en', '5 days ago'],
    ['2026-01-10T11:48:00.000Z', 'ja', '12 分前'],
  ])('%s in %s → %s', (from, locale, text) => {
    expect(formatAge({ from, now, locale })).toBe(text);
  });
});

describe('crmInfoFailure', () => {
  test.each([
    [new NetworkError(new TypeError('fetch failed')), 'offline'],
    [new ApiError(404, 'CRM_NOT_LINKED', 'not linked'), 'notLinked'],
    [new ApiError(404, 'CRM_RECORD_NOT_FOUND', 'deleted in the CRM'), 'gone'],
    [new ApiError(502, 'CRM_UNAVAILABLE', 'down'), 'crm'],
    [new ApiError(429, 'CRM_RATE_LIMITED', 'slow down'), 'crm'],
    [new ApiError(502, 'UNEXPECTED_RESPONSE', 'HTTP 502'), 'crm'],
    [new ApiError(403, 'FORBIDDEN', 'no'), 'failed'],
    [new Error('boom'), 'failed'],
  ])('%s → %s', (error, kind) => {
    expect(crmInfoFailure(error)).toBe(kind);
  });
});

describe('logEntryText', () => {
  const entry = { stage: 'Closed Won', message: 'Closed Won → created INV-000042' } as const;
  test.each([
    [
      { step: 'createDocument', outcome: 'acted', code: null },
      { key: 'crmDeals.log.acted.createDocument', params: { stage: 'Closed Won' } },
    ],
    [
      { step: 'skip', outcome: 'skipped', code: 'SENT' },
      { key: 'crmDeals.log.skip.SENT', params: { stage: 'Closed Won' } },
    ],
    [
      { step: 'voidDocument', outcome: 'failed', code: 'CRM_UNAVAILABLE' },
      {
        key: 'crmDeals.log.failed.voidDocument',
        params: { stage: 'Closed Won', code: 'CRM_UNAVAILABLE' },
      },
    ],
    [
      { step: 'skip', outcome: 'skipped', code: 'SOMETHING_NEW' },
      { text: 'Closed Won → created INV-000042' },
    ],
    [
      { step: 'createDocument', outcome: 'planned', code: null },
      { text: 'Closed Won → created INV-000042' },
    ],
  ] as const)('%j', (input, text) => {
    expect(logEntryText({ ...entry, ...input })).toEqual(text);
  });

  test('an empty stage reads as a dash', () => {
    expect(
      logEntryText({ ...entry, stage: '', step: 'createQuote', outcome: 'acted', code: null }),
    ).toEqual({ key: 'crmDeals.log.acted.createQuote', params: { stage: '—' } });
  });
});

describe('automationNote', () => {
  test('made by automation, then released by a person', () => {
    const automation = {
      dealId: 'deal-1',
      trigger: 'won',
      at: '2026-01-10T03:04:00.000Z',
    } as const;
    expect(automationNote(automation, 'en').key).toBe('crmDeals.automation.made');
    const released = automationNote(
      { ...automation, releasedAt: '2026-01-11T03:04:00.000Z' },
      'en',
    );
    expect(released.key).toBe('crmDeals.automation.released');
    expect(released.params?.date).toMatch(/Jan 11, 2026/);
  });
});
