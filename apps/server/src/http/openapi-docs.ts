import { describeRoute, resolver } from 'hono-openapi';
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';

/** The error envelope every failing route answers with. */
export const errorResponseSchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    details: v.optional(v.unknown()),
  }),
});

type Schema = v.GenericSchema;

export function jsonBody(schema: Schema) {
  return { required: true, content: { 'application/json': { schema: resolver(schema) } } };
}

export interface ResponseDoc {
  description: string;
  content?: { 'application/json': { schema: ReturnType<typeof resolver> } };
}

export function jsonResponse(description: string, schema?: Schema): ResponseDoc {
  return schema
    ? { description, content: { 'application/json': { schema: resolver(schema) } } }
    : { description };
}

const errorResponse = (description: string) => jsonResponse(description, errorResponseSchema);

export const standardErrors = {
  400: errorResponse('VALIDATION_FAILED (details.fields lists every bad path) or INVALID_JSON'),
  401: errorResponse('UNAUTHENTICATED'),
  403: errorResponse('FORBIDDEN (role, or a cross-site request)'),
  404: errorResponse('NOT_FOUND (also for another organization’s ids)'),
  409: errorResponse(
    'INVALID_TRANSITION, INVOICE_LOCKED, DOCUMENT_LOCKED, OVERPAYMENT, CONFLICT or DELETED',
  ),
};

/** `describeRoute` with the standard error responses merged in. */
export function documented(spec: {
  summary: string;
  tags: string[];
  description?: string;
  body?: Schema;
  responses: Record<number, ResponseDoc>;
  public?: boolean;
}): MiddlewareHandler {
  return describeRoute({
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.body ? { requestBody: jsonBody(spec.body) } : {}),
    ...(spec.public ? { security: [] } : {}),
    responses: { ...standardErrors, ...spec.responses },
  });
}
