import type { Context } from 'hono';
import { requiredList } from '../params';
import { Hono } from 'hono';
import * as v from 'valibot';
import { nowSeconds, type EmulatorContext, type EmulatorEnv } from '../context';
import { customFieldFailure } from '../custom-fields';
import { ZohoError } from '../errors';
import { viewFilter } from '../metadata';
import { moduleNames, moduleSpec } from '../modules';
import { formatZohoTime, parseZohoTime } from '../time';
import { displayName } from './display-name';
import { listByIds, parseIds } from './by-ids';
import { listRecords, parseListParams } from './list';
import { presentRecord } from './present';
import {
  batchStatus,
  insertOne,
  updateOne,
  upsertOne,
  type ItemResult,
  type WriteContext,
} from './write';

/** Zoho takes at most 100 records a write and 100 ids a delete. */
export const MAX_WRITE = 100;

const writeRequest = v.object({
  data: v.array(v.unknown()),
  duplicate_check_fields: v.optional(v.array(v.string())),
  trigger: v.optional(v.unknown()),
});

async function readWrite(c: Context<EmulatorEnv>) {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ZohoError('INVALID_DATA', 'body is not valid JSON', 400);
  }
  const body = v.safeParse(writeRequest, json);
  if (!body.success) {
    throw new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
      param_name: 'data',
    });
  }
  if (body.output.data.length > MAX_WRITE) {
    throw new ZohoError(
      'LIMIT_EXCEEDED',
      `you can write at most ${MAX_WRITE} records at a time`,
      400,
      {
        limit: MAX_WRITE,
      },
    );
  }
  return body.output;
}

function header(c: Context<EmulatorEnv>, name: string): number | undefined {
  const raw = c.req.header(name);
  if (raw === undefined) return undefined;
  const time = parseZohoTime(raw);
  if (time === undefined)
    throw new ZohoError('INVALID_DATA', `invalid ${name}`, 400, { param_name: name });
  return time;
}

