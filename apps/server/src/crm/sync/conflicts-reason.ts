import type { FieldValue } from '@kanjo/core';
import type { Db } from '../../db/database';
import type { CrmSyncEntity } from '../../db/schema';

/**
 * The CRM's value of each held field, from the newest `conflict` run items of
 * the record. The run item keeps it only in its reason
 * (`field: Kanjo <json>, CRM <json>, base <json> → …`), so it is read back
 * from there; a field no item names is left out.
 */
export async function heldCrmValues(
  db: Db,
  link: { organizationId: string; entity: CrmSyncEntity; localId: string; held: string[] },
): Promise<Map<string, FieldValue>> {
  const items = await db
    .selectFrom('crm_run_items')
    .innerJoin('crm_runs', 'crm_runs.id', 'crm_run_items.run_id')
    .select('crm_run_items.reason')
    .where('crm_run_items.organization_id', '=', link.organizationId)
    .where('crm_run_items.entity', '=', link.entity)
    .where('crm_run_items.local_id', '=', link.localId)
    .where('crm_run_items.action', '=', 'conflict')
    .where('crm_runs.dry_run', '=', 0)
    .orderBy('crm_runs.started_at', 'desc')
    .orderBy('crm_run_items.seq', 'desc')
    .limit(20)
    .execute();
  const values = new Map<string, FieldValue>();
  for (const { reason } of items) {
    for (const field of link.held) {
      if (values.has(field) || !reason) continue;
      const found = crmValueInReason(reason, field);
      if (found) values.set(field, found.value);
    }
  }
  return values;
}

/**
 * Reads `field: Kanjo <json>, CRM <json>` out of a conflict reason.
 *
 * @example crmValueInReason('phone: Kanjo "1", CRM "2", base "0" → held', 'phone') // { value: '2' }
 */
export function crmValueInReason(reason: string, field: string): { value: FieldValue } | undefined {
  for (const start of [0, ...indexesOf(reason, '; ').map((i) => i + 2)]) {
    const head = `${field}: Kanjo `;
    if (!reason.startsWith(head, start)) continue;
    const kanjo = readJson(reason, start + head.length);
    if (!kanjo || !reason.startsWith(', CRM ', kanjo.end)) continue;
    const crm = readJson(reason, kanjo.end + ', CRM '.length);
    if (crm) return { value: crm.value };
  }
  return undefined;
}

function indexesOf(text: string, part: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + 1)) out.push(i);
  return out;
}

/** One JSON scalar at `at` (a string with escapes, a number, true/false/null). */
function readJson(text: string, at: number): { value: FieldValue; end: number } | undefined {
  let end: number;
  if (text[at] === '"') {
    end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    end += 1;
  } else {
    const token = /^(null|true|false|undefined|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at));
    if (!token) return undefined;
    end = at + token[0].length;
  }
  const raw = text.slice(at, end);
  if (raw === 'undefined') return { value: null, end };
  try {
    return { value: JSON.parse(raw) as FieldValue, end };
  } catch {
    return undefined;
  }
}
