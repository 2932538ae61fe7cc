import {
  idSchema,
  PANEL_DOCUMENT_KINDS,
  type PanelContext,
  type PanelDocumentsAnswer,
  todayIn,
} from '@kanjo/core';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { loadOrganization } from '../../db/organizations';
import { renderPdfFor } from '../../http/document-pdf';
import { notFound } from '../../errors';
import { documented, errorResponseSchema, jsonResponse } from '../../http/openapi-docs';
import { parseWith, readBody } from '../../http/validate';
import { customerReceivables } from '../../receivables/customer-receivables';
import { requirePanel, requirePermission, requireReceivables, type PanelEnv } from './access';
import type { CrmDirectory, CrmUserInfo } from './crm-directory';
import { listRecordDocuments, presentPanelDocument, readRecordDocument } from './documents';
import { editPanelDocument, panelEditSchemas } from './edits';
import { activeItems, customerEmail, recordDeals } from './record-data';
import {
  createPanelDocument,
  emailPanelDocument,
  panelCreateSchemas,
  panelEmailSchema,
} from './writes';

const kindSchema = v.picklist(PANEL_DOCUMENT_KINDS);
const documentParams = v.object({ kind: kindSchema, id: idSchema });

type PanelContextC = Context<PanelEnv>;

const tags = ['CRM panel'];
const panelErrors = {
  401: jsonResponse(
    'PANEL_SIGNATURE_INVALID or PANEL_EXPIRED: X-Kanjo-Panel missing, tampered, expired or over 10 minutes long',
    errorResponseSchema,
  ),
  403: jsonResponse(
    'FORBIDDEN: the CRM profile lacks the permission named in details ({ kind, action })',
    errorResponseSchema,
  ),
};
/** Every panel route: no session, the CRM's signed query in `X-Kanjo-Panel`. */
const doc = (
  summary: string,
  responses: Record<number, ReturnType<typeof jsonResponse>>,
  body?: v.GenericSchema,
) =>
  documented({
    summary,
    tags,
    public: true,
    description:
      'Send the signed CRM query (org, module, id, user, profile, exp, sig) as the `X-Kanjo-Panel` header. Scoped to the signed record.',
    ...(body ? { body } : {}),
    responses: { ...panelErrors, ...responses },
  });

async function organizationOf(c: PanelContextC) {
  const org = await loadOrganization(c.var.deps.db, c.var.panel.organizationId);
  if (!org) throw notFound('Organization');
  return org;
}

/** The CRM user's name and email, when the CRM says; the panel works without them. */
async function crmUserOf(
  c: PanelContextC,
  directory: CrmDirectory,
): Promise<CrmUserInfo | undefined> {
  const { organizationId, claims } = c.var.panel;
  const users = await directory.users(c.var.deps, organizationId).catch(() => []);
  return users.find((u) => u.id === claims.user);
}

/**
 * `/api/panel/*`: Kanjo inside the CRM. No session: every request
 * carries the CRM's signed query in `X-Kanjo-Panel`, names one record, and is
 * held to the CRM profile's permissions.
 *
 * @example
 * app.route('/api/panel', panelRoutes({ directory }));
 */
