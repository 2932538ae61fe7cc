import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { onSqlite } from './helpers';

/** `npm test` first checks the programs it needs besides Node, and says how to install the missing ones. */
const script = fileURLToPath(new URL('../../../e2e/scripts/machine-check.mjs', import.meta.url));

async function check(env: Record<string, string>) {
  try {
    await promisify(execFile)(process.execPath, [script], { env: { ...process.env, ...env } });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

// Nothing here touches a database: run once, not again in the PostgreSQL run.
describe.skipIf(!onSqlite)('the machine check before npm test', () => {
  it('passes on a machine with everything (this one runs the whole suite)', async () => {
    expect(await check({})).toEqual({ code: 0, stderr: '' });
  });

  it('stops with the one command that installs what is missing', async () => {
    const result = await check({
      CHROMIUM_PATH: '/nowhere/chromium',
      KANJO_POSTGRES_BIN: '/nowhere/postgres',
      PATH: '/nowhere',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Chromium');
    expect(result.stderr).toContain('pdftotext');
    expect(result.stderr).toContain('sudo apt-get install -y chromium poppler-utils postgresql\n');
  });

  it('names only what is missing', async () => {
    const result = await check({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sudo apt-get install -y chromium\n');
  });
});
