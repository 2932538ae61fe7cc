import type { Database } from 'better-sqlite3';
import type { WidgetSetting } from './contract';

/** The one widget setting of this CRM (the Kanjo panel), kept in the emulator's database. */
export class WidgetStore {
  constructor(private readonly db: Database) {}

  get(): WidgetSetting | undefined {
    const row = this.db
      .prepare('SELECT panel_url, secret, org FROM widget_settings WHERE id = 1')
      .get() as { panel_url: string; secret: string; org: string } | undefined;
    return row && { panelUrl: row.panel_url, secret: row.secret, org: row.org };
  }

  save(setting: WidgetSetting): void {
    this.db
      .prepare(
        `INSERT INTO widget_settings (id, panel_url, secret, org) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET panel_url = excluded.panel_url,
           secret = excluded.secret, org = excluded.org`,
      )
      .run(setting.panelUrl, setting.secret, setting.org);
  }

  clear(): void {
    this.db.prepare('DELETE FROM widget_settings').run();
  }
}
