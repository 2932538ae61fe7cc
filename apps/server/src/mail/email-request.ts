import { emailSchema } from '@kanjo/core';
import * as v from 'valibot';

/** Header text on one line: a CR or LF would let a value add mail headers. */
const oneLine = v.regex(/^[^\r\n]*$/, 'Must be on one line');

/**
 * What a person asks for when emailing a document: 1–10 recipients, up to 10
 * in copy, and an optional subject and message replacing the defaults.
 */
export const emailRequestSchema = v.strictObject({
  to: v.pipe(
    v.array(emailSchema),
    v.minLength(1, 'Give at least one recipient'),
    v.maxLength(10, 'At most 10 recipients'),
  ),
  cc: v.optional(v.pipe(v.array(emailSchema), v.maxLength(10, 'At most 10 in copy'))),
  subject: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'Subject is empty'), v.maxLength(200), oneLine),
  ),
  message: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'Message is empty'), v.maxLength(10_000)),
  ),
});

export type EmailRequest = v.InferOutput<typeof emailRequestSchema>;
