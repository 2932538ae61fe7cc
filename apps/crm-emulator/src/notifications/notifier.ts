import type { RecordChange, Store } from '../store';
import { toEpochSeconds } from '../time';
import { type Channel, type ChannelStore, eventMatches, moduleResource } from './channels';
import { conditionAllows } from './condition';

/** How callbacks are sent; every field has a default fit for the demo. */
export interface DeliveryOptions {
  /** Injected for tests and sandboxes; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Per attempt (default 5,000 ms). */
  timeoutMs?: number;
  /** Attempts after the first failed one (default 2). */
  retries?: number;
  /** Wait before the first retry, doubled for each next one (default 500 ms). */
  retryDelayMs?: number;
}

/** One finished callback, kept for `/__emulator/notifications`. */
export interface DeliveryRecord {
  channel_id: string;
  url: string;
  /** The last HTTP status seen, or null when no answer came (timeout, refused). */
  status: number | null;
  ok: boolean;
  attempts: number;
  body: CallbackBody;
}

/** What Zoho POSTs to a channel's `notify_url`. */
export interface CallbackBody {
  server_time: number;
  query_params: Record<string, string>;
  module: string;
  resource_uri: string;
  ids: string[];
  affected_fields: Record<string, string[]>[];
  affected_values?: { record_id: string; values: Record<string, unknown> }[];
  operation: RecordChange['operation'];
  channel_id: string;
  token: string | null;
}

const RECENT_LIMIT = 50;

/** Groups one transaction's changes by module and operation, ids deduplicated in order. */
function group(changes: readonly RecordChange[]): RecordChange[][] {
  const groups = new Map<string, RecordChange[]>();
  for (const change of changes) {
    const key = `${change.module}\u0000${change.operation}`;
    const list = groups.get(key) ?? [];
    const same = list.find((c) => c.id === change.id);
    if (same) same.changedFields = [...new Set([...same.changedFields, ...change.changedFields])];
    else list.push({ ...change });
    groups.set(key, list);
  }
  return [...groups.values()];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends Zoho-shaped callbacks for committed record writes: one POST per channel for each
 * module and operation of a store transaction (so a 3-record write sends one callback
 * with 3 ids). Delivery runs in the background; `idle()` waits for it.
 *
 * @example
 * const notifier = new Notifier({ store, channels, clock, baseUrl, options: { retries: 0 } });
 * await app.request('/crm/v8/Deals', { method: 'POST', ... });
 * await notifier.idle();
 */
export class Notifier {
  enabled = true;
  delivered = 0;
  failed = 0;
  readonly recent: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly send: typeof fetch;

  constructor(
    private readonly deps: {
      store: Store;
      channels: ChannelStore;
      clock: () => Date;
      baseUrl: string;
      options?: DeliveryOptions;
    },
  ) {
    this.send = deps.options?.fetch ?? ((input, init) => fetch(input, init));
    deps.store.onChange((changes) => this.announce(changes));
  }

  /** Resolves once every callback started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Forgets counters and recent deliveries (the channels live in the database). */
  reset(): void {
    this.delivered = 0;
    this.failed = 0;
    this.recent.length = 0;
    this.enabled = true;
  }

  private announce(changes: readonly RecordChange[]): void {
    if (!this.enabled) return;
    const now = this.deps.clock();
    const channels = this.deps.channels.active(toEpochSeconds(now));
    for (const batch of group(changes)) {
      const first = batch[0];
      if (!first) continue;
      for (const channel of channels) {
        if (!channel.events.some((e) => eventMatches(e, first.module, first.operation))) continue;
        const allowed = batch.filter((c) => conditionAllows(channel, c));
        if (allowed.length > 0) this.start(channel, this.body(channel, allowed, now));
      }
    }
  }

  private body(channel: Channel, batch: RecordChange[], now: Date): CallbackBody {
    const [{ module, operation }] = batch as [RecordChange];
    const detailed = channel.returnAffectedFieldValues && operation === 'update';
    const body: CallbackBody = {
      server_time: now.getTime(),
      query_params: Object.fromEntries(new URL(channel.notifyUrl).searchParams),
      module,
      resource_uri: moduleResource(this.deps.baseUrl, module).resource_uri,
      ids: batch.map((c) => c.id),
      affected_fields: detailed ? batch.map((c) => ({ [c.id]: c.changedFields })) : [],
      operation,
      channel_id: channel.channelId,
      token: channel.token,
    };
    if (detailed) body.affected_values = batch.map((c) => this.values(c));
    return body;
  }

  private values(change: RecordChange) {
    const record = this.deps.store.get(change.module, change.id);
    const data: Record<string, unknown> = { ...record?.data };
    // The owner lives beside the data, not in it.
    if (record) data.Owner = { id: record.ownerId };
    const values = Object.fromEntries(change.changedFields.map((f) => [f, data[f] ?? null]));
    return { record_id: change.id, values };
  }

  private start(channel: Channel, body: CallbackBody): void {
    const delivery = this.deliver(channel, body);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(channel: Channel, body: CallbackBody): Promise<void> {
    const retries = this.deps.options?.retries ?? 2;
    const delay = this.deps.options?.retryDelayMs ?? 500;
    let status: number | null = null;
    let attempts = 0;
    while (attempts <= retries) {
      if (attempts > 0) await sleep(delay * 2 ** (attempts - 1));
      attempts++;
      status = await this.post(channel.notifyUrl, body);
      if (status !== null && status >= 200 && status < 300) break;
    }
    const ok = status !== null && status >= 200 && status < 300;
    if (ok) this.delivered++;
    else this.failed++;
    this.recent.push({
      channel_id: channel.channelId,
      url: channel.notifyUrl,
      status,
      ok,
      attempts,
      body,
    });
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
  }

  /** One attempt: the HTTP status, or null when the receiver never answered in time. */
  private async post(url: string, body: CallbackBody): Promise<number | null> {
    try {
      const res = await this.send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.deps.options?.timeoutMs ?? 5000),
      });
      await res.body?.cancel();
      return res.status;
    } catch {
      return null;
    }
  }
}
