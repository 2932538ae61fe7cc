import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { DEFAULT_SCOPES } from './scopes';

export const ACCESS_TOKEN_SECONDS = 3600;
/** Zoho: at most 10 access tokens per refresh token per 10 minutes. */
export const TOKEN_WINDOW_SECONDS = 600;
export const TOKENS_PER_WINDOW = 10;

export interface Client {
  client_id: string;
  client_secret: string;
  user_id: string;
  /** The scopes the client's grants are made for, separated by spaces. */
  scopes: string;
}

export type Grant =
  | { ok: true; accessToken: string; refreshToken: string; scopes: string }
  | { ok: false; error: 'invalid_client' | 'invalid_code' | 'access_denied' };

const secret = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('hex')}`;

/** OAuth clients, refresh tokens, grant codes and access tokens, all in the emulator's SQLite. */
export class AuthStore {
  constructor(private readonly db: Database) {}

  /** A client whose grants carry `scopes` (Zoho: chosen when the grant is made). */
  createClient(
    userId: string,
    scopes: readonly string[] = DEFAULT_SCOPES,
  ): { client: Client; refreshToken: string } {
    const client: Client = {
      client_id: `1000.${randomBytes(15).toString('hex').toUpperCase()}`,
      client_secret: secret('', 21),
      user_id: userId,
      scopes: scopes.join(' '),
    };
    this.db
      .prepare(
        'INSERT INTO clients (client_id, client_secret, user_id, scopes) VALUES (?, ?, ?, ?)',
      )
      .run(client.client_id, client.client_secret, userId, client.scopes);
    return { client, refreshToken: this.createRefreshToken(client) };
  }

  /** A one-time grant code for the client's scopes, or the given ones. */
  createGrantCode(clientId: string, scopes?: readonly string[]): string | undefined {
    const client = this.client(clientId);
    if (!client) return undefined;
    const code = secret('1000.', 32);
    this.db
      .prepare('INSERT INTO grant_codes (code, client_id, user_id, scopes) VALUES (?, ?, ?, ?)')
      .run(code, client.client_id, client.user_id, scopes ? scopes.join(' ') : client.scopes);
    return code;
  }

  /** `grant_type=refresh_token`: a new access token, unless the window's quota is spent. */
  refresh(args: {
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    now: number;
  }): Grant {
    const client = this.authenticate(args.clientId, args.clientSecret);
    if (!client) return { ok: false, error: 'invalid_client' };
    const row = this.db
      .prepare('SELECT user_id, scopes FROM refresh_tokens WHERE token = ? AND client_id = ?')
      .get(args.refreshToken, client.client_id) as { user_id: string; scopes: string } | undefined;
    if (!row) return { ok: false, error: 'invalid_code' };
    const issued = this.db
      .prepare('SELECT count(*) AS n FROM access_tokens WHERE refresh_token = ? AND issued_at > ?')
      .get(args.refreshToken, args.now - TOKEN_WINDOW_SECONDS) as { n: number };
    if (issued.n >= TOKENS_PER_WINDOW) return { ok: false, error: 'access_denied' };
    return {
      ok: true,
      accessToken: this.issueAccessToken(args.refreshToken, row.user_id, args.now),
      refreshToken: args.refreshToken,
      scopes: row.scopes,
    };
  }

  /** `grant_type=authorization_code`: a grant code is good for one exchange. */
  exchangeCode(args: { clientId: string; clientSecret: string; code: string; now: number }): Grant {
    const client = this.authenticate(args.clientId, args.clientSecret);
    if (!client) return { ok: false, error: 'invalid_client' };
    const row = this.db
      .prepare('DELETE FROM grant_codes WHERE code = ? AND client_id = ? RETURNING user_id, scopes')
      .get(args.code, client.client_id) as { user_id: string; scopes: string } | undefined;
    if (!row) return { ok: false, error: 'invalid_code' };
    const grant = { ...client, user_id: row.user_id, scopes: row.scopes };
    const refreshToken = this.createRefreshToken(grant);
    return {
      ok: true,
      accessToken: this.issueAccessToken(refreshToken, row.user_id, args.now),
      refreshToken,
      scopes: row.scopes,
    };
  }

  /** The user an access token acts for, or undefined when unknown or expired. */
  userOf(accessToken: string, now: number): string | undefined {
    const row = this.db
      .prepare('SELECT user_id, expires_at FROM access_tokens WHERE token = ?')
      .get(accessToken) as { user_id: string; expires_at: number } | undefined;
    return row && row.expires_at > now ? row.user_id : undefined;
  }

  /**
   * Gives the client's grants other scopes, their tokens included (a test's
   * stand-in for a grant made long ago with fewer scopes). False: no such client.
   */
  setScopes(clientId: string, scopes: readonly string[]): boolean {
    const joined = scopes.join(' ');
    const changed = this.db
      .prepare('UPDATE clients SET scopes = ? WHERE client_id = ?')
      .run(joined, clientId).changes;
    this.db
      .prepare('UPDATE refresh_tokens SET scopes = ? WHERE client_id = ?')
      .run(joined, clientId);
    return changed > 0;
  }

  /** The scopes an access token carries: those of the grant it was refreshed from. */
  scopesOf(accessToken: string): string[] {
    const row = this.db
      .prepare(
        `SELECT r.scopes FROM access_tokens a JOIN refresh_tokens r ON r.token = a.refresh_token
         WHERE a.token = ?`,
      )
      .get(accessToken) as { scopes: string } | undefined;
    return row ? row.scopes.split(' ').filter((s) => s !== '') : [];
  }

  private client(clientId: string): Client | undefined {
    return this.db.prepare('SELECT * FROM clients WHERE client_id = ?').get(clientId) as
      Client | undefined;
  }

  private authenticate(clientId: string, clientSecret: string): Client | undefined {
    const client = this.client(clientId);
    return client && client.client_secret === clientSecret ? client : undefined;
  }

  private createRefreshToken(client: Client): string {
    const token = secret('1000.', 32);
    this.db
      .prepare('INSERT INTO refresh_tokens (token, client_id, user_id, scopes) VALUES (?, ?, ?, ?)')
      .run(token, client.client_id, client.user_id, client.scopes);
    return token;
  }

  private issueAccessToken(refreshToken: string, userId: string, now: number): string {
    const token = secret('1000.', 32);
    this.db
      .prepare(
        `INSERT INTO access_tokens (token, refresh_token, user_id, issued_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(token, refreshToken, userId, now, now + ACCESS_TOKEN_SECONDS);
    return token;
  }
}
