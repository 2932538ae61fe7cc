import { singleLineText, type Organization } from '@kanjo/core';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Db } from '../db/database';
import { loadOrganization } from '../db/organizations';
import type { UserTable } from '../db/schema';
import type { AppEnv } from './env';
import { notFound } from './errors';
import { readBody } from './validate';
import { documented, jsonResponse } from './openapi-docs';

export interface PublicUser {
  id: string;
  organizationId: string;
  email: string;
  name?: string;
  role: UserTable['role'];
  locale?: string;
}

export function presentUser(
  row: Pick<UserTable, 'id' | 'organization_id' | 'email' | 'name' | 'role' | 'locale'>,
): PublicUser {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    ...(row.name ? { name: row.name } : {}),
    role: row.role,
    ...(row.locale ? { locale: row.locale } : {}),
  };
}

export async function presentMe(
  db: Db,
  userId: string,
): Promise<{ user: PublicUser; organization: Organization }> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'organization_id', 'email', 'name', 'role', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('User');
  const organization = await loadOrganization(db, row.organization_id);
  if (!organization) throw notFound('Organization');
  return { user: presentUser(row), organization };
}

const patchMeSchema = v.strictObject({
  locale: v.optional(v.picklist(['en', 'ja'], 'Choose English (en) or Japanese (ja).')),
  name: v.optional(v.nullable(singleLineText(200))),
});

export const meRoutes = new Hono<AppEnv>()
  .get(
    '/',
    documented({
      summary: 'The signed-in user and organization',
      tags: ['Auth'],
      responses: { 200: jsonResponse('`{ user, organization }`') },
    }),
    async (c) => c.json(await presentMe(c.var.deps.db, c.var.user.id)),
  )
  .patch(
    '/',
    documented({
      summary: 'Change your language or name',
      tags: ['Auth'],
      body: patchMeSchema,
      responses: { 200: jsonResponse('`{ user, organization }`') },
    }),
    async (c) => {
      const body = await readBody(c, patchMeSchema);
      const { db } = c.var.deps;
      const changes: { locale?: string; name?: string | null } = {};
      if (body.locale !== undefined) changes.locale = body.locale;
      if (body.name !== undefined) changes.name = body.name || null;
      if (Object.keys(changes).length > 0) {
        await db.updateTable('users').set(changes).where('id', '=', c.var.user.id).execute();
      }
      return c.json(await presentMe(db, c.var.user.id));
    },
  );
