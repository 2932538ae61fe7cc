/**
 * A small checker of JSON answers against shapes written by hand from Zoho's v8 OpenAPI
 * files: each listed key must be present with the listed JSON type; keys not listed are
 * not checked (Zoho's answers carry many more).
 */

/** `datetime` is Zoho's ISO 8601 time with an offset, e.g. `2026-01-15T15:26:49+09:00`. */
type Scalar = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'datetime';

export type Shape =
  | Scalar
  | `${Scalar}?`
  | 'any'
  | readonly [Shape]
  | { readonly $optional: Shape }
  | { readonly [key: string]: Shape };

/** A key that Zoho leaves out of some answers; when present, of `shape`. */
export const optional = (shape: Shape): Shape => ({ $optional: shape });

const zohoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function scalarProblem(value: unknown, type: Scalar): string | undefined {
  const ok =
    type === 'string'
      ? typeof value === 'string'
      : type === 'integer'
        ? Number.isInteger(value)
        : type === 'number'
          ? typeof value === 'number'
          : type === 'boolean'
            ? typeof value === 'boolean'
            : type === 'array'
              ? Array.isArray(value)
              : type === 'datetime'
                ? typeof value === 'string' && zohoTime.test(value)
                : typeof value === 'object' && value !== null && !Array.isArray(value);
  return ok ? undefined : `expected ${type}, got ${JSON.stringify(value)}`;
}

/**
 * Where `value` departs from `shape`, one line per departure (`$.data[0].id: expected
 * string, got 12`); empty when it conforms. Arrays are checked item by item.
 *
 * @example
 * conform({ count: 3 }, { count: 'integer' }); // → []
 */
export function conform(value: unknown, shape: Shape, path = '$'): string[] {
  if (shape === 'any') return [];
  if (typeof shape === 'string') {
    const nullableScalar = shape.endsWith('?');
    if (nullableScalar && value === null) return [];
    const problem = scalarProblem(value, shape.replace('?', '') as Scalar);
    return problem ? [`${path}: ${problem}`] : [];
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected array, got ${JSON.stringify(value)}`];
    const [item] = shape as readonly [Shape];
    return value.flatMap((v, i) => conform(v, item, `${path}[${i}]`));
  }
  if ('$optional' in shape) return conform(value, (shape as { $optional: Shape }).$optional, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${path}: expected object, got ${JSON.stringify(value)}`];
  }
  const record = value as Record<string, unknown>;
  return Object.entries(shape as Record<string, Shape>).flatMap(([key, inner]) => {
    if (key in record) return conform(record[key], inner, `${path}.${key}`);
    return typeof inner === 'object' && '$optional' in inner ? [] : [`${path}.${key}: missing`];
  });
}
