import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so two bodies that mean the
 * same thing hash the same whatever order a client serialized them in.
 * `undefined` (a missing `args`) reads as `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  // Built by appending rather than with entries/map/join: it runs for every
  // pushed mutation and every changed field, and the arrays were most of its cost.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(field);
  }
  return out + '}';
}

/**
 * The identity of a client mutation: a replayed `(clientId, seq)` must carry
 * the same hash, or it is a reused seq and the push is refused.
 */
export function mutationBodyHash(body: {
  name: string;
  entityId: string;
  args?: unknown;
  baseVersion: number;
}): string {
  const canonical = canonicalJson({
    name: body.name,
    entityId: body.entityId,
    args: body.args ?? null,
    baseVersion: body.baseVersion,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
