type Listener = (seq: number) => void;

/**
 * In-process fan-out of "the organization's seq moved" to its open SSE
 * streams. One instance per app (passed through deps), no module state.
 * Call `notify` only after the transaction that moved the seq committed, so
 * a poked client always finds the change when it pulls.
 *
 * @example
 * const stop = notifier.subscribe(orgId, (seq) => send(seq));
 * notifier.notify(orgId, 42);
 */
export class SyncNotifier {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(organizationId: string, listener: Listener): () => void {
    let set = this.#listeners.get(organizationId);
    if (!set) {
      set = new Set();
      this.#listeners.set(organizationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(organizationId);
    };
  }

  notify(organizationId: string, seq: number): void {
    for (const listener of this.#listeners.get(organizationId) ?? []) listener(seq);
  }

  listenerCount(organizationId: string): number {
    return this.#listeners.get(organizationId)?.size ?? 0;
  }
}
