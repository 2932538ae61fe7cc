import type { ConflictRule, SyncExtent } from './settings';
import type { FieldValue, FlatFields } from './values';
import { normalizeValue, valuesEqual } from './values';

/**
 * The field-level three-way merge. All three maps share one key space:
 * Kanjo paths (`billingAddress.city`, `contact.email`, item `rate`), i.e. the
 * mapper's output on both sides. A key absent from a map means null.
 */

export interface FieldConflict {
  field: string;
  base: FieldValue;
  local: FieldValue;
  remote: FieldValue;
  /** Which value was kept; `held` = neither side written (rule `ask`). */
  resolution: 'remote' | 'local' | 'held';
}

export interface MergeResult {
  /**
   * What both sides hold once `toLocal` and `toRemote` are written: the
   * link's new `base`. A held field keeps its old base, so it stays a
   * conflict until someone resolves it.
   */
  merged: FlatFields;
  /** Fields to write into Kanjo (values came from the CRM). */
  toLocal: FlatFields;
  /** Fields to write into the CRM (values came from Kanjo). Empty with extent `fetch`. */
  toRemote: FlatFields;
  /** Every field changed on both sides to different values, with its outcome. */
  conflicts: FieldConflict[];
}

type Decision = { value: FieldValue; from: 'local' | 'remote' } | { held: true };

/**
 * Three-way merge of one linked record.
 *
 * Extent `both`: a field changed on one side only takes that side's value and
 * is written to the other; changed on both to equal values is no conflict;
 * changed on both to different values is a conflict decided by `rule`
 * (crmWins → remote, kanjoWins → local, ask → held).
 *
 * Extent `fetch`: nothing is written to the CRM. The new base is always the
 * CRM's value, so a Kanjo edit of a mapped field survives until the CRM
 * value changes; then the CRM value overwrites it (recorded as a conflict
 * resolved `remote` when the Kanjo value also differed from the base).
 *
 * @example
 * mergeRecord({ base: { phone: '1' }, local: { phone: '2' }, remote: { phone: '1' }, rule: 'crmWins' })
 * // toRemote { phone: '2' }, no conflicts
 */
export function mergeRecord(input: {
  base: FlatFields;
  local: FlatFields;
  remote: FlatFields;
  rule: ConflictRule;
  extent?: SyncExtent;
}): MergeResult {
  const { base, local, remote, rule, extent = 'both' } = input;
  const result: MergeResult = { merged: {}, toLocal: {}, toRemote: {}, conflicts: [] };
  for (const field of unionKeys(base, local, remote)) {
    const values = {
      base: normalizeValue(base[field]),
      local: normalizeValue(local[field]),
      remote: normalizeValue(remote[field]),
    };
    const localChanged = !valuesEqual(values.local, values.base);
    const remoteChanged = !valuesEqual(values.remote, values.base);
    const bothDiffer = localChanged && remoteChanged && !valuesEqual(values.local, values.remote);
    if (extent === 'fetch') {
      mergeFetched(result, field, values, remoteChanged, bothDiffer);
      continue;
    }
    const decision: Decision = bothDiffer
      ? decide(rule, values)
      : remoteChanged
        ? { value: values.remote, from: 'remote' }
        : { value: values.local, from: 'local' };
    apply(result, field, values, decision);
    if (bothDiffer) {
      const resolution = 'held' in decision ? 'held' : decision.from;
      result.conflicts.push({ field, ...values, resolution });
    }
  }
  return result;
}

/**
 * The first merge of a record being linked to a duplicate (duplicate rule `overwrite`),
 * when there is no base yet: the CRM's value wins wherever it has one; where
 * the CRM is empty and Kanjo has a value, Kanjo's value goes to the CRM
 * (extent `both`) or stays in Kanjo only (extent `fetch`). Fields where both
 * had different values are recorded as conflicts resolved `remote`, so the
 * history shows what was overwritten.
 */
export function firstLinkMerge(input: {
  local: FlatFields;
  remote: FlatFields;
  extent: SyncExtent;
}): MergeResult {
  const { local, remote, extent } = input;
  const result: MergeResult = { merged: {}, toLocal: {}, toRemote: {}, conflicts: [] };
  for (const field of unionKeys(local, remote)) {
    const values = {
      base: null,
      local: normalizeValue(local[field]),
      remote: normalizeValue(remote[field]),
    };
    if (values.remote === null && values.local !== null) {
      if (extent === 'both') apply(result, field, values, { value: values.local, from: 'local' });
      else result.merged[field] = null;
      continue;
    }
    apply(result, field, values, { value: values.remote, from: 'remote' });
    if (values.local !== null && !valuesEqual(values.local, values.remote)) {
      result.conflicts.push({ field, ...values, resolution: 'remote' });
    }
  }
  return result;
}

type Values = { base: FieldValue; local: FieldValue; remote: FieldValue };

function decide(rule: ConflictRule, values: Values): Decision {
  switch (rule) {
    case 'crmWins':
      return { value: values.remote, from: 'remote' };
    case 'kanjoWins':
      return { value: values.local, from: 'local' };
    case 'ask':
      return { held: true };
  }
}

function apply(result: MergeResult, field: string, values: Values, decision: Decision): void {
  if ('held' in decision) {
    result.merged[field] = values.base;
    return;
  }
  result.merged[field] = decision.value;
  // Only real differences are written: an equal value would be an echo.
  if (!valuesEqual(decision.value, values.local)) result.toLocal[field] = decision.value;
  if (!valuesEqual(decision.value, values.remote)) result.toRemote[field] = decision.value;
}

function mergeFetched(
  result: MergeResult,
  field: string,
  values: Values,
  remoteChanged: boolean,
  bothDiffer: boolean,
): void {
  result.merged[field] = values.remote;
  if (remoteChanged && !valuesEqual(values.remote, values.local)) {
    result.toLocal[field] = values.remote;
  }
  if (bothDiffer) result.conflicts.push({ field, ...values, resolution: 'remote' });
}

function unionKeys(...maps: FlatFields[]): string[] {
  return [...new Set(maps.flatMap((map) => Object.keys(map)))].sort();
}
