import {
  DOCUMENT_PATHS,
  idSchema,
  mutationArgs,
  newIdIssues,
  presentDocument,
  rowSchemas,
  type EntityName,
  type EntityRowMap,
  type MutationName,
  type Organization,
  type PresentOptions,
  todayIn,
  validationError,
} from '@kanjo/core';
import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import * as v from 'valibot';
import { entityTable, normalizeSearch, readEntity } from '../db/entities';
import { loadOrganization } from '../db/organizations';
import { applyMutation, type MutationRequest } from '../mutations/apply-mutation';
import type { AppEnv } from './env';
import { ApiError, notFound } from './errors';
import { documented, jsonResponse } from './openapi-docs';
import { PresentedRows } from './presented-rows';
import { limitQuerySchema, parseWith, readJson } from './validate';

export interface ResourceConfig {
  /** URL segment under /api, e.g. 'sales-orders'. */
  path: string;
  entity: EntityName;
  label: string;
  /** `POST /:id/<action>` → mutation. */
  actions?: Record<string, MutationName>;
  /** Payments are append-only: no PATCH. */
  patchable?: boolean;
  /** The mutation behind `POST /`; `<entity>.create` unless said. */
  create?: MutationName;
}

export const resources: ResourceConfig[] = [
  { path: 'customers', entity: 'customer', label: 'Customer' },
  { path: 'items', entity: 'item', label: 'Item' },
  {
    path: DOCUMENT_PATHS.quote,
    entity: 'quote',
    label: 'Quote',
    actions: {
      send: 'quote.send',
      accept: 'quote.accept',
      decline: 'quote.decline',
      expire: 'quote.expire',
      convert: 'quote.convert',
    },
  },
  {
    path: DOCUMENT_PATHS.salesOrder,
    entity: 'salesOrder',
    label: 'Sales order',
    actions: {
      confirm: 'salesOrder.confirm',
      close: 'salesOrder.close',
      void: 'salesOrder.void',
      convert: 'salesOrder.convert',
    },
  },
  {
    path: DOCUMENT_PATHS.invoice,
    entity: 'invoice',
    label: 'Invoice',
    actions: { issue: 'invoice.issue', send: 'invoice.markSent', void: 'invoice.void' },
  },
  {
    path: 'payments',
    entity: 'payment',
    label: 'Payment',
    patchable: false,
    create: 'payment.record',
  },
];

const listQuerySchema = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: limitQuerySchema(200),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(300))),
  status: v.optional(v.pipe(v.string(), v.maxLength(40))),
  customerId: v.optional(idSchema),
  invoiceId: v.optional(idSchema),
});

const cursorSchema = v.tuple([v.string(), v.string()]);

/** The wire shape of a stored row: documents get their computed totals and `overdue`. */
export function present(
  entity: EntityName,
  row: EntityRowMap[EntityName],
  org: Organization,
  now: Date,
): unknown {
  return presentWith(entity, row, presentOptions(org, now));
}

/** What presenting needs from the organization and the clock: worked out once per request, not per row. */
function presentOptions(org: Organization, now: Date): PresentOptions {
  return { roundingMode: org.roundingMode, today: todayIn(org.timezone, now) };
}

function presentWith(
  entity: EntityName,
  row: EntityRowMap[EntityName],
  options: PresentOptions,
): unknown {
  if (entity === 'quote' || entity === 'salesOrder' || entity === 'invoice') {
    return presentDocument(entity, row as EntityRowMap[typeof entity], options);
  }
  return row;
}

