import type { KanjoDB } from '$lib/db/schema';
import type { SyncEngine } from './engine';

export type LogoutResult = { ok: true } | { ok: false; pending: number };

/**
 * Logging out on a shared device: nothing pending → wipe. Pending edits → sync
 * first; still pending → refuse (the UI warns) unless `force`, which wipes
 * them too.
 */
export async function logoutDevice({
  db,
  engine,
  force,
  wipe,
}: {
  db: KanjoDB;
  engine: Pick<SyncEngine, 'sync'>;
  force: boolean;
  wipe: () => Promise<void>;
}): Promise<LogoutResult> {
  let pending = await db._outbox.count();
  if (pending > 0) {
    await engine.sync();
    pending = await db._outbox.count();
  }
  if (pending > 0 && !force) return { ok: false, pending };
  await wipe();
  return { ok: true };
}
