import type { Database } from 'better-sqlite3';
import { DEFAULT_SCOPES } from './scopes';

/** The CRM admin every emulator has; API clients act as this user unless given another. */
export const ADMIN_EMAIL = 'admin@kanjo.test';

/** The comparison key of a field in SQL: an expression index matches it only written alike. */
export const fieldKeySql = (field: string) => `lower(trim(json_extract(data, '$."${field}"')))`;

/** The system duplicate-check fields: looked up on every insert and upsert. */
const duplicateFields = ['Account_Name', 'Email', 'Product_Name', 'Deal_Name', 'Subject'];

/** Creates the emulator's tables when missing; the emulator's data is disposable, so no migrations. */
export function ensureSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS users (
      id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      profile TEXT NOT NULL DEFAULT 'Standard'
    );
    CREATE TABLE IF NOT EXISTS records (
      module TEXT NOT NULL,
      id TEXT NOT NULL,
      data TEXT NOT NULL,
      created_time INTEGER NOT NULL,
      modified_time INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      modified_by TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      deleted_time INTEGER,
      deleted_by TEXT,
      PRIMARY KEY (module, id)
    );
    CREATE INDEX IF NOT EXISTS records_modified ON records (module, modified_time, id);
    CREATE INDEX IF NOT EXISTS records_created ON records (module, created_time, id);
    CREATE TABLE IF NOT EXISTS clients (
      client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, user_id TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS refresh_tokens (
      token TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS access_tokens (
      token TEXT PRIMARY KEY, refresh_token TEXT NOT NULL, user_id TEXT NOT NULL,
      issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS access_tokens_issued ON access_tokens (refresh_token, issued_at);
    CREATE TABLE IF NOT EXISTS grant_codes (
      code TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS page_tokens (
      token TEXT PRIMARY KEY, binding TEXT NOT NULL, cursor_key, -- no type: holds an id (text) or a time (integer) as given
      cursor_id TEXT NOT NULL,
      page INTEGER NOT NULL, served INTEGER NOT NULL, expires_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS custom_fields (
      module TEXT NOT NULL, api_name TEXT NOT NULL, field_label TEXT NOT NULL,
      data_type TEXT NOT NULL, length INTEGER, pick_list TEXT, seq INTEGER NOT NULL,
      PRIMARY KEY (module, api_name)
    );
    CREATE TABLE IF NOT EXISTS custom_views (
      id TEXT PRIMARY KEY, module TEXT NOT NULL, name TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS notification_channels (
      channel_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, events TEXT NOT NULL,
      expires_at INTEGER NOT NULL, notify_url TEXT NOT NULL, token TEXT,
      return_affected_field_values INTEGER NOT NULL, notify_on_related_action INTEGER NOT NULL,
      notification_condition TEXT
    );
    CREATE TABLE IF NOT EXISTS profile_permissions (
      profile_id TEXT NOT NULL, module TEXT NOT NULL, action TEXT NOT NULL,
      enabled INTEGER NOT NULL, PRIMARY KEY (profile_id, module, action)
    );
    CREATE TABLE IF NOT EXISTS widget_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1), panel_url TEXT NOT NULL, secret TEXT NOT NULL,
      org TEXT NOT NULL DEFAULT ''
    );
  `);
  // Grants made before they carried scopes keep every scope the emulator serves.
  for (const table of ['clients', 'refresh_tokens', 'grant_codes']) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'scopes')) {
      db.prepare(`ALTER TABLE ${table} ADD COLUMN scopes TEXT NOT NULL DEFAULT ''`).run();
      db.prepare(`UPDATE ${table} SET scopes = ?`).run(DEFAULT_SCOPES.join(' '));
    }
  }
  // A data directory made before users had profiles gains the column; its users keep working.
  const userColumns = db.prepare('PRAGMA table_info(users)').all() as { name: string }[];
  if (!userColumns.some((c) => c.name === 'profile')) {
    db.exec(`ALTER TABLE users ADD COLUMN profile TEXT NOT NULL DEFAULT 'Standard'`);
    db.prepare('UPDATE users SET profile = ? WHERE email = ?').run('Administrator', ADMIN_EMAIL);
  }
  for (const field of duplicateFields) {
    db.exec(
      `CREATE INDEX IF NOT EXISTS records_dup_${field} ON records (module, ${fieldKeySql(field)}, id)`,
    );
  }
}

/** Every table the reset control empties. */
export const resettableTables = [
  'records',
  'clients',
  'refresh_tokens',
  'access_tokens',
  'grant_codes',
  'page_tokens',
  'users',
  'meta',
  'custom_fields',
  'custom_views',
  'notification_channels',
  'widget_settings',
  'profile_permissions',
] as const;
