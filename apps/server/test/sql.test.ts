import { describe, expect, it } from 'vitest';
import { makeTestApp, signUp } from './helpers';
import { numberedPlaceholders } from './sql';

describe('numberedPlaceholders', () => {
  it.each([
    ['SELECT 1', 'SELECT 1'],
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2'],
    ["SELECT '?' AS q, x FROM t WHERE a = ?", "SELECT '?' AS q, x FROM t WHERE a = $1"],
    ["SELECT 'it''s ?' FROM t WHERE a = ?", "SELECT 'it''s ?' FROM t WHERE a = $1"],
    [
      'SELECT "odd?name" FROM t WHERE a = ? OR b = ?',
      'SELECT "odd?name" FROM t WHERE a = $1 OR b = $2',
    ],
  ])('%s', (text, expected) => {
    expect(numberedPlaceholders(text)).toBe(expected);
  });
});

describe('raw SQL on the test database', () => {
  it('reads rows, the first row, and counts the rows a write changed', async () => {
    const t = await makeTestApp();
    const { me } = await signUp(t.app, { organizationName: 'Acme' });
    const id = String(me.organization.id);

    expect(await t.sql.all('SELECT name FROM organizations WHERE id = ?', id)).toEqual([
      { name: 'Acme' },
    ]);
    expect(await t.sql.one('SELECT name FROM organizations WHERE id = ?', 'nobody')).toBe(
      undefined,
    );
    expect(await t.sql.run('UPDATE organizations SET name = ? WHERE id = ?', 'Acme KK', id)).toBe(
      1,
    );
    expect(await t.sql.run('UPDATE organizations SET name = ? WHERE id = ?', 'x', 'nobody')).toBe(
      0,
    );
    expect(await t.sql.one<{ name: string }>('SELECT name FROM organizations')).toEqual({
      name: 'Acme KK',
    });
  });
});
