import type { Me } from '$lib/auth/auth-api';

const KEY = 'kanjo.session';

/**
 * How long the cached session opens the app offline after the server last
 * confirmed it: 7 days. Past that the shell does not open the local data
 * offline and asks to go online and log in. The data itself stays until the
 * server says the session is gone (then it is wiped), so a week on a plane
 * loses no unsent edit; the bound only stops the app from showing it.
 */
export const OFFLINE_SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

interface Cached {
  me: Me;
  /** When the server last confirmed the session (ISO); absent in the old format (never fresh). */
  confirmedAt?: string;
}

/**
 * The last signed-in user and organization, so the shell can open offline
 * (the server cannot be asked). Only identity, never business data; it is
 * removed on logout and when the server says the session ended, together
 * with the local database.
 */
export const offlineSession = {
  /** Records `me` as confirmed by the server at `at`. */
  remember(me: Me, at: Date = new Date()): void {
    write({ me, confirmedAt: at.toISOString() });
  },
  /** The server answered for this user again: the offline bound starts over. */
  confirm(userId: string, at: Date = new Date()): void {
    const cached = read();
    if (cached?.me.user.id === userId) write({ ...cached, confirmedAt: at.toISOString() });
  },
  /** The cached session if the server confirmed it within the offline bound, else null. */
  recall(now: Date = new Date()): Me | null {
    const cached = read();
    return cached && isFresh(cached, now) ? cached.me : null;
  },
  /** The cached session whatever its age: whose data this device holds. */
  last(): Me | null {
    return read()?.me ?? null;
  },
  /** A session is cached but too old to open offline. */
  isStale(now: Date = new Date()): boolean {
    const cached = read();
    return cached !== null && !isFresh(cached, now);
  },
  forget(): void {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Nothing stored, nothing to forget.
    }
  },
};

function isFresh({ confirmedAt }: Cached, now: Date): boolean {
  const at = confirmedAt ? Date.parse(confirmedAt) : Number.NaN;
  const age = now.getTime() - at;
  // A clock set back before the confirmation counts as stale too.
  return Number.isFinite(age) && age >= 0 && age <= OFFLINE_SESSION_MAX_AGE_MS;
}

function write(cached: Cached): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(cached));
  } catch {
    // Storage disabled: the app still works online.
  }
}

function read(): Cached | null {
  try {
    const raw = localStorage.getItem(KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (!isRecord(value)) return null;
    // The old format stored `me` alone.
    if (isMe(value)) return { me: value };
    if (!isMe(value.me)) return null;
    return typeof value.confirmedAt === 'string'
      ? { me: value.me, confirmedAt: value.confirmedAt }
      : { me: value.me };
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMe(value: unknown): value is Me {
  if (!isRecord(value)) return false;
  const { user, organization } = value;
  return (
    isRecord(user) &&
    typeof user.id === 'string' &&
    isRecord(organization) &&
    typeof organization.id === 'string'
  );
}
