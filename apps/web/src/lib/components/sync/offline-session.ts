import type { Me } from '$lib/api';

const KEY = 'kanjo.session';

/**
 * The last signed-in user and organization, so the shell can open offline
 * (the server cannot be asked). Only identity, never business data; it is
 * removed on logout together with the local database (R18).
 */
export const offlineSession = {
  remember(me: Me): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(me));
    } catch {
      // Storage disabled: the app still works online.
    }
  },
  recall(): Me | null {
    try {
      const raw = localStorage.getItem(KEY);
      const me: unknown = raw ? JSON.parse(raw) : null;
      return isMe(me) ? me : null;
    } catch {
      return null;
    }
  },
  forget(): void {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Nothing stored, nothing to forget.
    }
  },
};

function isMe(value: unknown): value is Me {
  if (typeof value !== 'object' || value === null) return false;
  const { user, organization } = value as Record<string, unknown>;
  return (
    typeof user === 'object' &&
    user !== null &&
    typeof (user as Record<string, unknown>).id === 'string' &&
    typeof organization === 'object' &&
    organization !== null &&
    typeof (organization as Record<string, unknown>).id === 'string'
  );
}
