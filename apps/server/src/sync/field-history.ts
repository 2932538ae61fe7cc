import type { ConflictRule } from '@kanjo/core';
import { canonicalJson } from './canonical-hash';

/**
 * Leaf-level history of a record's fields, and the rule that settles a device
 * edit which meets a CRM write of the same field.
 *
 * A "leaf" is the smallest field the CRM maps: a top-level value (`phone`,
 * an item's `rate`), one key of an object (`billingAddress.city`,
 * `customFields.region`) or one key of a contact person
 * (`contactPersons.<id>.email`). Devices send a changed object whole, so the
 * leaves are what tells "the rep changed the street" from "the rep's copy
 * still has last week's city".
 */

/** One write of one leaf: its seq, who made it, and the value it replaced. */
export interface LeafWrite {
  version: number;
  crm: boolean;
  userId: string;
  clientId: string | null;
  previous: unknown;
}

export type FieldHistory = Record<string, LeafWrite[]>;

/** Enough to reach back over a rep's offline week; older writes fall off. */
const KEPT_PER_LEAF = 8;

const OBJECT_FIELDS = new Set(['billingAddress', 'shippingAddress', 'customFields']);
const PERSONS = 'contactPersons';

type Leaves = Map<string, unknown>;

/** The leaves of one top-level field of a row (an absent value has none, or itself). */
export function leavesOf(field: string, value: unknown): Leaves {
  const leaves: Leaves = new Map();
  if (field === PERSONS) {
    for (const person of Array.isArray(value) ? (value as Record<string, unknown>[]) : []) {
      for (const [key, leaf] of Object.entries(person)) {
        if (key !== 'id') leaves.set(`${PERSONS}.${String(person.id)}.${key}`, leaf);
      }
    }
  } else if (OBJECT_FIELDS.has(field)) {
    const entries = isPlainObject(value) ? Object.entries(value) : [];
    for (const [key, leaf] of entries) leaves.set(`${field}.${key}`, leaf);
  } else {
    leaves.set(field, value);
  }
  return leaves;
}

/** Whether any leaf was written by the CRM sync after `baseVersion`. */
export function crmWroteSince(history: FieldHistory, baseVersion: number): boolean {
  return Object.values(history).some((writes) =>
    writes.some((w) => w.crm && w.version > baseVersion),
  );
}

export const sameValue = (a: unknown, b: unknown): boolean =>
  canonicalJson(emptyAsNull(a)) === canonicalJson(emptyAsNull(b));

/**
 * Appends this write's changed leaves to the history, keeping the last few
 * of each. `fields` are the top-level fields the write changed.
 */
export function recordLeafWrites(input: {
  history: FieldHistory;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  fields: string[];
  write: Omit<LeafWrite, 'previous'>;
}): FieldHistory {
  const next: FieldHistory = { ...input.history };
  for (const field of input.fields) {
    const was = leavesOf(field, input.before[field]);
    const now = leavesOf(field, input.after[field]);
    for (const leaf of new Set([...was.keys(), ...now.keys()])) {
      const previous = was.get(leaf) ?? null;
      if (sameValue(previous, now.get(leaf))) continue;
      const kept = [...(next[leaf] ?? []), { ...input.write, previous }];
      next[leaf] = kept.slice(-KEPT_PER_LEAF);
    }
  }
  return next;
}

/** A leaf where the device's edit met a later write it had not seen. */
export interface LeafConflict {
  field: string;
  winningValue: unknown;
  losingValue: unknown;
  /** The write that lost: the device's, or the one the device overwrote. */
  loser: 'device' | Omit<LeafWrite, 'previous' | 'crm'>;
  winner: 'device' | Omit<LeafWrite, 'previous' | 'crm'>;
  /** Set when the CRM conflict rule decided it. */
  crmRule?: ConflictRule;
}

export interface RuledEdit {
  /** The row to store: the device's row with the fields the rule kept. */
  row: Record<string, unknown>;
  /** Top-level fields settled here; the generic "later write wins" check skips them. */
  settled: Set<string>;
  conflicts: LeafConflict[];
}

/**
 * Settles a device edit based on `baseVersion` against the writes it had not
 * seen. Only fields with a CRM write after the base are settled here (the
 * others keep the generic rule: the later write wins and the overwritten
 * value is kept as a conflict). For each leaf of such a field:
 *
 * - the device's value equals the value it was based on → not an edit: the
 *   stored value stays, silently;
 * - the last write after the base came from the CRM → `rule` decides
 *   (`crmWins` and `ask` keep the CRM's value, `kanjoWins` takes the
 *   device's); `rule` null (no CRM connected any more) → the device's;
 * - the last write came from Kanjo → the device's value, the overwritten one
 *   kept as a conflict, as everywhere else.
 */
