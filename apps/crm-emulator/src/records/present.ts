import type { StoredRecord, Store, User } from '../store';
import { formatZohoTime } from '../time';

const person = (u: User) => ({ name: u.name, id: u.id, email: u.email });

/** A record as Zoho answers it: stored fields plus system fields; `fields` picks a subset (+ id). */
export function presentRecord(
  store: Store,
  record: StoredRecord,
  fields?: readonly string[],
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...record.data,
    Owner: person(store.user(record.ownerId)),
    Created_By: person(store.user(record.createdBy)),
    Modified_By: person(store.user(record.modifiedBy)),
    Created_Time: formatZohoTime(record.createdTime),
    Modified_Time: formatZohoTime(record.modifiedTime),
    id: record.id,
  };
  if (record.module === 'Contacts') {
    full.Full_Name = [record.data.First_Name, record.data.Last_Name]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
  }
  if (!fields) return full;
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = full[field] ?? null;
  picked.id = record.id;
  return picked;
}

/** The `details` of a successful write item. */
export function writeDetails(store: Store, record: StoredRecord) {
  const brief = (u: User) => ({ name: u.name, id: u.id });
  return {
    Modified_Time: formatZohoTime(record.modifiedTime),
    Modified_By: brief(store.user(record.modifiedBy)),
    Created_Time: formatZohoTime(record.createdTime),
    id: record.id,
    Created_By: brief(store.user(record.createdBy)),
  };
}
