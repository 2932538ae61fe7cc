import type { Context } from 'hono';
import { requiredList } from '../params';
import { Hono } from 'hono';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from '../context';
import { ZohoError } from '../errors';
import { formatZohoTime } from '../time';
import {
  type Channel,
  type ChannelStore,
  channelModules,
  eventModule,
  moduleResource,
  subscribedEvents,
} from './channels';
import { type ItemError, type WatchInput, parseWatchItem, watchLimits } from './parse';

type ItemResult = { ok: true; body: Record<string, unknown> } | { ok: false; body: ItemError };

const SUBSCRIBED = 'Successfully subscribed for actions-watch of the given module';
const UNSUBSCRIBED = 'Successfully un-subscribed from actions-watch';

const itemError = (
  code: string,
  message: string,
  details: Record<string, unknown>,
): ItemResult => ({
  ok: false,
  body: { code, details, message, status: 'error' },
});
const unknownChannel = (index: number) =>
  itemError('INVALID_DATA', 'invalid data', {
    api_name: 'channel_id',
    json_path: `$.watch[${index}].channel_id`,
  });

/** The request's `watch` array, refused whole when missing or over 50 items. */
async function readWatch(c: Context<EmulatorEnv>): Promise<unknown[]> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ZohoError('INVALID_DATA', 'body is not valid JSON', 400);
  }
  const watch =
    typeof json === 'object' && json !== null ? (json as { watch?: unknown }).watch : undefined;
  if (!Array.isArray(watch) || watch.length === 0) {
    throw new ZohoError('MANDATORY_NOT_FOUND', 'required field not found', 400, {
      api_name: 'watch',
    });
  }
  if (watch.length > watchLimits.channelsPerRequest) {
    throw new ZohoError('LIMIT_EXCEEDED', 'the number of channels exceeds the limit', 400, {
      api_name: 'watch',
      limit: watchLimits.channelsPerRequest,
    });
  }
  return watch;
}

/** Zoho's batch status: all succeeded → `allOk`; none → 400; else 207. */
function answer(c: Context<EmulatorEnv>, results: ItemResult[], allOk: 200 | 201) {
  const succeeded = results.filter((r) => r.ok).length;
  const status = succeeded === results.length ? allOk : succeeded > 0 ? 207 : 400;
  return c.json({ watch: results.map((r) => r.body) }, status);
}

const subscribed = (baseUrl: string, channel: Channel, message = SUBSCRIBED): ItemResult => ({
  ok: true,
  body: {
    code: 'SUCCESS',
    details: { events: subscribedEvents(baseUrl, channel) },
    message,
    status: 'success',
  },
});

/** A whole channel from a POST or PUT item: absent optional fields take their defaults. */
function fullChannel(input: WatchInput, userId: string, now: number): Channel {
  return {
    channelId: input.channelId,
    userId,
    events: input.events ?? [],
    expiresAt: input.expiresAt ?? now + watchLimits.defaultExpirySeconds,
    notifyUrl: input.notifyUrl ?? '',
    token: input.token ?? null,
    returnAffectedFieldValues: input.returnAffectedFieldValues ?? false,
    notifyOnRelatedAction: input.notifyOnRelatedAction ?? true,
    notificationCondition: input.notificationCondition ?? null,
  };
}

/** PATCH: only the given fields change; `_delete_events` removes events instead. */
function patchChannel(channel: Channel, input: WatchInput): Channel {
  const events = input.events ?? [];
  const nextEvents = input.deleteEvents
    ? channel.events.filter((e) => !events.some((d) => d.toLowerCase() === e.toLowerCase()))
    : [...new Set([...channel.events, ...events])];
  if (input.deleteEvents) return { ...channel, events: nextEvents };
  return {
    ...channel,
    events: nextEvents,
    expiresAt: input.expiresAt ?? channel.expiresAt,
    notifyUrl: input.notifyUrl ?? channel.notifyUrl,
    token: input.token === undefined ? channel.token : input.token,
    returnAffectedFieldValues: input.returnAffectedFieldValues ?? channel.returnAffectedFieldValues,
    notifyOnRelatedAction: input.notifyOnRelatedAction ?? channel.notifyOnRelatedAction,
    notificationCondition:
      input.notificationCondition === undefined
        ? channel.notificationCondition
        : input.notificationCondition,
  };
}

