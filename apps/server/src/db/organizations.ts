import { organizationSchema, type Organization } from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from './database';

/** The stored settings: the organization without its id and name (those are columns). */
export type OrganizationSettings = Omit<Organization, 'id' | 'name'>;

export function defaultSettings(input: {
  baseCurrency: string;
  locale: 'en' | 'ja';
}): OrganizationSettings {
  const japan = input.locale === 'ja' || input.baseCurrency === 'JPY';
  return {
    baseCurrency: input.baseCurrency,
    locale: input.locale,
    ...(japan ? { country: 'JP' } : {}),
    timezone: japan ? 'Asia/Tokyo' : 'UTC',
    roundingMode: 'halfUp',
    numbering: { invoicePrefix: 'INV-', quotePrefix: 'QT-', salesOrderPrefix: 'SO-' },
    customerFields: [],
  };
}

export async function loadOrganization(db: Db, id: string): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'settings'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return v.parse(organizationSchema, {
    ...(JSON.parse(row.settings) as object),
    id: row.id,
    name: row.name,
  });
}

export async function saveOrganization(db: Db, org: Organization, now: string): Promise<void> {
  const { id, name, ...settings } = org;
  await db
    .updateTable('organizations')
    .set({ name, settings: JSON.stringify(settings), updated_at: now })
    .where('id', '=', id)
    .execute();
}
