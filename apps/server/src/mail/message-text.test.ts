import { describe, expect, it } from 'vitest';
import { defaultBody, defaultSubject, type DocumentMailFacts } from './message-text';

const invoice: DocumentMailFacts = {
  kind: 'invoice',
  number: 'INV-000042',
  organizationName: 'Acme',
  customerName: 'Buyer KK',
  currency: 'JPY',
  amount: 11000,
  date: '2026-12-20',
};

describe('default mail text', () => {
  it.each([
    [invoice, 'en', 'Invoice INV-000042 from Acme'],
    [invoice, 'ja', '請求書 INV-000042（Acme）'],
    [{ ...invoice, kind: 'quote', number: 'QT-000001' }, 'en', 'Quote QT-000001 from Acme'],
    [{ ...invoice, kind: 'quote', number: 'QT-000001' }, 'ja', '見積書 QT-000001（Acme）'],
    [{ ...invoice, kind: 'salesOrder', number: 'SO-000007' }, 'ja', '注文請書 SO-000007（Acme）'],
  ] as const)('subject of %o in %s is %s', (facts, locale, subject) => {
    expect(defaultSubject(facts, locale)).toBe(subject);
  });

  it.each([
    ['en', ['Dear Buyer KK,', 'Amount due: ¥11,000', 'Due date: December 20, 2026']],
    ['ja', ['Buyer KK 様', 'ご請求金額: ￥11,000', 'お支払期限: 2026年12月20日']],
  ] as const)('the %s body says the amount due and the due date', (locale, phrases) => {
    const body = defaultBody(invoice, locale);
    for (const phrase of phrases) expect(body).toContain(phrase);
  });

  it('leaves the date out when the document has none', () => {
    const { kind, number, organizationName, customerName, currency, amount } = invoice;
    const facts = { kind, number, organizationName, customerName, currency, amount };
    const body = defaultBody({ ...facts, kind: 'salesOrder' }, 'en');
    expect(body).toContain('Total: ¥11,000');
    expect(body).not.toContain('Date:');
  });
});
