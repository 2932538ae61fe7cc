import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so two bodies that mean the
 * same thing hash the same whatever order a client serialized them in.
 * `undefined` (a missing `args`) reads as `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
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
