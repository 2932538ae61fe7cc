import { describe, expect, it } from 'vitest';
import { fromDraft, logoFileProblem, registrationNumberProblem, toDraft } from './profile-draft';

describe('profile draft', () => {
  it('round-trips a profile and leaves blanks out', () => {
    const profile = {
      legalName: '株式会社かんじょう',
      address: { postalCode: '100-0001', state: '東京都' },
      registrationNumber: 'T7123456789012',
    };
    expect(fromDraft(toDraft(profile))).toEqual(profile);
    expect(fromDraft(toDraft(undefined))).toEqual({});
  });

  it('stores the registration number as typed in full width, normalized', () => {
    const draft = { ...toDraft(undefined), registrationNumber: 'Ｔ７１２３-４５６７-８９０１２' };
    expect(fromDraft(draft).registrationNumber).toBe('T7123456789012');
    expect(registrationNumberProblem(draft.registrationNumber)).toBeUndefined();
  });

  it.each([
    ['T712345678901', 'FORMAT'],
    ['T8123456789012', 'CHECK_DIGIT'],
    ['', undefined],
  ])('checks %j: %s', (text, problem) => {
    expect(registrationNumberProblem(text)).toBe(problem);
  });

  it.each([
    [{ type: 'image/gif', size: 10 }, { code: 'TYPE' }],
    [
      { type: 'image/png', size: 300 * 1024 },
      { code: 'SIZE', kilobytes: 300 },
    ],
    [{ type: 'image/jpeg', size: 256 * 1024 }, undefined],
  ])('checks the logo file %j', (file, problem) => {
    expect(logoFileProblem(file)).toEqual(problem);
  });
});