/** `/crm/v8/{module}...`: list, read, insert, update, upsert, delete and deleted records. */
export function recordRoutes(ctx: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const writeCtx = (c: Context<EmulatorEnv>): WriteContext => ({
    store: ctx.store,
    spec: moduleSpec(c.req.param('module') ?? ''),
    user: c.get('user'),
    now: nowSeconds(ctx),
  });
  /** Custom fields are checked here; the writers know only the standard ones. */
  const checked = (w: WriteContext, write: (r: unknown, i: number) => ItemResult) => {
    const custom = ctx.customFields.list(w.spec.apiName);
    return (r: unknown, i: number) => customFieldFailure(custom, r, i) ?? write(r, i);
  };
  const answer = (c: Context<EmulatorEnv>, results: ItemResult[], allOk: 200 | 201) =>
    c.json({ data: results.map((r) => r.body) }, batchStatus(results, allOk));

  app.get('/:module', (c) => {
    const spec = moduleSpec(c.req.param('module'));
    const ids = parseIds(c.req.query());
    if (ids) {
      const found = listByIds({ store: ctx.store, spec, ids, query: c.req.query() });
      return found.status === 204 ? c.body(null, 204) : c.json(found.body);
    }
    const params = parseListParams(c.req.query(), c.req.header('If-Modified-Since'));
    const now = nowSeconds(ctx);
    const filter =
      params.cvid === undefined
        ? undefined
        : viewFilter(
            moduleNames.indexOf(spec.apiName),
            spec.apiName,
            params.cvid,
            c.get('user').id,
            now,
            ctx.customViews.list(spec.apiName),
          );
    const result = listRecords({ store: ctx.store, spec, params, now, filter });
    return result.status === 204 ? c.body(null, 204) : c.json(result.body);
  });

  app.get('/:module/deleted', (c) => {
    const spec = moduleSpec(c.req.param('module'));
    const query = c.req.query();
    const perPage = Math.min(Number(query.per_page ?? 200) || 200, 200);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const rows =
      query.type === 'permanent'
        ? []
        : ctx.store.deleted(
            spec.apiName,
            header(c, 'If-Modified-Since'),
            (page - 1) * perPage,
            perPage + 1,
          );
    const data = rows.slice(0, perPage).map((r) => {
      const by = ctx.store.user(r.deletedBy ?? r.modifiedBy);
      const creator = ctx.store.user(r.createdBy);
      return {
        deleted_by: { name: by.name, id: by.id },
        id: r.id,
        display_name: displayName(spec, r.data),
        type: 'recycle',
        created_by: { name: creator.name, id: creator.id },
        deleted_time: formatZohoTime(r.deletedTime ?? r.modifiedTime),
      };
    });
    if (data.length === 0) return c.body(null, 204);
    return c.json({
      data,
      info: { per_page: perPage, count: data.length, page, more_records: rows.length > perPage },
    });
  });

  app.get('/:module/:id', (c) => {
    const spec = moduleSpec(c.req.param('module'));
    const record = ctx.store.get(spec.apiName, c.req.param('id'));
    return record ? c.json({ data: [presentRecord(ctx.store, record)] }) : c.body(null, 204);
  });

  app.post('/:module/upsert', async (c) => {
    const w = writeCtx(c);
    const body = await readWrite(c);
    const fields = body.duplicate_check_fields ?? [w.spec.duplicateField];
    const results = ctx.store.transaction(() =>
      body.data.map(checked(w, (r, i) => upsertOne(w, r, i, fields))),
    );
    return answer(c, results, 200);
  });

  app.post('/:module', async (c) => {
    const w = writeCtx(c);
    const body = await readWrite(c);
    const results = ctx.store.transaction(() =>
      body.data.map(checked(w, (r, i) => insertOne(w, r, i))),
    );
    return answer(c, results, 201);
  });

  app.put('/:module', async (c) => {
    const w = writeCtx(c);
    const body = await readWrite(c);
    const since = header(c, 'If-Unmodified-Since');
    const results = ctx.store.transaction(() =>
      body.data.map(checked(w, (r, i) => updateOne(w, r, i, since))),
    );
    return answer(c, results, 200);
  });

  app.put('/:module/:id', async (c) => {
    const w = writeCtx(c);
    const body = await readWrite(c);
    const since = header(c, 'If-Unmodified-Since');
    const id = c.req.param('id');
    const results = ctx.store.transaction(() =>
      body.data
        .slice(0, 1)
        .map(
          checked(w, (r, i) => updateOne(w, { ...(typeof r === 'object' ? r : {}), id }, i, since)),
        ),
    );
    return answer(c, results, 200);
  });

  app.delete('/:module', (c) => {
    const ids = requiredList(c, 'ids');
    if (ids.length > MAX_WRITE) {
      throw new ZohoError(
        'LIMIT_EXCEEDED',
        `you can delete at most ${MAX_WRITE} records at a time`,
        400,
        {
          limit: MAX_WRITE,
        },
      );
    }
    return answer(c, deleteRecords(writeCtx(c), ids), 200);
  });

  // One record by its path, as Zoho's "Delete a record" operation.
  app.delete('/:module/:id', (c) =>
    answer(c, deleteRecords(writeCtx(c), [c.req.param('id')]), 200),
  );

  /** Deletes each id in one transaction; an id of no live record is refused on its own. */
  function deleteRecords(w: ReturnType<typeof writeCtx>, ids: string[]): ItemResult[] {
    return ctx.store.transaction(() =>
      ids.map((id): ItemResult =>
        ctx.store.delete(w.spec.apiName, id, w.user.id, w.now)
          ? {
              ok: true,
              body: {
                code: 'SUCCESS',
                details: { id },
                message: 'record deleted',
                status: 'success',
              },
            }
          : {
              ok: false,
              body: {
                code: 'INVALID_DATA',
                details: { id },
                message: 'the id given seems to be invalid',
                status: 'error',
              },
            },
      ),
    );
  }

  return app;
}
