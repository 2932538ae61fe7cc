import { parseZohoTime } from '../time';
import { eventModule, eventVerbs } from './channels';

/** Zoho's limits on `/actions/watch` (v4 and later: expiry at most a week). */
export const watchLimits = {
  channelsPerRequest: 50,
  eventsPerChannel: 50,
  tokenLength: 50,
  defaultExpirySeconds: 3600,
  maxExpirySeconds: 7 * 24 * 3600,
} as const;

/** A per-item error in Zoho's envelope, placed in the `watch` array of the answer. */
export interface ItemError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

/** One validated `watch` item; fields absent from the request stay undefined. */
export interface WatchInput {
  channelId: string;
  events?: string[];
  expiresAt?: number;
  notifyUrl?: string;
  token?: string | null;
  returnAffectedFieldValues?: boolean;
  notifyOnRelatedAction?: boolean;
  notificationCondition?: unknown[] | null;
  deleteEvents?: boolean;
}

export type Parsed = { ok: true; value: WatchInput } | { ok: false; error: ItemError };

const fail = (code: string, message: string, details: Record<string, unknown>): Parsed => ({
  ok: false,
  error: { code, details, message, status: 'error' },
});
const invalid = (index: number, field: string, extra: Record<string, unknown> = {}) =>
  fail('INVALID_DATA', 'invalid data', {
    api_name: field,
    json_path: `$.watch[${index}].${field}`,
    ...extra,
  });
const missing = (index: number, field: string) =>
  fail('MANDATORY_NOT_FOUND', 'required field not found', {
    api_name: field,
    json_path: `$.watch[${index}].${field}`,
  });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEvent(value: unknown): value is string {
  if (typeof value !== 'string' || !eventModule(value)) return false;
  const verb = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
  return (eventVerbs as readonly string[]).includes(verb);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `channel_expiry` as epoch seconds: in the future and at most a week ahead. */
function parseExpiry(raw: unknown, index: number, now: number): Parsed | number {
  const at = typeof raw === 'string' ? parseZohoTime(raw) : undefined;
  if (at === undefined) return invalid(index, 'channel_expiry', { expected_data_type: 'datetime' });
  if (at <= now || at > now + watchLimits.maxExpirySeconds) return invalid(index, 'channel_expiry');
  return at;
}

type Check = (item: Record<string, unknown>, index: number) => Parsed | undefined;

const checkEvents: Check = (item, index) => {
  const events = item.events;
  if (!Array.isArray(events) || events.length === 0) return invalid(index, 'events');
  if (events.length > watchLimits.eventsPerChannel) return invalid(index, 'events');
  const bad = events.findIndex((e) => !isEvent(e));
  if (bad < 0) return undefined;
  return fail('INVALID_DATA', 'invalid data', {
    api_name: 'events',
    json_path: `$.watch[${index}].events[${bad}]`,
  });
};

const checkOptional: Check = (item, index) => {
  const url = item.notify_url;
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url)))
    return invalid(index, 'notify_url');
  const token = item.token;
  if (token !== undefined && token !== null && typeof token !== 'string')
    return invalid(index, 'token', { expected_data_type: 'string' });
  if (typeof token === 'string' && token.length > watchLimits.tokenLength)
    return invalid(index, 'token', { maximum_length: watchLimits.tokenLength });
  for (const flag of [
    'return_affected_field_values',
    'notify_on_related_action',
    '_delete_events',
  ]) {
    const value = item[flag];
    if (value !== undefined && typeof value !== 'boolean')
      return invalid(index, flag, { expected_data_type: 'boolean' });
  }
  const condition = item.notification_condition;
  if (condition !== undefined && condition !== null && !Array.isArray(condition))
    return invalid(index, 'notification_condition');
  return undefined;
};

function toInput(item: Record<string, unknown>, channelId: string): WatchInput {
  const bool = (key: string) => (typeof item[key] === 'boolean' ? item[key] : undefined);
  return {
    channelId,
    events: Array.isArray(item.events) ? (item.events as string[]) : undefined,
    notifyUrl: typeof item.notify_url === 'string' ? item.notify_url : undefined,
    token: item.token === undefined ? undefined : ((item.token as string | null) ?? null),
    returnAffectedFieldValues: bool('return_affected_field_values'),
    notifyOnRelatedAction: bool('notify_on_related_action'),
    notificationCondition:
      item.notification_condition === undefined
        ? undefined
        : ((item.notification_condition as unknown[] | null) ?? null),
    deleteEvents: bool('_delete_events'),
  };
}

/**
 * Validates one `watch` item. `required` names the fields this method demands
 * (POST and PUT: `events` and `notify_url`; PATCH: only `channel_id`).
 *
 * @example
 * const parsed = parseWatchItem({ item, index: 0, now, required: ['events', 'notify_url'] });
 */
export function parseWatchItem(args: {
  item: unknown;
  index: number;
  now: number;
  required: readonly ('events' | 'notify_url')[];
}): Parsed {
  const { item, index, now } = args;
  if (!isObject(item))
    return invalid(index, '', { expected_data_type: 'jsonobject', json_path: `$.watch[${index}]` });
  const id = item.channel_id;
  if (id === undefined || id === null || id === '') return missing(index, 'channel_id');
  if (typeof id !== 'string' && typeof id !== 'number')
    return invalid(index, 'channel_id', { expected_data_type: 'long' });
  for (const field of args.required) if (item[field] === undefined) return missing(index, field);
  const problem =
    (item.events !== undefined ? checkEvents(item, index) : undefined) ??
    checkOptional(item, index);
  if (problem) return problem;
  const input = toInput(item, String(id));
  if (item.channel_expiry === undefined) return { ok: true, value: input };
  const expiry = parseExpiry(item.channel_expiry, index, now);
  if (typeof expiry !== 'number') return expiry;
  return { ok: true, value: { ...input, expiresAt: expiry } };
}
