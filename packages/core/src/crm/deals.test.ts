import { describe, expect, it } from 'vitest';
import { dealFromCrm, lookupId } from './deals';

const context = {
  customerId: 'c1',
  customerModule: 'Accounts' as const,
  crmCurrency: 'JPY',
  syncedAt: '2026-11-29T00:00:00.000Z',
};

describe('dealFromCrm', () => {
  it('maps a Zoho deal, with the amount in minor units of its currency', () => {
    expect(
      dealFromCrm(
        {
          id: '42',
          Deal_Name: 'Rollout',
          Stage: 'Closed Won',
          Probability: 100,
          Amount: 1234.5,
          Currency: 'USD',
          Closing_Date: '2026-12-31',
          Owner: { id: '7', name: 'Sato', email: 'sato@example.com' },
          Description: 'Phase 1',
          Pipeline: 'Standard',
          Created_Time: '2026-11-01T09:00:00+09:00',
          Modified_Time: '2026-11-02T09:00:00+09:00',
        },
        context,
      ),
    ).toEqual({
      id: '42',
      customerId: 'c1',
      customerModule: 'Accounts',
      name: 'Rollout',
      stage: 'Closed Won',
      probability: 100,
      amount: 123450,
      currency: 'USD',
      closingDate: '2026-12-31',
      owner: { id: '7', name: 'Sato', email: 'sato@example.com' },
      description: 'Phase 1',
      pipeline: 'Standard',
      crmCreatedTime: '2026-11-01T00:00:00.000Z',
      crmModifiedTime: '2026-11-02T00:00:00.000Z',
      syncedAt: context.syncedAt,
    });
  });

  it.each([
    ['no currency: the CRM base currency', { Amount: 500000 }, 'JPY', 500000],
    ['an unknown currency: the CRM base currency', { Amount: 10, Currency: 'XXZ' }, 'JPY', 10],
    ['3 decimals (BHD)', { Amount: 1.234, Currency: 'BHD' }, 'BHD', 1234],
    [
      'more decimals than the currency: rounded half up',
      { Amount: 10.005, Currency: 'USD' },
      'USD',
      1001,
    ],
    ['no amount', { Amount: null }, 'JPY', null],
    ['an unreadable amount', { Amount: 'lots' }, 'JPY', null],
  ] as const)('%s', (_name, fields, currency, amount) => {
    const deal = dealFromCrm({ id: '1', Deal_Name: 'D', Stage: 'S', ...fields }, context);
    expect(deal.currency).toBe(currency);
    expect(deal.amount).toBe(amount);
  });

  it('drops what it cannot read instead of failing', () => {
    const deal = dealFromCrm(
      { id: 9, Probability: 140, Closing_Date: 'soon', Owner: 'me', Modified_Time: 'x' },
      context,
    );
    expect(deal).toMatchObject({
      id: '9',
      name: '',
      stage: '',
      probability: null,
      closingDate: null,
      owner: null,
      crmModifiedTime: null,
    });
  });
});

describe('lookupId', () => {
  it.each([
    [{ id: '1', name: 'Acme' }, '1'],
    [{ name: 'Acme' }, null],
    [null, null],
    ['1', null],
  ])('%j → %j', (value, id) => {
    expect(lookupId(value)).toBe(id);
  });
});
