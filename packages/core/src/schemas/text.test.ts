import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { dateSchema } from './common';
import { customerCreateSchema } from './customer';
import { invoiceCreateSchema } from './documents';
import { TEXT_MESSAGES, multiLineText, singleLineText } from './text';

/** The value kept, or the first issue's message. */
function outcome(schema: v.GenericSchema, input: unknown): string {
  const result = v.safeParse(schema, input);
  return result.success ? `ok ${JSON.stringify(result.output)}` : result.issues[0].message;
}

const ok = (value: string) => `ok ${JSON.stringify(value)}`;

describe('singleLineText', () => {
  const schema = singleLineText(10, { required: true });
  it.each([
    ['plain', 'Acme', ok('Acme')],
    ['trimmed', '  Acme\t', ok('Acme')],
    ['NFD becomes NFC', 'Cafe\u0301', ok('Caf\u00e9')],
    ['half-width kana kept as typed (NFC, not NFKC)', 'ｶﾝｼﾞｮｳ', ok('ｶﾝｼﾞｮｳ')],
    ['a pair (emoji) is fine', 'A\ud83d\ude00', ok('A\ud83d\ude00')],
    ['NUL', 'Ac\u0000me', TEXT_MESSAGES.control],
    ['a tab inside', 'Ac\tme', TEXT_MESSAGES.control],
    ['DEL', 'Ac\u007fme', TEXT_MESSAGES.control],
    ['a C1 control', 'Ac\u0090me', TEXT_MESSAGES.control],
    ['LF', 'Ac\nme', TEXT_MESSAGES.lineBreak],
    ['CR LF', 'Ac\r\nme', TEXT_MESSAGES.lineBreak],
    ['CR', 'Ac\rme', TEXT_MESSAGES.lineBreak],
    ['a line separator', 'Ac\u2028me', TEXT_MESSAGES.lineBreak],
    ['a lone high surrogate', 'Ac\ud800me', TEXT_MESSAGES.surrogate],
    ['a lone low surrogate', 'Acme\udfff', TEXT_MESSAGES.surrogate],
    ['right-to-left override', 'Acme\u202egnp.exe', TEXT_MESSAGES.bidi],
    ['left-to-right embedding', '\u202aAcme', TEXT_MESSAGES.bidi],
    ['first-strong isolate', 'Ac\u2068me', TEXT_MESSAGES.bidi],
    ['pop directional isolate', 'Acme\u2069', TEXT_MESSAGES.bidi],
    ['empty', '   ', 'Must not be empty'],
    ['too long', 'x'.repeat(11), 'Must be at most 10 characters'],
    ['at the length limit after NFC', 'e\u0301'.repeat(10), ok('\u00e9'.repeat(10))],
  ])('%s', (_label, input, expected) => {
    expect(outcome(schema, input)).toBe(expected);
  });

  it('may be empty unless required', () => {
    expect(outcome(singleLineText(10), ' ')).toBe(ok(''));
  });
});

describe('multiLineText', () => {
  const schema = multiLineText(20);
  it.each([
    ['lines kept', 'Net 30\nThanks', ok('Net 30\nThanks')],
    ['CRLF becomes LF', 'Net 30\r\nThanks\r\n', ok('Net 30\nThanks')],
    ['a tab is fine', 'a\tb', ok('a\tb')],
    ['bidi text is allowed in prose', 'שלום \u2067x\u2069', ok('שלום \u2067x\u2069')],
    ['NFD becomes NFC', 'Cafe\u0301\nok', ok('Caf\u00e9\nok')],
    ['a CR on its own', 'Net 30\rThanks', TEXT_MESSAGES.control],
    ['NUL', 'a\u0000b', TEXT_MESSAGES.control],
    ['vertical tab', 'a\u000bb', TEXT_MESSAGES.control],
    ['escape', 'a\u001b[31mb', TEXT_MESSAGES.control],
    ['a lone surrogate', 'a\udc00b', TEXT_MESSAGES.surrogate],
    ['too long', 'x'.repeat(21), 'Must be at most 20 characters'],
  ])('%s', (_label, input, expected) => {
    expect(outcome(schema, input)).toBe(expected);
  });
});

describe('dateSchema', () => {
  it.each([
    ['2026-02-28', 'ok'],
    ['2024-02-29', 'ok'],
    ['1900-01-01', 'ok'],
    ['2999-12-31', 'ok'],
    ['2026-02-30', 'Must be a real date as YYYY-MM-DD'],
    ['2026-02-29', 'Must be a real date as YYYY-MM-DD'],
    ['2026-13-01', 'Must be a real date as YYYY-MM-DD'],
    ['26-01-01', 'Must be a real date as YYYY-MM-DD'],
    ['2026-01-01T00:00:00Z', 'Must be a real date as YYYY-MM-DD'],
    ['0000-01-01', 'Must be from 1900-01-01 to 2999-12-31'],
    ['1899-12-31', 'Must be from 1900-01-01 to 2999-12-31'],
    ['3000-01-01', 'Must be from 1900-01-01 to 2999-12-31'],
    ['9999-12-31', 'Must be from 1900-01-01 to 2999-12-31'],
  ])('%s → %s', (input, expected) => {
    const result = v.safeParse(dateSchema, input);
    expect(result.success ? 'ok' : result.issues.map((issue) => issue.message).join('; ')).toBe(
      expected,
    );
  });
});

describe('the fields that use them', () => {
  it.each([
    [{ displayName: 'Acme\u0000' }, 'displayName'],
    [{ displayName: 'Acme', companyName: 'A\r\nB' }, 'companyName'],
    [{ displayName: 'Acme', email: 'a\u202e@example.com' }, 'email'],
    [{ displayName: 'Acme', billingAddress: { city: 'To\nkyo' } }, 'billingAddress.city'],
    [
      { displayName: 'Acme', contactPersons: [{ lastName: '\ud800' }] },
      'contactPersons.0.lastName',
    ],
  ])('a customer with %j is refused at %s', (fields, path) => {
    const result = v.safeParse(customerCreateSchema, { kind: 'business', ...fields });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(path);
  });

  it('keeps line breaks in notes and the street, not in names', () => {
    const parsed = v.parse(customerCreateSchema, {
      kind: 'business',
      displayName: 'Cafe\u0301',
      notes: 'one\r\ntwo',
      billingAddress: { street: '1-2-3 Chiyoda\r\nBuilding 4' },
    });
    expect(parsed).toMatchObject({
      displayName: 'Caf\u00e9',
      notes: 'one\ntwo',
      billingAddress: { street: '1-2-3 Chiyoda\nBuilding 4' },
    });
  });

  it.each([
    [{ issueDate: '0000-01-01' }, 'issueDate'],
    [{ dueDate: '2026-02-30' }, 'dueDate'],
    [{ referenceNumber: 'PO\u202e1' }, 'referenceNumber'],
    [{ lines: [{ name: 'A\nB', quantity: '1', rate: 1 }] }, 'lines.0.name'],
  ])('an invoice with %j is refused at %s', (fields, path) => {
    const result = v.safeParse(invoiceCreateSchema, { customerId: 'cust-1', ...fields });
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual([path]);
  });
});
