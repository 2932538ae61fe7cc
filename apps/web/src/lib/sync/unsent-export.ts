import type { OutboxEntry } from '$lib/db/schema';

/** The localStorage key of the unsent edits saved when a session ended on this device. */
export const UNSENT_KEY = 'kanjo.unsent';

/** One ended session's unsent edits: the person's own work, never other organization data. */
export interface UnsentExport {
  userId: string;
  email: string;
  organizationId: string;
  exportedAt: string;
  changes: OutboxEntry[];
}

/** What is stored under UNSENT_KEY and what the download contains. */
export interface UnsentFile {
  format: 'kanjo.unsent-changes';
  version: 1;
  exports: UnsentExport[];
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser's localStorage, or undefined where storage is disabled. */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Adds `entry` to the saved unsent edits (an earlier session's stay until
 * downloaded or discarded). False when storage refuses (full or disabled):
 * the caller wipes anyway, the organization's data must not stay.
 */
export function saveUnsent(storage: KeyValueStorage | undefined, entry: UnsentExport): boolean {
  if (!storage) return false;
  const file = readUnsent(storage) ?? { format: 'kanjo.unsent-changes', version: 1, exports: [] };
  try {
    storage.setItem(UNSENT_KEY, JSON.stringify({ ...file, exports: [...file.exports, entry] }));
    return true;
  } catch {
    return false;
  }
}

/** The saved unsent edits, or null when there are none. */
export function readUnsent(storage: KeyValueStorage | undefined): UnsentFile | null {
  try {
    const raw = storage?.getItem(UNSENT_KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (typeof value !== 'object' || value === null) return null;
    const { format, exports } = value as Record<string, unknown>;
    if (format !== 'kanjo.unsent-changes' || !Array.isArray(exports)) return null;
    return { format, version: 1, exports: exports.filter(isExport) };
  } catch {
    return null;
  }
}

/** How many edits the saved file holds. */
export function unsentCount(file: UnsentFile | null): number {
  return file?.exports.reduce((sum, entry) => sum + entry.changes.length, 0) ?? 0;
}

export function discardUnsent(storage: KeyValueStorage | undefined): void {
  try {
    storage?.removeItem(UNSENT_KEY);
  } catch {
    // Nothing stored, nothing to discard.
  }
}

function isExport(value: unknown): value is UnsentExport {
  if (typeof value !== 'object' || value === null) return false;
  const { userId, changes } = value as Record<string, unknown>;
  return typeof userId === 'string' && Array.isArray(changes);
}
