/**
 * Sync for the UI: edit through `mutate`, watch `syncState`. The engine
 * (push/pull/rebase) lives in engine.ts and rebase.ts.
 */
export {
  logoutLocal,
  mutate,
  newId,
  onSessionEnded,
  resolveConflict,
  settleCachedSession,
  syncNow,
} from './session';
export { discardUnsent, readUnsent, unsentCount, browserStorage } from './unsent-export';
export type { UnsentFile } from './unsent-export';
export { syncState } from './state.svelte';
export type { SyncStatus } from './engine';
