import { onMount } from 'svelte';
import { LiveQuery } from '$lib/db/live-query.svelte';
import { getCrmConnection } from '$lib/crm/connection-api';
import { syncState } from '$lib/sync/state.svelte';
import { hasCachedDeals } from './queries';

/**
 * Whether the organization works with a CRM, for the document page's deal
 * and automation parts. Offline-first: cached deals prove it without the
 * network; online, the connection (any member may read it) covers an
 * organization whose customers have no deals yet. Create it while a
 * component initializes.
 */
export class CrmPresence {
  #deals = new LiveQuery(() => hasCachedDeals());
  #connected = $state(false);

  constructor() {
    onMount(() => {
      if (syncState.online) void this.#check();
    });
  }

  get known(): boolean {
    return this.#deals.current === true || this.#connected;
  }

  async #check(): Promise<void> {
    try {
      this.#connected = (await getCrmConnection())?.status === 'connected';
    } catch {
      // Unknown stays "not shown"; cached deals still reveal a CRM offline.
    }
  }
}
