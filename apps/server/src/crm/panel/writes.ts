import {
  documentLineInputSchema,
  invoiceCreateSchema,
  MAX_DOCUMENT_LINES,
  quoteCreateSchema,
  salesOrderCreateSchema,
  type DocumentCreatedVia,
  type PanelDocumentKind,
} from '@kanjo/core';
import * as v from 'valibot';
import type { AppDeps } from '../../http/env';
import { ServiceError } from '../../errors';
import { emailDocument } from '../../mail/send-document';
import { applyMutation } from '../../mutations/apply-mutation';
import { crmNotConnected } from '../connection';
import { loadConnectionRow } from '../connection-store';
import type { PanelAccess } from './access';
import type { CrmUserInfo } from './crm-directory';

/**
 * What the panel's create form may set: the customer and deal come from the
 * signed record (a `dealId` in the body may only repeat the record's deal).
 */
const fromRecord = ['id', 'customerId', 'dealId', 'salespersonId'] as const;
const withLines = <S extends v.ObjectEntries>(entries: S) => ({
  ...entries,
  dealId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  lines: v.pipe(
    v.array(documentLineInputSchema),
    v.minLength(1, 'Add at least one line.'),
    v.maxLength(MAX_DOCUMENT_LINES),
  ),
});

export const panelCreateSchemas = {
  quote: v.strictObject(withLines(v.omit(quoteCreateSchema, fromRecord).entries)),
  salesOrder: v.strictObject(withLines(v.omit(salesOrderCreateSchema, fromRecord).entries)),
  invoice: v.strictObject(withLines(v.omit(invoiceCreateSchema, fromRecord).entries)),
} satisfies Record<PanelDocumentKind, v.GenericSchema>;

const addresses = (max: number) =>
  v.pipe(v.array(v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254))), v.maxLength(max));

export const panelEmailSchema = v.strictObject({
  to: v.pipe(addresses(20), v.minLength(1, 'Give at least one address.')),
  cc: v.optional(addresses(20)),
  subject: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300))),
  message: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
});

/** The Kanjo user panel writes are made as: whoever connected the CRM, as an admin. */
export async function panelActor(deps: AppDeps, organizationId: string) {
  const connection = await loadConnectionRow(deps.db, organizationId);
  if (!connection) throw crmNotConnected();
  return { userId: connection.connected_by, role: 'admin' as const };
}

function createdVia(access: PanelAccess, user: CrmUserInfo | undefined): DocumentCreatedVia {
  return {
    channel: 'crmPanel',
    crmUserId: access.claims.user,
    ...(user?.name ? { crmUserName: user.name } : {}),
    ...(user?.email ? { crmUserEmail: user.email } : {}),
    crmProfileId: access.claims.profile,
    ...(access.profileName ? { crmProfileName: access.profileName } : {}),
  };
}

/**
 * A document for the record's customer (and deal, on a deal's page), through
 * the normal mutation: it reaches the PWA through pull and the CRM through the
 * outbox like any other, marked as made by the CRM user.
 */
export async function createPanelDocument(args: {
  deps: AppDeps;
  access: PanelAccess;
  kind: PanelDocumentKind;
  body: v.InferOutput<(typeof panelCreateSchemas)[PanelDocumentKind]>;
  crmUser: CrmUserInfo | undefined;
}) {
  const { deps, access, kind, body } = args;
  const { customerId, dealId } = access.record;
  const { dealId: askedDeal, ...fields } = body;
  if (askedDeal && askedDeal !== dealId) {
    throw new ServiceError(
      'invalid',
      'VALIDATION_FAILED',
      'A panel document can only link the deal it is opened on.',
      {
        fields: [{ path: 'dealId', message: 'Not the deal of this panel.' }],
      },
    );
  }
  if (!customerId) {
    throw new ServiceError(
      'conflict',
      'PANEL_NO_CUSTOMER',
      'This CRM record is not a Kanjo customer yet: sync it first.',
    );
  }
  const id = deps.newId();
  await applyMutation(deps, {
    organizationId: access.organizationId,
    actor: await panelActor(deps, access.organizationId),
    name: `${kind}.create`,
    entityId: id,
    args: { ...fields, customerId, ...(dealId ? { dealId } : {}) },
    now: deps.clock(),
    newId: deps.newId,
    createdVia: createdVia(access, args.crmUser),
  });
  return id;
}

/** Sends a document by email as the CRM user (the connection's Kanjo user acts for them). */
export async function emailPanelDocument(args: {
  deps: AppDeps;
  access: PanelAccess;
  kind: PanelDocumentKind;
  id: string;
  body: v.InferOutput<typeof panelEmailSchema>;
  crmUser: CrmUserInfo | undefined;
}) {
  const { deps, access, kind, id, body, crmUser } = args;
  await panelActor(deps, access.organizationId);
  const sent = await emailDocument({
    deps,
    organizationId: access.organizationId,
    sender: {
      kind: 'crmPanel',
      crmUserId: access.claims.user,
      ...(crmUser?.name ? { crmUserName: crmUser.name } : {}),
      ...(crmUser?.email ? { crmUserEmail: crmUser.email } : {}),
    },
    kind,
    id,
    ...body,
  });
  return sent;
}
