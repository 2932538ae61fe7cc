import type { SyncStatus } from './engine';

function initial(): SyncStatus {
  return {
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    pending: 0,
    lastSyncAt: null,
    syncing: false,
    error: null,
    needsLogin: false,
    rejected: 0,
    conflicts: 0,
  };
}

/**
 * What the UI shows about sync, kept current by the engine of the open
 * database (and, in every tab, by live counts of the outbox, rejections and
 * open conflicts).
 *
 * @example {#if syncState.pending > 0}{syncState.pending} unsent{/if}
 */
export const syncState: SyncStatus = $state(initial());

export function updateSyncState(patch: Partial<SyncStatus>): void {
  Object.assign(syncState, patch);
}

export function resetSyncState(): void {
  Object.assign(syncState, initial());
}
