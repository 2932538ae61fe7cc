import type { Context } from 'hono';
import { issuesToFields, validationError } from '@kanjo/core';
import * as v from 'valibot';
import { ApiError } from './errors';
import { isJsonMediaType, jsonDepth, MAX_JSON_DEPTH } from './json-body';

/**
 * An optional `limit` query parameter: a whole number from 1 to `max`.
 * @example v.object({ limit: limitQuerySchema(200) })
 */
export function limitQuerySchema(max: number) {
  return v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'Use a whole number.'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(max),
    ),
  );
}

/** Parses a value against a schema, or throws 400 VALIDATION_FAILED naming every bad field. */
export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: false });
  if (!result.success) throw validationError(issuesToFields(result.issues).fields);
  return result.output;
}

/**
 * The request body as JSON: 415 unless its media type is application/json,
 * 400 JSON_TOO_DEEP past {@link MAX_JSON_DEPTH} levels (checked before parsing:
 * nothing downstream — validation, hashing — meets a hostile depth), 400
 * INVALID_JSON when it does not parse; never a 500 for bad input.
 */
export async function readJson(c: Context): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(
      400,
      'JSON_TOO_DEEP',
      `The request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`,
      { maxDepth: MAX_JSON_DEPTH },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}

export async function readBody<S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<v.InferOutput<S>> {
  return parseWith(schema, await readJson(c));
}
