import type { Me } from '$lib/auth/auth-api';
import type { KanjoDB } from '$lib/db/schema';
import { saveUnsent, type KeyValueStorage } from './unsent-export';

/**
 * Whether the server says `userId`'s session in this browser has ended: true
 * when it answers 401 (null) or names another user, false when it still names
 * this user (the 401 was a stale request, e.g. from before a new login).
 * Throws when it cannot answer (offline, 5xx): nothing may be wiped then.
 */
export async function sessionEnded(
  userId: string,
  whoIsSignedIn: () => Promise<Me | null>,
): Promise<boolean> {
  const me = await whoIsSignedIn();
  return me?.user.id !== userId;
}

/**
 * The end of a session on this device: the unsent outbox (the person's own
 * edits) is saved to storage for the login page's download, then the
 * organization's data goes at once. Resolves with how many edits were saved.
 */
export async function saveUnsentAndWipe({
  db,
  user,
  storage,
  wipe,
  now = new Date(),
}: {
  db: KanjoDB;
  user: { id: string; email: string; organizationId: string };
  storage: KeyValueStorage | undefined;
  wipe: () => Promise<void>;
  now?: Date;
}): Promise<number> {
  const changes = await db._outbox.orderBy('seq').toArray();
  if (changes.length > 0) {
    saveUnsent(storage, {
      userId: user.id,
      email: user.email,
      organizationId: user.organizationId,
      exportedAt: now.toISOString(),
      changes,
    });
  }
  await wipe();
  return changes.length;
}