/** One GET entry per module a channel watches, as Zoho lists them. */
function listed(baseUrl: string, channel: Channel, module: string) {
  return {
    notify_on_related_action: channel.notifyOnRelatedAction,
    channel_expiry: formatZohoTime(channel.expiresAt),
    return_affected_field_values: channel.returnAffectedFieldValues,
    ...moduleResource(baseUrl, module),
    notify_url: channel.notifyUrl,
    fields: null,
    notification_condition: channel.notificationCondition,
    channel_id: channel.channelId,
    events: channel.events.filter((e) => eventModule(e) === module),
    token: channel.token,
  };
}

function disable(channels: ChannelStore, baseUrl: string, id: string, now: number): ItemResult[] {
  const channel = channels.get(id);
  if (!channel || channel.expiresAt <= now || !channels.remove(id)) {
    return [itemError('INVALID_DATA', 'invalid data', { api_name: 'channel_ids', channel_id: id })];
  }
  return channelModules(channel).map((module) => {
    const { resource_uri, resource_id } = moduleResource(baseUrl, module);
    const details = { resource_uri, resource_id, channel_id: id };
    return {
      ok: true,
      body: { code: 'SUCCESS', details, message: UNSUBSCRIBED, status: 'success' },
    };
  });
}

/**
 * `/crm/v8/actions/watch`: subscribe (POST), list (GET), replace (PUT), patch or drop
 * events (PATCH) and disable (DELETE) notification channels.
 *
 * @example
 * app.route('/crm/v8', watchRoutes(ctx, channels));
 */
export function watchRoutes(ctx: EmulatorContext, channels: ChannelStore): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const required = ['events', 'notify_url'] as const;

  /** Parses every item, then applies the valid ones in one transaction. */
  const write = async (
    c: Context<EmulatorEnv>,
    opts: {
      required: readonly ('events' | 'notify_url')[];
      apply: (w: WatchInput, i: number) => ItemResult;
    },
  ) => {
    const now = nowSeconds(ctx);
    const items = await readWatch(c);
    return ctx.store.transaction(() =>
      items.map((item, index): ItemResult => {
        const parsed = parseWatchItem({ item, index, now, required: opts.required });
        return parsed.ok ? opts.apply(parsed.value, index) : { ok: false, body: parsed.error };
      }),
    );
  };

  app.post('/actions/watch', async (c) => {
    const userId = c.get('user').id;
    const results = await write(c, {
      required,
      apply: (input) => {
        // Subscribing an existing channel id replaces that channel, as Zoho does.
        const channel = fullChannel(input, userId, nowSeconds(ctx));
        channels.save(channel);
        return subscribed(ctx.baseUrl, channel);
      },
    });
    return answer(c, results, 201);
  });

  app.put('/actions/watch', async (c) => {
    const userId = c.get('user').id;
    const results = await write(c, {
      required,
      apply: (input, index) => {
        if (!channels.get(input.channelId)) return unknownChannel(index);
        const channel = fullChannel(input, userId, nowSeconds(ctx));
        channels.save(channel);
        return subscribed(ctx.baseUrl, channel);
      },
    });
    return answer(c, results, 200);
  });

  app.patch('/actions/watch', async (c) => {
    const results = await write(c, {
      required: [],
      apply: (input, index) => {
        const existing = channels.get(input.channelId);
        if (!existing) return unknownChannel(index);
        const channel = patchChannel(existing, input);
        if (channel.events.length === 0) channels.remove(channel.channelId);
        else channels.save(channel);
        return subscribed(ctx.baseUrl, channel, input.deleteEvents ? UNSUBSCRIBED : SUBSCRIBED);
      },
    });
    return answer(c, results, 200);
  });

  app.get('/actions/watch', (c) => {
    const module = c.req.query('module')?.toLowerCase();
    const channelId = c.req.query('channel_id');
    const watch = channels
      .active(nowSeconds(ctx))
      .filter((ch) => channelId === undefined || ch.channelId === channelId)
      .flatMap((ch) => channelModules(ch).map((m) => listed(ctx.baseUrl, ch, m)))
      .filter((entry) => module === undefined || entry.resource_name.toLowerCase() === module);
    if (watch.length === 0) return c.body(null, 204);
    return c.json({
      watch,
      info: { per_page: 200, count: watch.length, page: 1, more_records: false },
    });
  });

  app.delete('/actions/watch', (c) => {
    const ids = requiredList(c, 'channel_ids');
    const now = nowSeconds(ctx);
    const results = ctx.store.transaction(() =>
      ids.flatMap((id) => disable(channels, ctx.baseUrl, id, now)),
    );
    return answer(c, results, 200);
  });

  return app;
}
