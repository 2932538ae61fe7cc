import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSecretBox,
  loadSecretKey,
  parseSecretKey,
  SecretBoxError,
  type SecretContext,
} from './secret-box';

const key = new Uint8Array(32).fill(1);
const ctx: SecretContext = { organizationId: 'org-a', purpose: 'refresh_token' };

describe('secret box', () => {
  it('round-trips, with a fresh IV for every value', () => {
    const box = createSecretBox(key);
    const a = box.seal('1000.refresh.secret', ctx);
    const b = box.seal('1000.refresh.secret', ctx);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('refresh');
    expect(box.open(a, ctx)).toBe('1000.refresh.secret');
    expect(box.open(b, ctx)).toBe('1000.refresh.secret');
  });

  it('refuses a tampered value', () => {
    const box = createSecretBox(key);
    const sealed = box.seal('secret', ctx);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => box.open(`v1.${raw.toString('base64url')}`, ctx)).toThrow(SecretBoxError);
    expect(() => box.open(sealed.replace('v1.', 'v9.'), ctx)).toThrow(SecretBoxError);
    expect(() => box.open('v1.abc', ctx)).toThrow(SecretBoxError);
  });

  it.each([
    ['another organization', { organizationId: 'org-b', purpose: 'refresh_token' }],
    ['another column', { organizationId: 'org-a', purpose: 'client_secret' }],
  ] as const)('refuses a value moved to %s', (_what, other) => {
    const box = createSecretBox(key);
    expect(() => box.open(box.seal('secret', ctx), other)).toThrow(SecretBoxError);
  });

  it('refuses a value sealed with another key', () => {
    const sealed = createSecretBox(key).seal('secret', ctx);
    expect(() => createSecretBox(new Uint8Array(32).fill(2)).open(sealed, ctx)).toThrow(
      /cannot be decrypted/,
    );
  });
});

describe('secret key', () => {
  const good = Buffer.alloc(32, 0xfb);

  it('reads base64 and base64url of exactly 32 bytes', () => {
    expect(parseSecretKey(good.toString('base64'))).toEqual(new Uint8Array(good));
    expect(parseSecretKey(` ${good.toString('base64url')}\n`)).toEqual(new Uint8Array(good));
  });

  it.each([
    ['too short', Buffer.alloc(16, 1).toString('base64')],
    ['too long', Buffer.alloc(33, 1).toString('base64')],
    ['not base64', 'this is not a key!'],
    ['hex', good.toString('hex').slice(0, 44)],
  ])('refuses a key that is %s, saying what is wrong', (_what, text) => {
    expect(() => parseSecretKey(text)).toThrow(SecretBoxError);
    expect(() => parseSecretKey(text)).toThrow(/KANJO_SECRET_KEY must/);
  });

  it('prefers KANJO_SECRET_KEY, and stops on a bad one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-key-'));
    expect(loadSecretKey({ envKey: good.toString('base64'), dataDir })).toMatchObject({
      source: 'env',
    });
    expect(() => loadSecretKey({ envKey: 'short', dataDir })).toThrow(/KANJO_SECRET_KEY/);
  });

  it('creates a 0600 key file on first start and reuses it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanjo-key-'));
    const first = loadSecretKey({ envKey: undefined, dataDir });
    expect(first.source).toBe('new-file');
    const file = join(dataDir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    const second = loadSecretKey({ envKey: '', dataDir });
    expect(second.source).toBe('file');
    expect(second.key).toEqual(first.key);
  });
});
