import type { FieldMeta, FieldWrite } from '../db/entities';
import { canonicalJson } from './canonical-hash';

/** Stamps every write touches; they never conflict. */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** Top-level fields whose value differs (an absent field reads as null). */
export function changedFields(before: object | undefined, after: object): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (key) => !BOOKKEEPING.has(key) && canonicalJson(a[key]) !== canonicalJson(b[key]),
  );
}

export function stampFields(meta: FieldMeta, fields: string[], writer: FieldWrite): FieldMeta {
  const next = { ...meta };
  for (const field of fields) next[field] = writer;
  return next;
}

export interface FieldConflict {
  field: string;
  winningValue: unknown;
  losingValue: unknown;
  loser: FieldWrite;
}

/**
 * Conflict detection: a field this write changes that someone else (another user or another
 * client) changed after the writer's base version. The write still wins —
 * server order decides, never a device clock — but the overwritten value
 * is kept as a conflict. A field set to the value it already had is not in
 * `fields`, so it never conflicts.
 */
export function findConflicts(input: {
  before: object;
  after: object;
  fields: string[];
  meta: FieldMeta;
  writer: Omit<FieldWrite, 'version'>;
  baseVersion: number;
}): FieldConflict[] {
  const before = input.before as Record<string, unknown>;
  const after = input.after as Record<string, unknown>;
  const conflicts: FieldConflict[] = [];
  for (const field of input.fields) {
    const last = input.meta[field];
    if (!last || last.version <= input.baseVersion) continue;
    if (last.userId === input.writer.userId && last.clientId === input.writer.clientId) continue;
    conflicts.push({
      field,
      winningValue: after[field] ?? null,
      losingValue: before[field] ?? null,
      loser: last,
    });
  }
  return conflicts;
}
