import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ZohoError } from '../errors';

/** Zoho's page tokens last 24 hours and reach 100,000 records. */
export const PAGE_TOKEN_SECONDS = 24 * 3600;
export const PAGE_TOKEN_REACH = 100_000;

export interface PageCursor {
  key: number | string;
  id: string;
  /** The page number the token continues with. */
  page: number;
  /** Records already served on this walk. */
  served: number;
}

interface TokenRow {
  binding: string;
  cursor_key: number | string;
  cursor_id: string;
  page: number;
  served: number;
  expires_at: number;
}

/** Opaque page tokens, each bound to the parameters of the request that made it. */
export class PageTokens {
  constructor(private readonly db: Database) {}

  issue(binding: string, cursor: PageCursor, now: number): { token: string; expiresAt: number } {
    const token = randomBytes(24).toString('hex');
    const expiresAt = now + PAGE_TOKEN_SECONDS;
    this.db
      .prepare(
        `INSERT INTO page_tokens (token, binding, cursor_key, cursor_id, page, served, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(token, binding, cursor.key, cursor.id, cursor.page, cursor.served, expiresAt);
    return { token, expiresAt };
  }

  /** The cursor behind `token`; refuses unknown, expired or differently-bound tokens. */
  resolve(token: string, binding: string, now: number): PageCursor {
    const row = this.db.prepare('SELECT * FROM page_tokens WHERE token = ?').get(token) as
      TokenRow | undefined;
    if (!row) {
      throw new ZohoError('INVALID_DATA', 'invalid page token', 400, { param_name: 'page_token' });
    }
    if (row.expires_at <= now) {
      throw new ZohoError('EXPIRED_VALUE', 'the page token has expired', 400, {
        param_name: 'page_token',
      });
    }
    if (row.binding !== binding) {
      throw new ZohoError(
        'TOKEN_BOUND_DATA_MISMATCH',
        'the request parameters differ from those the page token was issued for',
        400,
        { param_name: 'page_token' },
      );
    }
    return { key: row.cursor_key, id: row.cursor_id, page: row.page, served: row.served };
  }
}
