import type { MutationArgs } from '@kanjo/core';
import { changedFields } from '$lib/forms/draft-diff';
import { mutate } from '$lib/sync';
import type { DocumentBody } from './document-draft';
import type { AnyDocument, DocumentKind } from './kinds';

/**
 * The patch args of any kind (the sales order's, with the invoice's due date
 * and the quote's expiry): changed fields only, `null` for an optional field
 * now empty.
 */
export type DocumentPatch = MutationArgs<'salesOrder.patch'> &
  Pick<MutationArgs<'invoice.patch'>, 'dueDate'> &
  Pick<MutationArgs<'quote.patch'>, 'expiryDate'>;

/**
 * Only what changed since the last save goes out, so an edit made elsewhere
 * to another field is not overwritten (the server merges per field).
 *
 * @example patchOf(saved, { ...saved, notes: undefined }) // { notes: null }
 */
export function patchOf(before: DocumentBody, after: DocumentBody): DocumentPatch {
  return changedFields({ before, after }) as DocumentPatch;
}

/** Creates a draft of `kind` with the client-made id `id`. */
export async function createDocument({
  kind,
  id,
  body,
}: {
  kind: DocumentKind;
  id: string;
  body: DocumentBody;
}): Promise<void> {
  const { dueDate, expiryDate, ...common } = body;
  if (kind === 'invoice') await mutate('invoice.create', id, { ...common, dueDate });
  else if (kind === 'quote') await mutate('quote.create', id, { ...common, expiryDate });
  else await mutate('salesOrder.create', id, common);
}

/** Saves the changed fields of an existing document; nothing to change, nothing queued. */
export async function patchDocument({
  kind,
  id,
  patch,
}: {
  kind: DocumentKind;
  id: string;
  patch: DocumentPatch;
}): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  const { dueDate, expiryDate, ...common } = patch;
  if (kind === 'invoice') await mutate('invoice.patch', id, { ...common, dueDate });
  else if (kind === 'quote') await mutate('quote.patch', id, { ...common, expiryDate });
  else await mutate('salesOrder.patch', id, common);
}

/**
 * "Make a copy": a new draft of the same kind with the same customer, lines
 * (fresh line ids), discount, tax mode, notes and terms, dated today. Dates
 * after the issue date are left for the mutation to default.
 */
export async function copyDocument({
  kind,
  doc,
  newId,
  today,
}: {
  kind: DocumentKind;
  doc: AnyDocument;
  newId: () => string;
  today: string;
}): Promise<string> {
  const id = newId();
  await createDocument({
    kind,
    id,
    body: {
      customerId: doc.customerId,
      currency: doc.currency,
      issueDate: today,
      referenceNumber: doc.referenceNumber,
      lines: doc.lines.map((line) => ({ ...line, id: newId() })),
      discount: doc.discount,
      taxInclusive: doc.taxInclusive ?? false,
      notes: doc.notes,
      terms: doc.terms,
      dealId: doc.dealId ?? null,
    },
  });
  return id;
}
