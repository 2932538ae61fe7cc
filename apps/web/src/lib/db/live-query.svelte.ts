import { liveQuery } from 'dexie';

/**
 * A Dexie `liveQuery` as rune state: `current` is `undefined` until the first
 * result, then follows every committed change to the tables the query read.
 * Create it while a component initializes; it unsubscribes when the component
 * is destroyed.
 *
 * @example
 * const customers = new LiveQuery(() => local().customers.toArray());
 * // {#each customers.current ?? [] as c (c.id)}
 */
export class LiveQuery<T> {
  current = $state.raw<T | undefined>(undefined);
  error = $state.raw<unknown>(undefined);

  /** `track` reads the reactive values the query depends on (e.g. a route param). */
  constructor(query: () => T | Promise<T>, track?: () => unknown) {
    $effect(() => {
      // Dexie may run the query outside this effect, so its inputs are read here.
      track?.();
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          this.current = value;
          this.error = undefined;
        },
        error: (error: unknown) => {
          this.error = error;
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  get loading(): boolean {
    return this.current === undefined && this.error === undefined;
  }
}
