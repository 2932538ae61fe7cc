import type { Database } from 'better-sqlite3';
import { metaId } from '../metadata';
import { moduleNames } from '../modules';
import type { RecordChange } from '../store';
import { formatZohoTime } from '../time';

/** One subscription made through `/actions/watch`; times are epoch seconds. */
export interface Channel {
  channelId: string;
  userId: string;
  /** `Module.operation` strings as given, e.g. `Deals.edit`, `Accounts.all`. */
  events: string[];
  expiresAt: number;
  notifyUrl: string;
  token: string | null;
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  notificationCondition: unknown[] | null;
}

interface ChannelRow {
  channel_id: string;
  user_id: string;
  events: string;
  expires_at: number;
  notify_url: string;
  token: string | null;
  return_affected_field_values: number;
  notify_on_related_action: number;
  notification_condition: string | null;
}

/** Zoho's event verbs for the store's operations. */
const verbs: Record<RecordChange['operation'], string> = {
  insert: 'create',
  update: 'edit',
  delete: 'delete',
};

export const eventVerbs = ['create', 'edit', 'delete', 'all'] as const;

/** The module of an event (`Deals.edit` → `Deals`), spelled as the emulator spells it. */
export function eventModule(event: string): string | undefined {
  const name = event.slice(0, event.lastIndexOf('.')).toLowerCase();
  return moduleNames.find((m) => m.toLowerCase() === name);
}

/** Whether `event` (`Deals.edit`, `Deals.all`) covers this operation on this module. */
export function eventMatches(event: string, module: string, operation: RecordChange['operation']) {
  const verb = event.slice(event.lastIndexOf('.') + 1).toLowerCase();
  return eventModule(event) === module && (verb === 'all' || verb === verbs[operation]);
}

/** The modules a channel watches, in the order its events name them. */
export function channelModules(channel: Pick<Channel, 'events'>): string[] {
  const modules = channel.events.map(eventModule).filter((m): m is string => m !== undefined);
  return [...new Set(modules)];
}

/** Zoho's per-module description of a channel: `resource_uri`, `resource_id`, `resource_name`. */
export function moduleResource(baseUrl: string, module: string) {
  return {
    resource_uri: `${baseUrl}/crm/v8/${module}`,
    resource_id: metaId(90000 + moduleNames.indexOf(module)),
    resource_name: module,
  };
}

/** The `details.events` entries Zoho answers a subscribe or update with: one per module. */
export function subscribedEvents(baseUrl: string, channel: Channel) {
  return channelModules(channel).map((module) => ({
    channel_expiry: formatZohoTime(channel.expiresAt),
    ...moduleResource(baseUrl, module),
    channel_id: channel.channelId,
  }));
}

function fromRow(row: ChannelRow): Channel {
  return {
    channelId: row.channel_id,
    userId: row.user_id,
    events: JSON.parse(row.events) as string[],
    expiresAt: row.expires_at,
    notifyUrl: row.notify_url,
    token: row.token,
    returnAffectedFieldValues: row.return_affected_field_values === 1,
    notifyOnRelatedAction: row.notify_on_related_action === 1,
    notificationCondition:
      row.notification_condition === null
        ? null
        : (JSON.parse(row.notification_condition) as unknown[]),
  };
}

/** The `notification_channels` table: one row per channel id in the org. */
export class ChannelStore {
  constructor(private readonly db: Database) {}

  /** Creates or replaces the channel with this id. */
  save(channel: Channel): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO notification_channels (channel_id, user_id, events, expires_at,
           notify_url, token, return_affected_field_values, notify_on_related_action, notification_condition)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        channel.channelId,
        channel.userId,
        JSON.stringify(channel.events),
        channel.expiresAt,
        channel.notifyUrl,
        channel.token,
        channel.returnAffectedFieldValues ? 1 : 0,
        channel.notifyOnRelatedAction ? 1 : 0,
        channel.notificationCondition === null
          ? null
          : JSON.stringify(channel.notificationCondition),
      );
  }

  get(channelId: string): Channel | undefined {
    const row = this.db
      .prepare('SELECT * FROM notification_channels WHERE channel_id = ?')
      .get(channelId) as ChannelRow | undefined;
    return row && fromRow(row);
  }

  /** Channels not yet expired at `now`, by channel id. */
  active(now: number): Channel[] {
    const rows = this.db
      .prepare('SELECT * FROM notification_channels WHERE expires_at > ? ORDER BY channel_id')
      .all(now) as ChannelRow[];
    return rows.map(fromRow);
  }

  remove(channelId: string): boolean {
    return (
      this.db.prepare('DELETE FROM notification_channels WHERE channel_id = ?').run(channelId)
        .changes > 0
    );
  }
}