export function panelRoutes({ directory }: { directory: CrmDirectory }): Hono<PanelEnv> {
  const app = new Hono<PanelEnv>();
  app.use('*', requirePanel(directory));

  app.get(
    '/context',
    doc("The panel's record, CRM user, permissions, organization and items", {
      200: jsonResponse('PanelContext, with record.email'),
    }),
    async (c) => {
      const { record, claims, permissions, profileName } = c.var.panel;
      const [org, crmUser, items] = await Promise.all([
        organizationOf(c),
        crmUserOf(c, directory),
        activeItems(c.var.deps.db, c.var.panel.organizationId),
      ]);
      const answer: PanelContext = {
        record,
        crmUser: {
          id: claims.user,
          ...(crmUser?.name ? { name: crmUser.name } : {}),
          profileId: claims.profile,
          ...(profileName ? { profileName } : {}),
        },
        permissions,
        organization: { name: org.name, baseCurrency: org.baseCurrency, locale: org.locale },
        items,
      };
      // The customer's email prefills the panel's "To" (not part of the shared type).
      const email = await customerEmail(c.var.deps.db, c.var.panel.organizationId, record);
      return c.json({ ...answer, record: { ...record, email } });
    },
  );

  app.get(
    '/documents',
    doc("The record's documents of the kinds the profile may view", {
      200: jsonResponse('{ documents: PanelDocumentRow[] }'),
    }),
    async (c) => {
      const { record, permissions, organizationId } = c.var.panel;
      const documents = await listRecordDocuments({
        db: c.var.deps.db,
        organizationId,
        record,
        kinds: PANEL_DOCUMENT_KINDS.filter((kind) => permissions[kind].view),
        org: await organizationOf(c),
        now: c.var.deps.clock(),
      });
      const answer: PanelDocumentsAnswer = { documents };
      return c.json(answer);
    },
  );

  app.get(
    '/documents/:kind/:id',
    doc("One of the record's documents, with totals", {
      200: jsonResponse('The document (as the REST API presents it)'),
    }),
    async (c) => {
      const { kind, id } = parseWith(documentParams, c.req.param());
      requirePermission(c.var.panel, kind, 'view');
      const row = await readRecordDocument({ ...scope(c), kind, id });
      const org = await organizationOf(c);
      return c.json(presentPanelDocument(kind, row, org, c.var.deps.clock()));
    },
  );

  app.get(
    '/documents/:kind/:id/pdf',
    doc("One of the record's documents as a PDF", { 200: { description: 'application/pdf' } }),
    async (c) => {
      const { kind, id } = parseWith(documentParams, c.req.param());
      requirePermission(c.var.panel, kind, 'view');
      await readRecordDocument({ ...scope(c), kind, id });
      const { filename, pdf } = await renderPdfFor(c, c.var.deps, {
        db: c.var.deps.db,
        organizationId: c.var.panel.organizationId,
        kind,
        id,
      });
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `inline; filename="${filename.replace(/["\\\r\n]/g, '_')}"`);
      return c.body(new Uint8Array(pdf));
    },
  );

  app.post(
    '/documents/:kind',
    doc(
      "Create a document for the record's customer (and deal)",
      {
        201: jsonResponse('The created document'),
        409: jsonResponse('PANEL_NO_CUSTOMER, or a mutation refusal', errorResponseSchema),
      },
      panelCreateSchemas.quote,
    ),
    async (c) => {
      const kind = parseWith(kindSchema, c.req.param('kind'));
      requirePermission(c.var.panel, kind, 'createEdit');
      const body = await readBody(c, panelCreateSchemas[kind]);
      const deps = c.var.deps;
      const access = c.var.panel;
      const id = await createPanelDocument({
        deps,
        access,
        kind,
        body,
        crmUser: await crmUserOf(c, directory),
      });
      const row = await readRecordDocument({ ...scope(c), kind, id });
      const org = await organizationOf(c);
      return c.json(presentPanelDocument(kind, row, org, deps.clock()), 201);
    },
  );

  app.patch(
    '/documents/:kind/:id',
    doc(
      "Edit one of the record's documents: dates, lines, notes, deal (as the PWA's editor)",
      {
        200: jsonResponse('The edited document'),
        404: jsonResponse('NOT_FOUND: not a document of this record', errorResponseSchema),
        409: jsonResponse(
          "Core's state refusal: INVOICE_LOCKED (issued), DOCUMENT_LOCKED (void, accepted…), DEAL_LINK_LOCKED",
          errorResponseSchema,
        ),
      },
      panelEditSchemas.quote,
    ),
    async (c) => {
      const { kind, id } = parseWith(documentParams, c.req.param());
      requirePermission(c.var.panel, kind, 'createEdit');
      const before = await readRecordDocument({ ...scope(c), kind, id });
      const body = await readBody(c, panelEditSchemas[kind]);
      const deps = c.var.deps;
      const access = c.var.panel;
      await editPanelDocument({ deps, access, kind, id, currentVersion: before.version, body });
      const row = await readRecordDocument({ ...scope(c), kind, id });
      return c.json(presentPanelDocument(kind, row, await organizationOf(c), deps.clock()));
    },
  );

  app.get(
    '/deals',
    doc("The live deals of the record's customer, for the edit form's deal", {
      200: jsonResponse('{ deals: [{ id, name, stage }] }'),
    }),
    async (c) => {
      const { organizationId, record, permissions } = c.var.panel;
      // Only the edit form asks: a profile that may edit no kind has no use for them.
      const editable = PANEL_DOCUMENT_KINDS.find((kind) => permissions[kind].createEdit);
      requirePermission(c.var.panel, editable ?? 'quote', 'createEdit');
      return c.json({ deals: await recordDeals(c.var.deps.db, organizationId, record) });
    },
  );

  app.post(
    '/documents/:kind/:id/email',
    doc(
      "Send one of the record's documents by email with its PDF",
      { 200: jsonResponse('{ mailId }') },
      panelEmailSchema,
    ),
    async (c) => {
      const { kind, id } = parseWith(documentParams, c.req.param());
      requirePermission(c.var.panel, kind, 'sendEmail');
      await readRecordDocument({ ...scope(c), kind, id });
      const body = await readBody(c, panelEmailSchema);
      const sent = await emailPanelDocument({
        deps: c.var.deps,
        access: c.var.panel,
        kind,
        id,
        body,
        crmUser: await crmUserOf(c, directory),
      });
      return c.json({ mailId: sent.mailId });
    },
  );

  app.get(
    '/receivables',
    doc("The record customer's receivables summary", {
      200: jsonResponse("Core's ReceivablesSummary"),
    }),
    async (c) => {
      requireReceivables(c.var.panel);
      const { organizationId, record } = c.var.panel;
      const org = await organizationOf(c);
      const summary =
        record.customerId === null
          ? undefined
          : await customerReceivables({
              db: c.var.deps.db,
              organizationId,
              customerId: record.customerId,
              today: todayIn(org.timezone, c.var.deps.clock()),
            });
      if (!summary) throw notFound('Customer');
      return c.json(summary);
    },
  );

  return app;
}

function scope(c: PanelContextC) {
  return {
    db: c.var.deps.db,
    organizationId: c.var.panel.organizationId,
    record: c.var.panel.record,
  };
}
