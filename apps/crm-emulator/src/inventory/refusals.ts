import type { ItemResult } from '../records/write';

/** Where a value sits in the request: its field, JSON path and, in a line, the subform. */
export interface Place {
  api_name: string;
  json_path: string;
  parent_api_name?: string;
}

const refusal = (code: string, message: string, details: Record<string, unknown>): ItemResult => ({
  ok: false,
  body: { code, details, message, status: 'error' },
});

export const missing = (place: Place) =>
  refusal('MANDATORY_NOT_FOUND', 'required field not found', { ...place });

export const invalid = (place: Place, extra: Record<string, unknown> = {}) =>
  refusal('INVALID_DATA', 'invalid data', { ...place, ...extra });

/** A refusal instead of a value: the first problem of a record is the one Zoho answers. */
export type Checked<T> = { ok: true; value: T } | { ok: false; failure: ItemResult };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = <T>(failure: ItemResult): Checked<T> => ({ ok: false, failure });
