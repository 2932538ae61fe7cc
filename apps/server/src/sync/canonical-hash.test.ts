import { describe, expect, it } from 'vitest';
import { canonicalJson, mutationBodyHash } from './canonical-hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order never changes the text', () => {
    const a = { b: 1, a: { d: [1, { z: 'x', y: null }], c: true } };
    const b = { a: { c: true, d: [1, { y: null, z: 'x' }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":true,"d":[1,{"y":null,"z":"x"}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('leaves out undefined fields, reads undefined as null elsewhere, and is valid JSON', () => {
    const value = { kept: 'é "quoted"\n', gone: undefined, list: [undefined, 2] };
    const text = canonicalJson(value);
    expect(text).toBe('{"kept":"é \\"quoted\\"\\n","list":[null,2]}');
    expect(JSON.parse(text)).toEqual({ kept: 'é "quoted"\n', list: [null, 2] });
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('orders keys by code unit, as JSON text compares them (upper case before lower, digits first)', () => {
    expect(canonicalJson({ b: 1, B: 2, '1': 3, ä: 4 })).toBe('{"1":3,"B":2,"b":1,"ä":4}');
  });
});

describe('mutationBodyHash', () => {
  it('hashes the same mutation the same whatever its key order, and a changed argument differently', () => {
    const one = mutationBodyHash({
      name: 'customer.patch',
      entityId: 'c1',
      args: { displayName: 'A', phone: '1' },
      baseVersion: 2,
    });
    const reordered = mutationBodyHash({
      baseVersion: 2,
      args: { phone: '1', displayName: 'A' },
      entityId: 'c1',
      name: 'customer.patch',
    });
    const changed = mutationBodyHash({
      name: 'customer.patch',
      entityId: 'c1',
      args: { displayName: 'B', phone: '1' },
      baseVersion: 2,
    });
    expect(reordered).toBe(one);
    expect(changed).not.toBe(one);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
  });
});