export function settleEdit(input: {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  fields: string[];
  history: FieldHistory;
  baseVersion: number;
  rule: ConflictRule | null;
}): RuledEdit {
  const { before, after, history, baseVersion, rule } = input;
  const unseen = (leaf: string) => (history[leaf] ?? []).filter((w) => w.version > baseVersion);
  const row = { ...after };
  const settled = new Set<string>();
  const conflicts: LeafConflict[] = [];
  for (const field of input.fields) {
    const current = leavesOf(field, before[field]);
    const device = leavesOf(field, after[field]);
    const leaves = [...new Set([...current.keys(), ...device.keys()])];
    if (!leaves.some((leaf) => unseen(leaf).some((w) => w.crm))) continue;
    settled.add(field);
    const kept: Leaves = new Map();
    for (const leaf of leaves) {
      const stored = current.get(leaf) ?? null;
      const mine = device.get(leaf) ?? null;
      const writes = unseen(leaf);
      const [first] = writes;
      const last = writes.at(-1);
      if (sameValue(stored, mine)) {
        kept.set(leaf, stored);
        continue;
      }
      // Nobody wrote this leaf since the device's base: the device's edit stands.
      if (!first || !last) {
        kept.set(leaf, mine);
        continue;
      }
      // The device still holds the value it was based on: a stale copy, not an edit.
      if (sameValue(mine, first.previous)) {
        kept.set(leaf, stored);
        continue;
      }
      const { previous: _previous, crm, ...other } = last;
      const deviceWins = !crm || rule === null || rule === 'kanjoWins';
      kept.set(leaf, deviceWins ? mine : stored);
      conflicts.push({
        field: leaf,
        winningValue: deviceWins ? mine : stored,
        losingValue: deviceWins ? stored : mine,
        winner: deviceWins ? 'device' : other,
        loser: deviceWins ? other : 'device',
        ...(crm && rule !== null ? { crmRule: rule } : {}),
      });
    }
    row[field] = rebuild(field, kept, before[field], after[field]);
  }
  return { row, settled, conflicts };
}

/** Puts a top-level field back together from its leaves. */
function rebuild(field: string, leaves: Leaves, stored: unknown, device: unknown): unknown {
  if (field === PERSONS) return rebuildPersons(leaves, stored, device);
  if (!OBJECT_FIELDS.has(field)) return leaves.get(field) ?? undefined;
  const object = Object.fromEntries(
    [...leaves].flatMap(([leaf, value]) =>
      emptyAsNull(value) === null ? [] : [[leaf.slice(field.length + 1), value]],
    ),
  );
  if (Object.keys(object).length > 0) return object;
  return isPlainObject(device) || isPlainObject(stored) ? {} : undefined;
}

/** Persons in the device's order, then the ones only the server has; a person without a last name is gone. */
function rebuildPersons(leaves: Leaves, stored: unknown, device: unknown): unknown[] {
  const ids = [...personIds(device), ...personIds(stored)];
  const persons: Record<string, unknown>[] = [];
  let primarySeen = false;
  for (const id of new Set(ids)) {
    const prefix = `${PERSONS}.${id}.`;
    const person: Record<string, unknown> = { id };
    for (const [leaf, value] of leaves) {
      if (leaf.startsWith(prefix) && emptyAsNull(value) !== null) {
        person[leaf.slice(prefix.length)] = value;
      }
    }
    if (emptyAsNull(person.lastName) === null) continue;
    // At most one primary person survives a merge of two lists.
    const primary: boolean = person.primary === true && !primarySeen;
    primarySeen ||= primary;
    persons.push({ ...person, primary });
  }
  return persons;
}

/**
 * The patch that sets one leaf on the stored row (keeping a losing value
 * later): a top-level field as is, an object key or a person's key inside
 * the whole object or list it belongs to.
 */
export function patchForLeaf(
  row: Record<string, unknown>,
  leaf: string,
  value: unknown,
): Record<string, unknown> {
  const [field = leaf, ...rest] = leaf.split('.');
  if (rest.length === 0) return { [leaf]: value };
  if (field === PERSONS) {
    const [id, key = ''] = rest;
    const list = Array.isArray(row[PERSONS]) ? (row[PERSONS] as Record<string, unknown>[]) : [];
    return {
      [PERSONS]: list.map((person) =>
        String(person.id) === id ? withKey(person, key, value) : person,
      ),
    };
  }
  const object = isPlainObject(row[field]) ? row[field] : {};
  return { [field]: withKey(object, rest.join('.'), value) };
}

function withKey(object: Record<string, unknown>, key: string, value: unknown) {
  const next = { ...object, [key]: value };
  if (emptyAsNull(value) === null) delete next[key];
  return next;
}

function personIds(list: unknown): string[] {
  return Array.isArray(list) ? (list as { id?: unknown }[]).map((p) => String(p.id)) : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyAsNull(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}
