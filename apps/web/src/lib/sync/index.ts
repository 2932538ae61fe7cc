/**
 * Sync for the UI: edit through `mutate`, watch `syncState`. The engine
 * (push/pull/rebase) lives in engine.ts and rebase.ts.
 */
export { logoutLocal, mutate, newId, resolveConflict, syncNow } from './session';
export { syncState } from './state.svelte';
export type { SyncStatus } from './engine';