/** The REST routes of one resource: list, create, read, patch, delete, actions. */
export function resourceRoutes(config: ResourceConfig): Hono<AppEnv> {
  const { entity, label } = config;
  const table = entityTable[entity];
  const app = new Hono<AppEnv>();
  // Lists show the same unchanged documents again and again: totals are worked out once per stored row.
  const presentedRows = new PresentedRows();

  const tags = [`${label}s`];
  const rowSchema = rowSchemas[entity] as v.GenericSchema;
  const computed =
    entity === 'quote' || entity === 'salesOrder' || entity === 'invoice'
      ? ' With computed `totals` (and `overdue` for invoices).'
      : '';
  const one = jsonResponse(`The ${label.toLowerCase()}.${computed}`, rowSchema);
  const createName = config.create ?? (`${entity}.create` as MutationName);

  app.get(
    '/',
    documented({
      summary: `List ${label.toLowerCase()}s`,
      tags,
      description:
        'Query: `q` (search), `limit` (1–200, default 50), `cursor` (from `nextCursor`), `status`, `customerId`, `invoiceId`.',
      responses: {
        200: jsonResponse(
          '`{ items, nextCursor }`',
          v.object({ items: v.array(rowSchema), nextCursor: v.nullable(v.string()) }),
        ),
      },
    }),
    async (c) => {
      const query = parseWith(listQuerySchema, c.req.query());
      const { db, clock } = c.var.deps;
      const orgId = c.var.user.organizationId;
      const limit = query.limit ?? 50;
      let select = db
        .selectFrom(table)
        .select(['id', 'data', 'version', 'created_at'])
        .where('organization_id', '=', orgId)
        .where('deleted_at', 'is', null);
      if (query.q) {
        const pattern = `%${normalizeSearch(query.q).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        select = select.where(sql<boolean>`search like ${pattern} escape '\\'`);
      }
      if (query.status) select = select.where('status', '=', query.status);
      const ref = query.customerId ?? query.invoiceId;
      if (ref) select = select.where('ref_id', '=', ref);
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor);
        select = select.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const org = await requireOrganization(c);
      // One "today" for the whole page: every row's `overdue` is judged against the same day.
      const options = presentOptions(org, clock());
      const nextCursor =
        rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null;
      return c.body(presentedRows.listJson(entity, page, options, nextCursor), 200, {
        'content-type': 'application/json; charset=UTF-8',
      });
    },
  );

  app.post(
    '/',
    documented({
      summary: `Create a ${label.toLowerCase()}`,
      tags,
      description: `Runs the \`${createName}\` mutation. \`id\` may be given by the client (UUIDv7).`,
      body: mutationArgs[createName] as v.GenericSchema,
      responses: { 201: one },
    }),
    async (c) => {
      const body = await readJson(c);
      const given = idFromBody(body);
      if (given !== undefined) refuseNewIds(createName, given, body);
      const id = given ?? c.var.deps.newId();
      const result = await mutate(c, createName, id, body);
      return c.json(await presentWritten(c, result, id), 201);
    },
  );

  app.get(
    '/:id',
    documented({ summary: `Get a ${label.toLowerCase()}`, tags, responses: { 200: one } }),
    async (c) => {
      const found = await readEntity(
        c.var.deps.db,
        c.var.user.organizationId,
        entity,
        pathId(c, label),
      );
      if (!found) throw notFound(label);
      c.header('ETag', `"${found.version}"`);
      return c.json(present(entity, found.row, await requireOrganization(c), c.var.deps.clock()));
    },
  );

  if (config.patchable !== false) {
    const patchName = `${entity}.patch` as MutationName;
    app.patch(
      '/:id',
      documented({
        summary: `Change a ${label.toLowerCase()}`,
        tags,
        description: `Runs \`${patchName}\`: only the fields sent change; \`null\` clears an optional field. \`If-Match: "<version>"\` (the \`ETag\` of the read it is based on) makes it an edit of that version: a field someone changed since is kept as a conflict, and one the CRM changed since is decided by the organization's CRM conflict rule. 412 for a version that does not exist yet.`,
        body: mutationArgs[patchName] as v.GenericSchema,
        responses: { 200: one },
      }),
      async (c) => {
        const id = pathId(c, label);
        const existing = await requireExisting(c, id);
        const baseVersion = ifMatchVersion(c.req.header('if-match'), existing.version);
        const origin = baseVersion === undefined ? undefined : { clientId: null, baseVersion };
        const args = await readJson(c);
        const result = await mutate(c, `${entity}.patch` as MutationName, id, args, origin);
        const written = await presentWritten(c, result, id);
        c.header('ETag', `"${result.seq}"`);
        return c.json(written);
      },
    );
  } else {
    app.patch('/:id', () => {
      throw new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `${label}s are append-only: delete and record again.`,
      );
    });
  }

  app.delete(
    '/:id',
    documented({
      summary: `Delete a ${label.toLowerCase()} (soft)`,
      tags,
      responses: { 204: jsonResponse('Deleted.') },
    }),
    async (c) => {
      const id = pathId(c, label);
      await requireExisting(c, id);
      await mutate(c, `${entity}.delete` as MutationName, id, {});
      return c.body(null, 204);
    },
  );

  for (const [action, name] of Object.entries(config.actions ?? {})) {
    app.post(
      `/:id/${action}`,
      documented({
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} a ${label.toLowerCase()}`,
        tags,
        description: `Runs \`${name}\`.`,
        body: mutationArgs[name] as v.GenericSchema,
        responses:
          action === 'convert'
            ? { 201: jsonResponse('The draft document the conversion created.') }
            : { 200: one },
      }),
      async (c) => {
        const id = pathId(c, label);
        await requireExisting(c, id);
        const body =
          c.req.header('content-length') === '0' || !c.req.header('content-type')
            ? {}
            : await readJson(c);
        refuseNewIds(name, id, body);
        const result = await mutate(c, name, id, body);
        // A conversion answers with the document it created.
        const created = result.writes.find((w) => w.id !== id && w.entity !== 'customer');
        if (action === 'convert' && created) {
          return c.json(
            present(created.entity, created.row, await requireOrganization(c), c.var.deps.clock()),
            201,
          );
        }
        return c.json(await presentWritten(c, result, id));
      },
    );
  }

  async function requireExisting(c: Context<AppEnv>, id: string) {
    const found = await readEntity(c.var.deps.db, c.var.user.organizationId, entity, id);
    if (!found) throw notFound(label);
    return found;
  }

  async function presentWritten(
    c: Context<AppEnv>,
    result: Awaited<ReturnType<typeof mutate>>,
    id: string,
  ) {
    const own = result.writes.find((w) => w.entity === entity && w.id === id);
    if (!own) throw new ApiError(500, 'INTERNAL', 'The mutation wrote nothing for this record.');
    return present(entity, own.row, await requireOrganization(c), c.var.deps.clock());
  }

  return app;
}

