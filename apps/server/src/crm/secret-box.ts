import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Which column a sealed value belongs to: part of the associated data. */
export type SecretPurpose = 'client_secret' | 'refresh_token' | 'access_token' | 'panel_secret';

/** Binds a sealed value to its organization and column, so it cannot be moved elsewhere. */
export interface SecretContext {
  organizationId: string;
  purpose: SecretPurpose;
}

/** Encrypts CRM secrets at rest. */
export interface SecretBox {
  seal(plaintext: string, context: SecretContext): string;
  /** The plaintext, or a `SecretBoxError` for a wrong key, a tampered value or a wrong context. */
  open(sealed: string, context: SecretContext): string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_FILE = 'secret.key';

const associatedData = ({ organizationId, purpose }: SecretContext): Buffer =>
  Buffer.from(JSON.stringify(['kanjo-crm', organizationId, purpose]), 'utf8');

/**
 * AES-256-GCM with a random 96-bit IV per value; the sealed form is
 * `v1.` + base64url(iv | ciphertext | tag).
 *
 * @example
 * const box = createSecretBox(key);
 * const sealed = box.seal(refreshToken, { organizationId, purpose: 'refresh_token' });
 * box.open(sealed, { organizationId, purpose: 'refresh_token' }) === refreshToken;
 */
export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(`The secret key must be ${KEY_BYTES} bytes, not ${key.length}.`);
  }
  const keyBuffer = Buffer.from(key);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyBuffer, iv);
      cipher.setAAD(associatedData(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(sealed, context) {
      if (!sealed.startsWith(VERSION)) {
        throw new SecretBoxError('Unknown sealed secret format.');
      }
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('Sealed secret too short.');
      const iv = raw.subarray(0, IV_BYTES);
      const tag = raw.subarray(raw.length - TAG_BYTES);
      const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyBuffer, iv);
        decipher.setAAD(associatedData(context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'A stored secret cannot be decrypted: the key changed, or the value was altered or moved.',
        );
      }
    },
  };
}

const KEY_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A 32-byte key from base64 or base64url text, or an error that says what is wrong. */
export function parseSecretKey(text: string, source = 'KANJO_SECRET_KEY'): Uint8Array {
  const trimmed = text.trim();
  const hint = 'Make one with `openssl rand -base64 32`.';
  if (!KEY_TEXT.test(trimmed)) {
    throw new SecretBoxError(`${source} must be 32 bytes in base64 or base64url. ${hint}`);
  }
  // Node's base64 decoder reads the base64url alphabet too.
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      `${source} must decode to exactly ${KEY_BYTES} bytes, not ${key.length}. ${hint}`,
    );
  }
  return new Uint8Array(key);
}

export interface LoadedSecretKey {
  key: Uint8Array;
  source: 'env' | 'file' | 'new-file';
  /** The key file's path, when the key came from (or went to) one. */
  file?: string;
}

/**
 * The secrets key: `KANJO_SECRET_KEY` when set, else `DATA_DIR/secret.key`,
 * generated on first start with mode 0600 and reused after.
 *
 * @example
 * const { key } = loadSecretKey({ envKey: process.env.KANJO_SECRET_KEY, dataDir });
 */
export function loadSecretKey({
  envKey,
  dataDir,
}: {
  envKey: string | undefined;
  dataDir: string;
}): LoadedSecretKey {
  if (envKey !== undefined && envKey.trim() !== '') {
    return { key: parseSecretKey(envKey), source: 'env' };
  }
  const file = join(dataDir, SECRET_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return { key: parseSecretKey(existing, file), source: 'file', file };
  const key = randomBytes(KEY_BYTES);
  // `wx`: never overwrite a key another process wrote a moment ago.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: new Uint8Array(key), source: 'new-file', file };
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
