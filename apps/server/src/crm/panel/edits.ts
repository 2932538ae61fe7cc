import {
  documentLineInputSchema,
  invoicePatchSchema,
  MAX_DOCUMENT_LINES,
  quotePatchSchema,
  salesOrderPatchSchema,
  versionSchema,
  type PanelDocumentKind,
} from '@kanjo/core';
import * as v from 'valibot';
import type { AppDeps } from '../../http/env';
import { ServiceError } from '../../errors';
import { applyMutation } from '../../mutations/apply-mutation';
import type { PanelAccess } from './access';
import { panelActor } from './writes';

/**
 * What the panel's edit form may change of a document: its dates, lines,
 * notes and deal, as the PWA's editor does. The customer stays the record's;
 * everything else (currency, discount, terms…) stays as it is.
 */
const editEntries = {
  lines: v.optional(
    v.pipe(
      v.array(documentLineInputSchema),
      v.minLength(1, 'Add at least one line.'),
      v.maxLength(MAX_DOCUMENT_LINES),
    ),
  ),
  /** The version the form was opened on: an edit made since is a conflict, as on a device. */
  baseVersion: v.optional(versionSchema),
};

export const panelEditSchemas = {
  quote: v.strictObject({
    ...v.pick(quotePatchSchema, ['issueDate', 'expiryDate', 'notes', 'dealId']).entries,
    ...editEntries,
  }),
  salesOrder: v.strictObject({
    ...v.pick(salesOrderPatchSchema, ['issueDate', 'notes', 'dealId']).entries,
    ...editEntries,
  }),
  invoice: v.strictObject({
    ...v.pick(invoicePatchSchema, ['issueDate', 'dueDate', 'notes', 'dealId']).entries,
    ...editEntries,
  }),
} satisfies Record<PanelDocumentKind, v.GenericSchema>;

export type PanelEdit = v.InferOutput<(typeof panelEditSchemas)[PanelDocumentKind]>;

/**
 * On a deal's page the panel shows the deal's documents: an edit there may
 * not move one to another deal (or none). Elsewhere core decides: only a deal
 * of the document's customer, and never away from automation's deal.
 */
function assertDealOfPage(access: PanelAccess, dealId: string | null | undefined): void {
  const pageDeal = access.record.module === 'Deals' ? access.record.dealId : null;
  if (dealId === undefined || pageDeal === null || dealId === pageDeal) return;
  throw new ServiceError(
    'invalid',
    'VALIDATION_FAILED',
    'On a deal’s page, a document keeps that deal.',
    {
      fields: [{ path: 'dealId', message: 'Not the deal of this panel.' }],
    },
  );
}

/**
 * Edits one of the record's documents through the `<kind>.patch` mutation,
 * the PWA's own: core's state rules refuse an issued invoice or a void,
 * accepted or invoiced document, and the edit reaches the PWA by pull and the
 * CRM by the outbox like any other. The caller proved the document is the
 * record's and the profile may create and edit this kind.
 */
export async function editPanelDocument(args: {
  deps: AppDeps;
  access: PanelAccess;
  kind: PanelDocumentKind;
  id: string;
  /** The document's version now: the base when the form did not say. */
  currentVersion: number;
  body: PanelEdit;
}): Promise<void> {
  const { deps, access, kind, id, body } = args;
  const { baseVersion, ...patch } = body;
  assertDealOfPage(access, patch.dealId);
  const actor = await panelActor(deps, access.organizationId);
  await applyMutation(deps, {
    organizationId: access.organizationId,
    actor,
    name: `${kind}.patch`,
    entityId: id,
    args: patch,
    now: deps.clock(),
    newId: deps.newId,
    // Like a device's push: whoever changed a field since the form opened sees the conflict.
    origin: {
      clientId: `crm-panel:${access.claims.user}`,
      baseVersion: baseVersion ?? args.currentVersion,
    },
  });
}
