import { describe, expect, it } from 'vitest';
import type { ActionOf, DocumentKind, StatusOf } from './states';
import { ACTIONS, STATUSES, transition } from './states';

/** Every allowed transition; every other (status, action) pair must be refused. */
const ALLOWED: { [K in DocumentKind]: [StatusOf<K>, ActionOf<K>, StatusOf<K>][] } = {
  quote: [
    ['draft', 'send', 'sent'],
    ['sent', 'accept', 'accepted'],
    ['sent', 'decline', 'declined'],
    ['sent', 'expire', 'expired'],
    ['sent', 'convert', 'invoiced'],
    ['accepted', 'convert', 'invoiced'],
  ],
  salesOrder: [
    ['draft', 'confirm', 'confirmed'],
    ['draft', 'void', 'void'],
    ['confirmed', 'close', 'closed'],
    ['confirmed', 'void', 'void'],
    ['confirmed', 'convert', 'closed'],
  ],
  invoice: [
    ['draft', 'issue', 'issued'],
    ['draft', 'markSent', 'issued'],
    ['draft', 'void', 'void'],
    ['issued', 'markSent', 'issued'],
    ['issued', 'void', 'void'],
    ['issued', 'payPartially', 'partially_paid'],
    ['issued', 'payInFull', 'paid'],
    ['partially_paid', 'markSent', 'partially_paid'],
    ['partially_paid', 'payPartially', 'partially_paid'],
    ['partially_paid', 'payInFull', 'paid'],
    ['partially_paid', 'reopen', 'issued'],
    ['partially_paid', 'reopenPartially', 'partially_paid'],
    ['paid', 'reopen', 'issued'],
    ['paid', 'reopenPartially', 'partially_paid'],
  ],
};

function everyPair<K extends DocumentKind>(kind: K): [StatusOf<K>, ActionOf<K>][] {
  const statuses: readonly StatusOf<K>[] = STATUSES[kind];
  const actions: readonly ActionOf<K>[] = ACTIONS[kind];
  return statuses.flatMap((status) =>
    actions.map((action): [StatusOf<K>, ActionOf<K>] => [status, action]),
  );
}

function check<K extends DocumentKind>(kind: K): void {
  const allowed = ALLOWED[kind];
  describe(kind, () => {
    it.each(allowed)('%s --%s--> %s', (from, action, to) => {
      expect(transition(kind, from, action)).toEqual({ ok: true, to });
    });

    const refused = everyPair(kind).filter(
      ([status, action]) => !allowed.some(([from, act]) => from === status && act === action),
    );
    it.each(refused)('refuses %s --%s-->', (from, action) => {
      const result = transition(kind, from, action);
      expect(result.ok).toBe(false);
    });

    it('covers every pair exactly once', () => {
      expect(refused.length + allowed.length).toBe(everyPair(kind).length);
    });
  });
}

check('quote');
check('salesOrder');
check('invoice');

describe('overdue is never a status', () => {
  it.each(['quote', 'salesOrder', 'invoice'] as const)('%s', (kind) => {
    expect(STATUSES[kind]).not.toContain('overdue');
  });
});
