import { DOCUMENT_PATHS, type DocumentKind } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole, requireUser } from '../auth/middleware';
import { emailRequestSchema } from '../mail/email-request';
import { getMail, getRawMail, listMail } from '../mail/outbox-store';
import { emailDocument } from '../mail/send-document';
import type { MailTransport } from '../mail/transport';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { documented, jsonResponse } from './openapi-docs';
import { limitQuerySchema, parseWith, readBody } from './validate';

const outboxQuerySchema = v.object({
  limit: limitQuerySchema(200),
  before: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

const readsOutbox = requireRole('owner', 'admin', 'accountant');

/**
 * Emailing documents and the mail outbox, mounted at `/api`:
 * `POST /{quotes|sales-orders|invoices}/:id/email` answers `{ mailId, seq }`;
 * `GET /mail/outbox`, `/mail/outbox/:id` and `/mail/outbox/:id/raw` (owners,
 * admins, accountants). Who may email a document is who may mark it sent.
 *
 * @example app.route('/api', documentEmailRoutes({ transport: mailTransportFrom(process.env) }));
 */
export function documentEmailRoutes(options: { transport?: MailTransport } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  for (const [kind, path] of Object.entries(DOCUMENT_PATHS) as [DocumentKind, string][]) {
    app.post(
      `/${path}/:id/email`,
      documented({
        summary: `Email a ${kind === 'salesOrder' ? 'sales order' : kind} with its PDF`,
        tags: ['Mail'],
        description:
          'Sends the PDF to `to` (1–10) and `cc` (≤ 10), then marks the document sent. Without `SMTP_URL` the mail is captured in the outbox.',
        body: emailRequestSchema,
        responses: { 200: jsonResponse('`{ mailId, seq }`') },
      }),
      requireUser,
      async (c) => {
        const body = await readBody(c, emailRequestSchema);
        const user = c.var.user;
        const result = await emailDocument({
          deps: c.var.deps,
          organizationId: user.organizationId,
          sender: { kind: 'user', userId: user.id, role: user.role },
          kind,
          id: c.req.param('id'),
          ...body,
          ...options,
        });
        return c.json(result);
      },
    );
  }

  app.get(
    '/mail/outbox',
    documented({
      summary: 'List sent mail',
      tags: ['Mail'],
      description:
        'Newest first. Query: `limit` (1–200, default 50), `before` (the `nextBefore` of the previous page). Owners, admins, accountants.',
      responses: { 200: jsonResponse('`{ items, nextBefore }`') },
    }),
    requireUser,
    readsOutbox,
    async (c) => {
      const query = parseWith(outboxQuerySchema, c.req.query());
      const page = await listMail(c.var.deps.db, {
        organizationId: c.var.user.organizationId,
        limit: query.limit ?? 50,
        ...(query.before ? { before: query.before } : {}),
      });
      return c.json(page);
    },
  );

  app.get(
    '/mail/outbox/:id',
    documented({
      summary: 'Read one sent mail',
      tags: ['Mail'],
      responses: { 200: jsonResponse('The mail with its `body`.') },
    }),
    requireUser,
    readsOutbox,
    async (c) => {
      const mail = await getMail(c.var.deps.db, c.var.user.organizationId, c.req.param('id'));
      if (!mail) throw notFound('Mail');
      return c.json(mail);
    },
  );

  app.get(
    '/mail/outbox/:id/raw',
    documented({
      summary: 'Download a sent mail as sent',
      tags: ['Mail'],
      responses: { 200: { description: 'The RFC 5322 message (`message/rfc822`).' } },
    }),
    requireUser,
    readsOutbox,
    async (c) => {
      const raw = await getRawMail(c.var.deps.db, c.var.user.organizationId, c.req.param('id'));
      if (!raw) throw notFound('Mail');
      const filename = `${c.req.param('id')}.eml`;
      return c.body(new Uint8Array(raw), 200, {
        'content-type': 'message/rfc822',
        'content-disposition': `attachment; filename="${filename}"`,
      });
    },
  );

  return app;
}