function mutate(
  c: Context<AppEnv>,
  name: MutationName,
  entityId: string,
  args: unknown,
  origin?: MutationRequest['origin'],
) {
  const { clock, newId } = c.var.deps;
  return applyMutation(c.var.deps, {
    organizationId: c.var.user.organizationId,
    actor: { userId: c.var.user.id, role: c.var.user.role },
    name,
    entityId,
    args,
    now: clock(),
    newId,
    ...(origin ? { origin } : {}),
  });
}

/**
 * The version an `If-Match` names (`"12"` or `W/"12"`, as the ETag gave it);
 * none without the header. A version later than the stored one never existed.
 */
function ifMatchVersion(header: string | undefined, current: number): number | undefined {
  if (header === undefined) return undefined;
  const version = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)?.[1];
  if (version === undefined) {
    throw new ApiError(400, 'BAD_IF_MATCH', 'If-Match takes one ETag such as "12".', {
      header,
    });
  }
  if (Number(version) > current) {
    throw new ApiError(
      412,
      'PRECONDITION_FAILED',
      'If-Match names a version that does not exist.',
      {
        current,
      },
    );
  }
  return Number(version);
}

async function requireOrganization(c: Context<AppEnv>): Promise<Organization> {
  const org = await loadOrganization(c.var.deps.db, c.var.user.organizationId);
  if (!org) throw notFound('Organization');
  return org;
}

/**
 * The `:id` of the path. An id that cannot be one (see core's `idSchema`) is
 * answered like an unknown one — 404 — so a path never tells malformed and
 * missing apart, and no lookup runs with it.
 */
function pathId(c: Context<AppEnv>, label: string): string {
  const id = c.req.param('id') ?? '';
  if (!v.is(idSchema, id)) throw notFound(label);
  return id;
}

/** A new row's id made by the client (`id` of a create body, `targetId` of a conversion) must be a UUID. */
function refuseNewIds(name: MutationName, id: string, body: unknown): void {
  const issues = newIdIssues(name, id, body, 'id');
  if (issues.length > 0) throw validationError(issues);
}

function idFromBody(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string')
    return body.id;
  return undefined;
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return v.parse(cursorSchema, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The cursor is not one this API gave out.', {
      fields: [{ path: 'cursor', message: 'Unknown cursor.' }],
    });
  }
}
