import { describe, expect, it } from 'vitest';
import {
  decideAutomation,
  defaultAutomationSettings,
  firedTriggers,
  type AutomatedDocument,
  type DecideInput,
} from './automation';

const ENABLED_AT = '2026-11-01T00:00:00.000Z';
const AFTER = '2026-11-02T00:00:00.000Z';
const BEFORE = '2026-10-01T00:00:00.000Z';

function input(overrides: Partial<DecideInput> = {}): DecideInput {
  const settings = { ...defaultAutomationSettings(), enabled: true };
  settings.onCreated = { createQuote: true };
  return {
    deal: { probability: 10, crmCreatedTime: AFTER, crmModifiedTime: AFTER, customerId: 'c1' },
    before: { probability: 10 },
    settings,
    enabledAt: ENABLED_AT,
    done: new Set(),
    documents: [],
    ...overrides,
  };
}

function doc(overrides: Partial<AutomatedDocument>): AutomatedDocument {
  return {
    kind: 'invoice',
    id: 'd1',
    number: 'INV-000001',
    status: 'issued',
    automation: { dealId: 'deal', trigger: 'won', at: AFTER },
    ...overrides,
  };
}

const quote = (overrides: Partial<AutomatedDocument> = {}) =>
  doc({
    kind: 'quote',
    id: 'q1',
    number: null,
    status: 'draft',
    automation: { dealId: 'deal', trigger: 'created', at: AFTER },
    ...overrides,
  });

