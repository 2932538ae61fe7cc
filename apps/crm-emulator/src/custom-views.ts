import type { Database } from 'better-sqlite3';
import * as v from 'valibot';
import type { ViewSpec } from './metadata';

/** The body of `POST /__emulator/views`: a view of all the module's records, under a name. */
export const customViewSchema = v.strictObject({
  module: v.pipe(v.string(), v.minLength(1)),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
});

interface CustomViewRow {
  id: string;
  name: string;
}

/**
 * Views an admin made (and may delete), beside the predefined ones every
 * module has. Kept in SQLite so a reset clears them; a list request naming a
 * deleted view's cvid is refused as Zoho refuses it.
 */
export class CustomViews {
  constructor(private readonly db: Database) {}

  /** A module's custom views, in the order they were made. */
  list(module: string): ViewSpec[] {
    const rows = this.db
      .prepare('SELECT id, name FROM custom_views WHERE module = ? ORDER BY rowid')
      .all(module) as CustomViewRow[];
    return rows.map((row) => ({
      id: row.id,
      kind: 'all',
      name: row.name,
      systemName: row.name.toUpperCase().replace(/\W+/g, '_'),
      systemDefined: false,
    }));
  }

  add(module: string, id: string, name: string): ViewSpec {
    this.db
      .prepare('INSERT INTO custom_views (id, module, name) VALUES (?, ?, ?)')
      .run(id, module, name);
    const view = this.list(module).find((candidate) => candidate.id === id);
    if (!view) throw new Error('the custom view was not stored');
    return view;
  }

  /** True when there was such a view. */
  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM custom_views WHERE id = ?').run(id).changes > 0;
  }
}
