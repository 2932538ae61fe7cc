import { describe, expect, test } from 'vitest';
import { readPanelQuery } from './panel-query';

const full = 'org=o1&module=Accounts&id=42&user=7&profile=9&exp=1767225600&sig=abc123';

describe('readPanelQuery', () => {
  test('keeps the query exactly as received, for the signature', () => {
    const encoded = 'org=o%201&module=Deals&id=4%2F2&user=7&profile=9&exp=1767225600&sig=ff';
    expect(readPanelQuery(`?${encoded}`)).toEqual({
      raw: encoded,
      module: 'Deals',
      recordId: '4/2',
    });
  });

  test('reads a query without its question mark', () => {
    expect(readPanelQuery(full)?.module).toBe('Accounts');
  });

  test.each([
    ['no query', ''],
    ['no signature', full.replace('&sig=abc123', '')],
    ['empty signature', full.replace('sig=abc123', 'sig=')],
    ['no record', full.replace('id=42&', '')],
    ['no profile', full.replace('profile=9&', '')],
    ['an unknown module', full.replace('Accounts', 'Leads')],
    ['an expiry that is not a number', full.replace('1767225600', 'soon')],
  ])('%s is not a panel link', (_name, search) => {
    expect(readPanelQuery(search)).toBeNull();
  });
});
