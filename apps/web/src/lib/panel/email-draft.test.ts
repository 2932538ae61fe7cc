import { describe, expect, test } from 'vitest';
import { parseEmailDraft, splitAddresses } from './email-draft';

const blank = { to: '', cc: '', subject: '', message: '' };

describe('the email form', () => {
  test.each([
    ['a@x.jp', ['a@x.jp']],
    [' a@x.jp, b@y.com ;c@z.org ', ['a@x.jp', 'b@y.com', 'c@z.org']],
    ['a@x.jp、b@y.com', ['a@x.jp', 'b@y.com']],
    ['  ', []],
  ])('splits %j', (text, expected) => {
    expect(splitAddresses(text)).toEqual(expected);
  });

  test('sends only what was typed', () => {
    expect(parseEmailDraft({ ...blank, to: 'a@x.jp' })).toEqual({
      ok: true,
      value: { to: ['a@x.jp'] },
    });
    expect(
      parseEmailDraft({ to: 'a@x.jp', cc: 'b@y.com', subject: ' Hi ', message: 'See PDF' }),
    ).toEqual({
      ok: true,
      value: { to: ['a@x.jp'], cc: ['b@y.com'], subject: 'Hi', message: 'See PDF' },
    });
  });

  test.each([
    ['no recipient', blank, { to: { key: 'panel.email.toRequired' } }],
    [
      'a bad recipient, named',
      { ...blank, to: 'a@x.jp, nobody' },
      { to: { key: 'panel.email.invalid', params: { address: 'nobody' } } },
    ],
    [
      'a bad cc',
      { ...blank, to: 'a@x.jp', cc: 'b@' },
      { cc: { key: 'panel.email.invalid', params: { address: 'b@' } } },
    ],
  ])('%s is a problem', (_name, draft, problems) => {
    expect(parseEmailDraft(draft)).toEqual({ ok: false, problems });
  });
});
