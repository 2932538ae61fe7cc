import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { CrmChannelTable } from '../../db/schema';

/** The CRM modules Kanjo watches. */
export const WATCHED_MODULES = ['Deals', 'Accounts', 'Contacts', 'Products'] as const;
export type WatchedModule = (typeof WATCHED_MODULES)[number];

export type ChannelRow = Selectable<CrmChannelTable>;

/** Channel ids stay below 2^53, so a Zoho callback carrying it as a JSON number keeps every digit. */
const MAX_CHANNEL_ID = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_CHANNEL_ID = 10n ** 15n;

/** A random numeric channel id (Zoho's are longs), 16 digits. */
export function newChannelId(): string {
  const random = randomBytes(8).readBigUInt64BE();
  return String(MIN_CHANNEL_ID + (random % (MAX_CHANNEL_ID - MIN_CHANNEL_ID)));
}

/** A channel token: 256 random bits, 43 base64url characters (Zoho allows 50). */
export function newChannelToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether `token` is the channel's. Digests are compared, never the tokens:
 * equal lengths whatever was sent, so `timingSafeEqual` runs in constant time.
 */
export function tokenMatches(token: string, storedHash: Uint8Array): boolean {
  const given = hashToken(token);
  return storedHash.length === given.length && timingSafeEqual(given, storedHash);
}

/** The events a channel of `module` subscribes. */
export const channelEvents = (module: WatchedModule): string[] => [`${module}.all`];

export function loadChannels(db: Db, organizationId: string): Promise<ChannelRow[]> {
  return db
    .selectFrom('crm_channels')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('expires_at', 'desc')
    .execute();
}

export function findChannel(
  db: Db,
  organizationId: string,
  channelId: string,
): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('crm_channels')
    .selectAll()
    .where('channel_id', '=', channelId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

/** Organizations that still have channel rows (a disconnected one must have them cleaned up). */
export async function organizationsWithChannels(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('crm_channels').select('organization_id').distinct().execute();
  return rows.map((row) => row.organization_id);
}

export interface SavedChannel {
  channelId: string;
  organizationId: string;
  module: WatchedModule;
  token: string;
  expiresAt: string;
  now: string;
}

/** Stores a subscribed (or renewed) channel: only the token's SHA-256 is kept. */
export async function saveChannel(db: Db, channel: SavedChannel): Promise<void> {
  const renewed = {
    events: JSON.stringify(channelEvents(channel.module)),
    token_hash: hashToken(channel.token),
    expires_at: channel.expiresAt,
    renewed_at: channel.now,
  };
  await db
    .insertInto('crm_channels')
    .values({
      channel_id: channel.channelId,
      organization_id: channel.organizationId,
      crm_module: channel.module,
      created_at: channel.now,
      ...renewed,
    })
    .onConflict((oc) => oc.column('channel_id').doUpdateSet(renewed))
    .execute();
}

/** A renewal kept the token: only the expiry moves. */
export async function extendChannel(
  db: Db,
  channel: { channelId: string; organizationId: string; expiresAt: string; now: string },
): Promise<void> {
  await db
    .updateTable('crm_channels')
    .set({ expires_at: channel.expiresAt, renewed_at: channel.now })
    .where('organization_id', '=', channel.organizationId)
    .where('channel_id', '=', channel.channelId)
    .execute();
}

export async function deleteChannels(
  db: Db,
  organizationId: string,
  channelIds: readonly string[],
): Promise<void> {
  if (channelIds.length === 0) return;
  await db
    .deleteFrom('crm_channels')
    .where('organization_id', '=', organizationId)
    .where('channel_id', 'in', channelIds)
    .execute();
}
