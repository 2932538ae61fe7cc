import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MergeResult } from './merge';
import { firstLinkMerge, mergeRecord } from './merge';
import type { ConflictRule, SyncExtent } from './settings';
import type { FieldValue, FlatFields } from './values';
import { valuesEqual } from './values';

type Scenario = 'unchanged' | 'localOnly' | 'remoteOnly' | 'bothEqual' | 'bothDifferent';
const SIDES: Record<Scenario, { local: string; remote: string }> = {
  unchanged: { local: 'a', remote: 'a' },
  localOnly: { local: 'x', remote: 'a' },
  remoteOnly: { local: 'a', remote: 'y' },
  bothEqual: { local: 'x', remote: 'x' },
  bothDifferent: { local: 'x', remote: 'y' },
};

type Expected = {
  merged: string;
  toLocal?: string;
  toRemote?: string;
  resolution?: 'remote' | 'local' | 'held';
};

const RULES: ConflictRule[] = ['crmWins', 'kanjoWins', 'ask'];
const sameForEveryRule = (scenario: Scenario, extent: SyncExtent, expected: Expected) =>
  RULES.map((rule) => [scenario, rule, extent, expected] as const);

const TRUTH_TABLE: readonly (readonly [Scenario, ConflictRule, SyncExtent, Expected])[] = [
  ...sameForEveryRule('unchanged', 'both', { merged: 'a' }),
  ...sameForEveryRule('localOnly', 'both', { merged: 'x', toRemote: 'x' }),
  ...sameForEveryRule('remoteOnly', 'both', { merged: 'y', toLocal: 'y' }),
  ...sameForEveryRule('bothEqual', 'both', { merged: 'x' }),
  ['bothDifferent', 'crmWins', 'both', { merged: 'y', toLocal: 'y', resolution: 'remote' }],
  ['bothDifferent', 'kanjoWins', 'both', { merged: 'x', toRemote: 'x', resolution: 'local' }],
  ['bothDifferent', 'ask', 'both', { merged: 'a', resolution: 'held' }],
  // fetch: nothing goes to the CRM; the base follows the CRM; a CRM change overwrites.
  ...sameForEveryRule('unchanged', 'fetch', { merged: 'a' }),
  ...sameForEveryRule('localOnly', 'fetch', { merged: 'a' }),
  ...sameForEveryRule('remoteOnly', 'fetch', { merged: 'y', toLocal: 'y' }),
  ...sameForEveryRule('bothEqual', 'fetch', { merged: 'x' }),
  ...sameForEveryRule('bothDifferent', 'fetch', {
    merged: 'y',
    toLocal: 'y',
    resolution: 'remote',
  }),
];

describe('mergeRecord truth table', () => {
  it.each(TRUTH_TABLE)('%s, %s, extent %s', (scenario, rule, extent, expected) => {
    const { local, remote } = SIDES[scenario];
    const result = mergeRecord({
      base: { f: 'a' },
      local: { f: local },
      remote: { f: remote },
      rule,
      extent,
    });
    expect(result.merged).toEqual({ f: expected.merged });
    expect(result.toLocal).toEqual(expected.toLocal ? { f: expected.toLocal } : {});
    expect(result.toRemote).toEqual(expected.toRemote ? { f: expected.toRemote } : {});
    const conflicts = expected.resolution
      ? [{ field: 'f', base: 'a', local, remote, resolution: expected.resolution }]
      : [];
    expect(result.conflicts).toEqual(conflicts);
  });

  it('treats empty text, null and absent as the same value, and trims', () => {
    const result = mergeRecord({
      base: { a: '', b: null, c: ' x ' },
      local: { b: '', c: 'x' },
      remote: { a: null, c: 'x  ' },
      rule: 'ask',
    });
    expect(result).toEqual({
      merged: { a: null, b: null, c: 'x' },
      toLocal: {},
      toRemote: {},
      conflicts: [],
    });
  });

  it('compares numbers as numbers', () => {
    const result = mergeRecord({
      base: { n: 12.5 },
      local: { n: 12.5 },
      remote: { n: '12.50' },
      rule: 'ask',
    });
    expect(result.toLocal).toEqual({});
    expect(result.conflicts).toEqual([]);
  });
});