describe('firedTriggers', () => {
  it.each([
    ['a new deal created after the rules were on', { before: undefined }, ['created']],
    [
      'a new deal created before the rules were on',
      {
        before: undefined,
        deal: {
          probability: 10,
          crmCreatedTime: BEFORE,
          crmModifiedTime: BEFORE,
          customerId: 'c1',
        },
      },
      [],
    ],
    [
      'a move to probability 100',
      {
        deal: {
          probability: 100,
          crmCreatedTime: BEFORE,
          crmModifiedTime: AFTER,
          customerId: 'c1',
        },
      },
      ['won'],
    ],
    [
      'a move to probability 0',
      {
        deal: { probability: 0, crmCreatedTime: BEFORE, crmModifiedTime: AFTER, customerId: 'c1' },
      },
      ['lost'],
    ],
    [
      'a won deal edited again (still 100)',
      {
        before: { probability: 100 },
        deal: {
          probability: 100,
          crmCreatedTime: BEFORE,
          crmModifiedTime: AFTER,
          customerId: 'c1',
        },
      },
      [],
    ],
    [
      'a deal first seen already won, changed after the rules were on',
      {
        before: undefined,
        deal: {
          probability: 100,
          crmCreatedTime: BEFORE,
          crmModifiedTime: AFTER,
          customerId: 'c1',
        },
      },
      ['won'],
    ],
    [
      'a deal first seen already won before the rules were on',
      {
        before: undefined,
        deal: {
          probability: 100,
          crmCreatedTime: BEFORE,
          crmModifiedTime: BEFORE,
          customerId: 'c1',
        },
      },
      [],
    ],
    [
      'an open deal moving between open stages',
      {
        deal: { probability: 75, crmCreatedTime: BEFORE, crmModifiedTime: AFTER, customerId: 'c1' },
      },
      [],
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(firedTriggers(input(overrides as Partial<DecideInput>))).toEqual(expected);
  });

  // The CRM stamps whole seconds; the switch-on has milliseconds.
  it.each([
    ['2026-11-01T00:00:05.000Z', '2026-11-01T00:00:05.731Z', ['created']],
    ['2026-11-01T00:00:05.000Z', '2026-11-01T00:00:05.000Z', ['created']],
    ['2026-11-01T00:00:04.000Z', '2026-11-01T00:00:05.001Z', []],
    ['2026-11-01T00:00:06.000Z', '2026-11-01T00:00:05.999Z', ['created']],
  ] as const)('a deal created at %s with the rules on at %s fires %j', (created, on, expected) => {
    const deal = {
      probability: 10,
      crmCreatedTime: created,
      crmModifiedTime: created,
      customerId: 'c1',
    };
    expect(firedTriggers(input({ before: undefined, deal, enabledAt: on }))).toEqual(expected);
  });
});

const won = { probability: 100, crmCreatedTime: BEFORE, crmModifiedTime: AFTER, customerId: 'c1' };
const lost = { ...won, probability: 0 };

describe('decideAutomation', () => {
  it('does nothing while the rules are off', () => {
    const off = input({ deal: won });
    off.settings.enabled = false;
    expect(decideAutomation(off)).toEqual([]);
  });

  it('skips a deal whose customer is not synced, with the reason', () => {
    expect(decideAutomation(input({ deal: { ...won, customerId: null } }))).toEqual([
      { trigger: 'won', steps: [{ do: 'skip', code: 'NOT_LINKED' }] },
    ]);
  });

  it('creates a quote for a new deal, or says the rule is off', () => {
    expect(decideAutomation(input({ before: undefined }))).toEqual([
      { trigger: 'created', steps: [{ do: 'createQuote' }] },
    ]);
    const off = input({ before: undefined });
    off.settings.onCreated.createQuote = false;
    expect(decideAutomation(off)[0]?.steps).toEqual([{ do: 'skip', code: 'RULE_OFF' }]);
  });

  it('on won accepts the automated quote and creates the chosen document', () => {
    const rules = input({ deal: won, documents: [quote()] });
    rules.settings.onWon = { acceptQuote: true, create: 'salesOrder', issue: true };
    expect(decideAutomation(rules)[0]?.steps).toEqual([
      { do: 'acceptQuote', document: quote() },
      { do: 'createDocument', kind: 'salesOrder', issue: true },
    ]);
  });

  it('never acts twice for the same deal and trigger', () => {
    expect(
      decideAutomation(input({ deal: won, done: new Set(['won'] as const) }))[0]?.steps,
    ).toEqual([{ do: 'skip', code: 'ALREADY_DONE' }]);
  });

  it.each([
    ['voids an untouched automated invoice', doc({}), { do: 'voidDocument', document: doc({}) }],
    [
      'leaves an invoice a person sent',
      doc({
        sentAt: AFTER,
        automation: { dealId: 'deal', trigger: 'won', at: AFTER, releasedAt: AFTER },
      }),
      'SENT',
    ],
    [
      'leaves an invoice a person edited',
      doc({ automation: { dealId: 'deal', trigger: 'won', at: AFTER, releasedAt: AFTER } }),
      'RELEASED',
    ],
    ['leaves an invoice with payments', doc({ status: 'partially_paid', amountPaid: 100 }), 'PAID'],
    ['leaves a void invoice', doc({ status: 'void' }), 'ALREADY_FINAL'],
    [
      'voids an untouched automated sales order',
      doc({ kind: 'salesOrder', status: 'confirmed' }),
      { do: 'voidDocument', document: doc({ kind: 'salesOrder', status: 'confirmed' }) },
    ],
  ] as const)('on lost %s', (_name, document, expected) => {
    const rules = input({ deal: lost, documents: [document] });
    rules.settings.onLost = { declineQuote: true, voidDocument: true };
    const step = typeof expected === 'string' ? { do: 'skip', code: expected, document } : expected;
    expect(decideAutomation(rules)[0]?.steps).toEqual([step]);
  });

  it('on lost declines an untouched quote and says when there is nothing to void', () => {
    const rules = input({ deal: lost, documents: [quote({ status: 'sent', number: 'QT-1' })] });
    expect(decideAutomation(rules)[0]?.steps).toEqual([
      { do: 'declineQuote', document: quote({ status: 'sent', number: 'QT-1' }) },
      { do: 'skip', code: 'NO_DOCUMENT' },
    ]);
  });

  it('leaves a quote a person sent', () => {
    const sent = quote({
      status: 'sent',
      automation: { dealId: 'deal', trigger: 'created', at: AFTER, releasedAt: AFTER },
    });
    const rules = input({ deal: won, documents: [sent] });
    rules.settings.onWon.create = 'none';
    expect(decideAutomation(rules)[0]?.steps).toEqual([
      { do: 'skip', code: 'SENT', document: sent },
    ]);
  });
});
