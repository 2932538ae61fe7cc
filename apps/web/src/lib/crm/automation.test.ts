import { defaultAutomationSettings, type AutomationLogEntry } from '@kanjo/core';
import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { en, type Catalog } from '../i18n/en';
import { ja } from '../i18n/ja';
import {
  appendOlder,
  describeAutomationFailure,
  describeEntry,
  draftFromSettings,
  lineTaxRateValid,
  entryLink,
  entryTone,
  oldestTime,
  plansByDeal,
  sameRules,
  settingsFromDraft,
  type Translate,
} from './automation';

const translator =
  (catalog: Catalog): Translate =>
  (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
const tEn = translator(en);
const tJa = translator(ja);

function makeEntry(overrides: Partial<AutomationLogEntry> = {}): AutomationLogEntry {
  return {
    id: 'l1',
    dealId: 'd1',
    dealName: 'Tokyo office fit-out',
    stage: 'Closed Won',
    trigger: 'won',
    step: 'createDocument',
    outcome: 'acted',
    code: null,
    documentKind: 'invoice',
    documentId: 'i1',
    documentNumber: 'INV-000042',
    message: 'Closed Won → created INV-000042',
    dryRun: false,
    createdAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

describe('rules form draft ↔ settings', () => {
  test('the defaults survive a round trip', () => {
    const settings = defaultAutomationSettings();
    expect(settingsFromDraft(draftFromSettings(settings))).toEqual(settings);
  });

  test('each control lands in its place', () => {
    const draft = {
      enabled: true,
      createQuote: true,
      acceptQuote: false,
      create: 'salesOrder' as const,
      issue: true,
      declineQuote: false,
      voidDocument: true,
      lineTaxRate: ' 8 ',
    };
    expect(settingsFromDraft(draft)).toEqual({
      enabled: true,
      onCreated: { createQuote: true },
      onWon: { acceptQuote: false, create: 'salesOrder', issue: true },
      onLost: { declineQuote: false, voidDocument: true },
      lineTaxRate: '8',
    });
  });

  test('a blank tax rate is no tax; a wrong one cannot be saved and reads as a change', () => {
    const saved = { ...defaultAutomationSettings(), lineTaxRate: '10' };
    const draft = draftFromSettings(saved);
    expect(draft.lineTaxRate).toBe('10');
    expect(settingsFromDraft({ ...draft, lineTaxRate: '  ' }).lineTaxRate).toBeNull();
    for (const typed of ['10%', '-1', '101', 'ten']) {
      expect(lineTaxRateValid({ lineTaxRate: typed }), typed).toBe(false);
      expect(sameRules({ ...draft, lineTaxRate: typed }, saved)).toBe(false);
    }
    expect(lineTaxRateValid({ lineTaxRate: '12.5' })).toBe(true);
    // Rules saved before the rate existed read as "no tax".
    const { lineTaxRate: _, ...older } = saved;
    expect(draftFromSettings(older).lineTaxRate).toBe('');
  });

  test('"issued" is saved off when won creates nothing', () => {
    const draft = { ...draftFromSettings(defaultAutomationSettings()), create: 'none' as const };
    draft.issue = true;
    expect(settingsFromDraft(draft).onWon).toEqual({
      acceptQuote: true,
      create: 'none',
      issue: false,
    });
  });

  test('a change is noticed; an unsaved meaningless flip is not', () => {
    const saved = {
      ...defaultAutomationSettings(),
      onWon: { acceptQuote: true, create: 'none' as const, issue: false },
    };
    const draft = draftFromSettings(saved);
    expect(sameRules(draft, saved)).toBe(true);
    expect(sameRules({ ...draft, issue: true }, saved)).toBe(true);
    expect(sameRules({ ...draft, enabled: true }, saved)).toBe(false);
  });
});

describe('a log entry in the person’s language', () => {
  test.each<[Partial<AutomationLogEntry>, string, string]>([
    [{}, 'Created invoice INV-000042', '請求書 INV-000042を作成しました'],
    [
      { documentKind: 'salesOrder', documentNumber: null, documentId: 's1' },
      'Created a sales order',
      '受注書を作成しました',
    ],
    [
      { step: 'createQuote', trigger: 'created', documentKind: 'quote', documentNumber: 'QT-7' },
      'Created quote QT-7',
      '見積書 QT-7を作成しました',
    ],
    [
      {
        step: 'createDocument',
        outcome: 'planned',
        documentKind: null,
        documentId: null,
        documentNumber: null,
      },
      'Would create an invoice',
      '請求書を作成します',
    ],
    [
      { step: 'acceptQuote', documentKind: 'quote', documentNumber: 'QT-7' },
      'Marked quote QT-7 accepted',
      '見積書 QT-7を承諾済みにしました',
    ],
    [
      { step: 'voidDocument', outcome: 'planned', trigger: 'lost' },
      'Would void invoice INV-000042',
      '請求書 INV-000042を無効にします',
    ],
    [
      {
        step: 'skip',
        outcome: 'skipped',
        code: 'NOT_LINKED',
        documentKind: null,
        documentId: null,
      },
      'Skipped: the deal is not linked to a synced customer',
      'スキップ: 商談が同期済みの顧客に関連付けられていません',
    ],
    [
      { step: 'skip', outcome: 'skipped', code: 'SENT' },
      'Skipped: invoice INV-000042 was already sent',
      'スキップ: 請求書 INV-000042は送付済みです',
    ],
    [
      { step: 'skip', outcome: 'skipped', code: 'RELEASED', documentNumber: null },
      'Skipped: the draft invoice was changed by a person',
      'スキップ: 下書きの請求書は人が変更しています',
    ],
  ])('%j', (overrides, english, japanese) => {
    const entry = makeEntry(overrides);
    expect(describeEntry(entry, tEn)).toBe(english);
    expect(describeEntry(entry, tJa)).toBe(japanese);
  });

  test('an unknown skip code falls back to the server’s message', () => {
    const entry = makeEntry({
      step: 'skip',
      outcome: 'skipped',
      code: 'SOMETHING_NEW',
      message: 'skipped: something new',
    });
    expect(describeEntry(entry, tJa)).toBe('skipped: something new');
  });

  test('a failure says so, with the server’s reason', () => {
    const entry = makeEntry({
      outcome: 'failed',
      code: 'CRM_RATE_LIMITED',
      message: 'rate limited',
    });
    expect(describeEntry(entry, tEn)).toBe('Failed: rate limited');
    expect(entryTone(entry)).toBe('fail');
  });

  test.each([
    ['acted', 'done'],
    ['planned', 'done'],
    ['skipped', 'skip'],
  ] as const)('%s reads as %s', (outcome, tone) => {
    expect(entryTone({ outcome })).toBe(tone);
  });

  test('links to the document when there is one', () => {
    expect(entryLink(makeEntry())).toBe('/invoices/i1');
    expect(entryLink(makeEntry({ documentKind: 'salesOrder', documentId: 's1' }))).toBe(
      '/sales-orders/s1',
    );
    expect(entryLink(makeEntry({ documentKind: 'quote', documentId: 'q1' }))).toBe('/quotes/q1');
    expect(entryLink(makeEntry({ documentId: null }))).toBeNull();
  });
});

describe('log paging and dry-run grouping', () => {
  test('older entries go below, without repeats; the next page starts before the oldest', () => {
    const a = makeEntry({ id: 'a', createdAt: '2026-11-29T10:00:00.000Z' });
    const b = makeEntry({ id: 'b', createdAt: '2026-11-29T09:00:00.000Z' });
    const c = makeEntry({ id: 'c', createdAt: '2026-11-29T08:00:00.000Z' });
    const shown = appendOlder([a, b], [b, c]);
    expect(shown.map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
    expect(oldestTime(shown)).toBe('2026-11-29T08:00:00.000Z');
    expect(oldestTime([])).toBeUndefined();
  });

  test('dry-run entries are grouped per deal in first-seen order', () => {
    const plans = plansByDeal([
      makeEntry({ id: '1', dealId: 'd2', dealName: 'B' }),
      makeEntry({ id: '2', dealId: 'd1', dealName: 'A' }),
      makeEntry({ id: '3', dealId: 'd2', dealName: 'B' }),
    ]);
    expect(plans.map((plan) => [plan.dealName, plan.entries.map((e) => e.id)])).toEqual([
      ['B', ['1', '3']],
      ['A', ['2']],
    ]);
  });
});

describe('describeAutomationFailure', () => {
  test.each([
    [new NetworkError(new TypeError('fetch')), { key: 'crmAutomation.offline' }],
    [new ApiError(403, 'FORBIDDEN', 'no'), { key: 'crmAutomation.error.forbidden' }],
    [new ApiError(400, 'VALIDATION_FAILED', 'bad'), { key: 'crmAutomation.error.invalid' }],
    [new ApiError(404, 'CRM_NOT_CONNECTED', 'x'), { key: 'crmAutomation.error.notConnected' }],
    [
      new ApiError(500, 'INTERNAL', 'Boom'),
      { key: 'crmAutomation.error.other', params: { message: 'Boom' } },
    ],
    [new Error('?'), { key: 'crmAutomation.error.unknown' }],
  ])('%s', (error, message) => {
    expect(describeAutomationFailure(error)).toEqual(message);
  });
});
