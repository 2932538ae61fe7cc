import {
  formatMoney,
  type CustomerFieldDefinition,
  type CrmHeldField,
  type CrmHeldConflict,
} from '@kanjo/core';
import { ApiError, request } from '$lib/http/client';
import { queryString, type FieldValue, type SyncEntity } from './history-api';
import { ITEM_FIELD_LABELS, kanjoFieldLabel } from './sync-settings-fields';
import type { Message } from './sync-settings-issues';

/**
 * Fields the conflict rule `ask` held for a person: changed on both sides
 * since the last sync. The server keeps them; this reads one record's and
 * settles one field at a time. Failures are the `ApiError` / `NetworkError` of the HTTP client.
 */

export type HeldField = CrmHeldField;

export type HeldConflict = CrmHeldConflict;

export type HeldSide = 'kanjo' | 'crm';

/** Every held record of the organization (the history page's summary). */
export async function listHeldConflicts(): Promise<HeldConflict[]> {
  const path = '/api/crm/conflicts';
  return (await request<{ conflicts: HeldConflict[] }>({ method: 'GET', path })).conflicts;
}

/** One record's held fields; an empty list when nothing is held. */
export async function listHeldFields(entity: SyncEntity, localId: string): Promise<HeldField[]> {
  const { conflicts } = await request<{ conflicts: HeldConflict[] }>({
    method: 'GET',
    path: `/api/crm/conflicts${queryString({ entity, localId })}`,
  });
  return conflicts.flatMap((conflict) => conflict.fields);
}

/**
 * Owners and admins: keeps Kanjo's value (sent to the CRM by the next sync) or
 * takes the CRM's (written to Kanjo now; `seq` is that change, which the
 * device receives with its next pull).
 *
 * @example await resolveHeldField({ entity: 'customer', localId, field: 'phone', take: 'crm' });
 */
export const resolveHeldField = (choice: {
  entity: SyncEntity;
  localId: string;
  field: string;
  take: HeldSide;
}): Promise<{ ok: true; seq?: number }> =>
  request({ method: 'POST', path: '/api/crm/conflicts/resolve', body: choice });

const CUSTOM_PREFIX = 'customFields.';

/** A held field's name: the built-in label, the custom field's own label, or the path. */
export function heldFieldLabel({
  entity,
  field,
  customerFields,
}: {
  entity: SyncEntity;
  field: string;
  customerFields: readonly CustomerFieldDefinition[];
}): Message {
  if (entity === 'item') {
    const key = Object.hasOwn(ITEM_FIELD_LABELS, field)
      ? ITEM_FIELD_LABELS[field as keyof typeof ITEM_FIELD_LABELS]
      : undefined;
    return key ? { key } : { text: field };
  }
  const key = kanjoFieldLabel(field);
  if (key) return { key };
  const custom = field.startsWith(CUSTOM_PREFIX)
    ? customerFields.find((f) => f.key === field.slice(CUSTOM_PREFIX.length))
    : undefined;
  return { text: custom?.label ?? field };
}

/**
 * A held value as text, `null` for "empty": an item's rate is integer minor
 * units, shown as money in the organization's currency.
 */
export function heldValueText({
  entity,
  field,
  value,
  currency,
  locale,
}: {
  entity: SyncEntity;
  field: string;
  value: FieldValue;
  currency: string;
  locale: string;
}): Message | null {
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') {
    return { key: value ? 'crmHistory.conflicts.yes' : 'crmHistory.conflicts.no' };
  }
  if (entity === 'item' && field === 'rate' && Number.isSafeInteger(value)) {
    return { text: formatMoney(Number(value), currency, locale) };
  }
  return { text: String(value) };
}

const FAILURES: Record<string, Message> = {
  CRM_VALUE_UNKNOWN: { key: 'crmHistory.conflicts.error.crmUnknown' },
  CRM_CONFLICT_NOT_HELD: { key: 'crmHistory.conflicts.error.notHeld' },
  NOT_FOUND: { key: 'crmHistory.conflicts.error.notHeld' },
  FORBIDDEN: { key: 'crmHistory.conflicts.error.forbidden' },
};

/** Why a list or a resolve failed, in words; nothing was changed on the server. */
export function describeConflictFailure(error: unknown): Message {
  if (error instanceof ApiError) {
    return (
      FAILURES[error.code] ?? {
        key: 'crmHistory.conflicts.error.other',
        params: { message: error.message },
      }
    );
  }
  return { key: 'crmHistory.conflicts.error.offline' };
}