describe('firstLinkMerge (duplicates: overwrite)', () => {
  const local = { name: 'Acme', phone: '03-1', fax: null, notes: 'kanjo', city: 'Osaka' };
  const remote = { name: 'Acme', phone: null, fax: '03-9', notes: 'crm', city: '' };

  it('both ways: CRM values win, Kanjo fills what the CRM lacks', () => {
    const result = firstLinkMerge({ local, remote, extent: 'both' });
    expect(result.toLocal).toEqual({ fax: '03-9', notes: 'crm' });
    expect(result.toRemote).toEqual({ phone: '03-1', city: 'Osaka' });
    expect(result.merged).toEqual({
      name: 'Acme',
      phone: '03-1',
      fax: '03-9',
      notes: 'crm',
      city: 'Osaka',
    });
    expect(result.conflicts).toEqual([
      { field: 'notes', base: null, local: 'kanjo', remote: 'crm', resolution: 'remote' },
    ]);
  });

  it('fetch: nothing goes to the CRM and Kanjo keeps what the CRM lacks', () => {
    const result = firstLinkMerge({ local, remote, extent: 'fetch' });
    expect(result.toLocal).toEqual({ fax: '03-9', notes: 'crm' });
    expect(result.toRemote).toEqual({});
    expect(result.merged).toMatchObject({ phone: null, city: null });
  });
});

const KEYS = ['a', 'b', 'c', 'd'];
const value = fc.constantFrom<FieldValue>(null, '', 'p', ' p', 'q', 'r', 1, 2, true, false);
const flat = fc.dictionary(fc.constantFrom(...KEYS), value);
const rule = fc.constantFrom<ConflictRule>('crmWins', 'kanjoWins', 'ask');
const MIRROR: Record<ConflictRule, ConflictRule> = {
  crmWins: 'kanjoWins',
  kanjoWins: 'crmWins',
  ask: 'ask',
};
const FLIP = { remote: 'local', local: 'remote', held: 'held' } as const;

function applied(side: FlatFields, writes: FlatFields): FlatFields {
  return { ...side, ...writes };
}

describe('mergeRecord properties', () => {
  it('with Kanjo unchanged, the CRM values win everywhere, without conflicts', () => {
    fc.assert(
      fc.property(flat, flat, rule, (base, remote, chosen) => {
        const result = mergeRecord({ base, local: base, remote, rule: chosen });
        expect(result.conflicts).toEqual([]);
        expect(result.toRemote).toEqual({});
        for (const key of Object.keys(result.merged)) {
          expect(valuesEqual(result.merged[key], remote[key])).toBe(true);
        }
      }),
    );
  });

  it('swapping the sides and crmWins ↔ kanjoWins mirrors the result', () => {
    fc.assert(
      fc.property(flat, flat, flat, rule, (base, local, remote, chosen) => {
        const result = mergeRecord({ base, local, remote, rule: chosen });
        const mirror = mergeRecord({ base, local: remote, remote: local, rule: MIRROR[chosen] });
        expect(mirror.merged).toEqual(result.merged);
        expect(mirror.toLocal).toEqual(result.toRemote);
        expect(mirror.toRemote).toEqual(result.toLocal);
        expect(mirror.conflicts).toEqual(
          result.conflicts.map((c) => ({
            ...c,
            local: c.remote,
            remote: c.local,
            resolution: FLIP[c.resolution],
          })),
        );
      }),
    );
  });

  it('never writes a field to both sides, and both sides converge except held fields', () => {
    fc.assert(
      fc.property(flat, flat, flat, rule, (base, local, remote, chosen) => {
        const result = mergeRecord({ base, local, remote, rule: chosen });
        assertConverges(result, local, remote);
      }),
    );
  });

  it('fetch never writes to the CRM', () => {
    fc.assert(
      fc.property(flat, flat, flat, rule, (base, local, remote, chosen) => {
        const result = mergeRecord({ base, local, remote, rule: chosen, extent: 'fetch' });
        expect(result.toRemote).toEqual({});
        for (const key of Object.keys(result.merged)) {
          expect(valuesEqual(result.merged[key], remote[key])).toBe(true);
        }
      }),
    );
  });

  it('a first link converges, and never changes a CRM value that was there', () => {
    fc.assert(
      fc.property(flat, flat, (local, remote) => {
        const result = firstLinkMerge({ local, remote, extent: 'both' });
        assertConverges(result, local, remote);
        for (const key of Object.keys(result.toRemote)) {
          expect(valuesEqual(remote[key], null)).toBe(true);
        }
      }),
    );
  });
});

function assertConverges(result: MergeResult, local: FlatFields, remote: FlatFields): void {
  const written = Object.keys(result.toLocal).filter((key) => Object.hasOwn(result.toRemote, key));
  expect(written).toEqual([]);
  const held = new Set(result.conflicts.filter((c) => c.resolution === 'held').map((c) => c.field));
  const nextLocal = applied(local, result.toLocal);
  const nextRemote = applied(remote, result.toRemote);
  for (const key of Object.keys(result.merged).filter((k) => !held.has(k))) {
    expect(valuesEqual(nextLocal[key], result.merged[key])).toBe(true);
    expect(valuesEqual(nextRemote[key], result.merged[key])).toBe(true);
  }
}
