import { Hono } from 'hono';
import * as v from 'valibot';
import { toEpochSeconds } from '../time';
import type { ChannelStore } from './channels';
import type { Notifier } from './notifier';

const switchRequest = v.object({ enabled: v.boolean() });

/**
 * `/__emulator/notifications`: switch callbacks off or on (POST `{ enabled }`) and see
 * channels, counts and the last 50 deliveries (GET). Zoho has no such switch.
 *
 * @example
 * await app.request('/__emulator/notifications', { method: 'POST', body: '{"enabled":false}' });
 */
export function notificationControlRoutes(deps: {
  notifier: Notifier;
  channels: ChannelStore;
  clock: () => Date;
}): Hono {
  const app = new Hono();
  app.get('/', (c) =>
    c.json({
      enabled: deps.notifier.enabled,
      channels: deps.channels.active(toEpochSeconds(deps.clock())).map((ch) => ({
        channel_id: ch.channelId,
        events: ch.events,
        channel_expiry: new Date(ch.expiresAt * 1000).toISOString(),
        notify_url: ch.notifyUrl,
        user_id: ch.userId,
      })),
      delivered: deps.notifier.delivered,
      failed: deps.notifier.failed,
      recent: deps.notifier.recent,
    }),
  );
  app.post('/', async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      json = undefined;
    }
    const body = v.safeParse(switchRequest, json);
    if (!body.success) return c.json({ error: 'INVALID_REQUEST' }, 400);
    deps.notifier.enabled = body.output.enabled;
    return c.json({ enabled: deps.notifier.enabled });
  });
  return app;
}
