import { emailSchema, multiLineText, singleLineText } from '@kanjo/core';
import * as v from 'valibot';

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
  /** A header: one line, so a CR or LF cannot add mail headers (and no bidi or control characters). */
  subject: v.optional(singleLineText(200, { required: true })),
  message: v.optional(multiLineText(10_000, { required: true })),
});

export type EmailRequest = v.InferOutput<typeof emailRequestSchema>;
