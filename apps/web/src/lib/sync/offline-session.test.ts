import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '$lib/auth/auth-api';
import { OFFLINE_SESSION_MAX_AGE_MS, offlineSession } from './offline-session';

/** localStorage's contract, in memory (Node has none). */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const me = {
  user: { id: 'user-1', organizationId: 'org-1', email: 'sales@example.com', role: 'sales' },
  organization: { id: 'org-1', name: 'Kanjo KK' },
} as Me;
const confirmed = new Date('2026-11-20T00:00:00.000Z');
const after = (ms: number) => new Date(confirmed.getTime() + ms);
const DAY = 24 * 60 * 60 * 1000;

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the cached session offline', () => {
  it('opens the app for 7 days after the server last confirmed it, not after', () => {
    expect(OFFLINE_SESSION_MAX_AGE_MS).toBe(7 * DAY);
    offlineSession.remember(me, confirmed);
    expect(offlineSession.recall(after(6 * DAY))).toEqual(me);
    expect(offlineSession.recall(after(7 * DAY))).toEqual(me);
    expect(offlineSession.isStale(after(7 * DAY))).toBe(false);
    expect(offlineSession.recall(after(7 * DAY + 1))).toBeNull();
    expect(offlineSession.isStale(after(7 * DAY + 1))).toBe(true);
    // Whose data the device holds stays known, so the server can end it later.
    expect(offlineSession.last()).toEqual(me);
  });

  it('starts the bound over when the server confirms the same user again, not another', () => {
    offlineSession.remember(me, confirmed);
    offlineSession.confirm('someone-else', after(6 * DAY));
    expect(offlineSession.recall(after(8 * DAY))).toBeNull();
    offlineSession.confirm('user-1', after(6 * DAY));
    expect(offlineSession.recall(after(8 * DAY))).toEqual(me);
  });

  it('never trusts the old format (no confirmation time) or a clock set back', () => {
    storage.setItem('kanjo.session', JSON.stringify(me));
    expect(offlineSession.recall(confirmed)).toBeNull();
    expect(offlineSession.last()).toEqual(me);
    offlineSession.remember(me, confirmed);
    expect(offlineSession.recall(after(-DAY))).toBeNull();
  });

  it('forgets', () => {
    offlineSession.remember(me, confirmed);
    offlineSession.forget();
    expect(offlineSession.last()).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});
