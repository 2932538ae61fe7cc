import type { Notifier } from './notifier';

export { ChannelStore, type Channel } from './channels';
export { notificationControlRoutes } from './control';
export { Notifier, type CallbackBody, type DeliveryOptions, type DeliveryRecord } from './notifier';
export { watchRoutes } from './routes';

// Keyed by app instance and weak, so no emulator outlives its app or sees another's notifier.
const notifiers = new WeakMap<object, Notifier>();

/** Remembers an app's notifier; `createEmulator` calls it once. */
export function registerDeliveries(app: object, notifier: Notifier): void {
  notifiers.set(app, notifier);
}

/**
 * The notification deliveries of an emulator app: await `idle()` after a write to see its
 * callbacks, or read `delivered`, `failed` and `recent`.
 *
 * @example
 * const app = createEmulator({ db, clock, baseUrl });
 * await app.request('/crm/v8/Deals', { method: 'POST', headers, body });
 * await emulatorDeliveries(app).idle();
 */
export function emulatorDeliveries(app: object): Notifier {
  const notifier = notifiers.get(app);
  if (!notifier) throw new Error('not an emulator app: createEmulator builds the notifier');
  return notifier;
}
