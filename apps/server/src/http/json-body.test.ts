import { describe, expect, it } from 'vitest';
import { isJsonMediaType, jsonDepth } from './json-body';

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    [' application/json ', true],
    ['text/plain; x=application/json', false],
    ['text/plain;application/json', false],
    ['application/json-patch+json', false],
    ['application/jsonx', false],
    ['multipart/form-data; boundary=application/json', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, expected) => {
    expect(isJsonMediaType(header)).toBe(expected);
  });
});

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['"[[[{{{"', 0],
    ['{}', 1],
    ['{"a":[1,{"b":2}]}', 3],
    ['["\\"[", ["]"]]', 2],
    ['{"a":"\\\\"}', 1],
    ['[[],[[]],[]]', 3],
  ])('%s → %i', (text, expected) => {
    expect(jsonDepth(text)).toBe(expected);
  });

  it('counts very deep nesting without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonDepth(deep)).toBe(100_000);
  });
});
