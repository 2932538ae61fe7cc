import type { RecordChange } from '../store';
import type { Channel } from './channels';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field api names named anywhere in a `field_selection` group, however nested. */
function selectedFields(node: unknown): string[] {
  if (!isObject(node)) return [];
  const own = [node.api_name, isObject(node.field) ? node.field.api_name : undefined].filter(
    (name): name is string => typeof name === 'string',
  );
  const nested = Array.isArray(node.group) ? node.group.flatMap(selectedFields) : [];
  return [...own, ...nested];
}

/**
 * Whether a channel's `notification_condition` lets this change through. The emulator
 * simplifies Zoho's rule: an edit notifies when any selected field of its module changed
 * (the group operators are not weighed); creates and deletes always notify.
 */
export function conditionAllows(channel: Channel, change: RecordChange): boolean {
  if (change.operation !== 'update' || !channel.notificationCondition) return true;
  const forModule = channel.notificationCondition.filter(
    (c) => isObject(c) && isObject(c.module) && c.module.api_name === change.module,
  );
  if (forModule.length === 0) return true;
  const fields = new Set(
    forModule.flatMap((c) => (isObject(c) ? selectedFields(c.field_selection) : [])),
  );
  return change.changedFields.some((f) => fields.has(f));
}
