import type { CrmAuditAction, CrmAuditEntry, CrmConnectionInput, Role } from '@kanjo/core';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { CrmConnectionRow } from './connection-store';

export type { CrmAuditAction, CrmAuditEntry };

/** Who acted on the connection: a Kanjo user with their role, or the server itself (no id). */
export interface CrmActor {
  userId: string | null;
  role: Role | null;
  /** The client's network address, when the server knows it. */
  address?: string | null;
}

export interface NewAuditEntry {
  id: string;
  organizationId: string;
  at: string;
  actor: CrmActor;
  action: CrmAuditAction;
  fields: string[];
}

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('crm_connection_audit')
    .values({
      id: entry.id,
      organization_id: entry.organizationId,
      at: entry.at,
      actor_id: entry.actor.userId,
      actor_role: entry.actor.role,
      action: entry.action,
      fields: JSON.stringify(entry.fields),
      client_address: entry.actor.address ?? null,
    })
    .execute();
}

/** The organization's audit entries, newest first (insertion order breaks ties of the clock). */
export async function listAuditEntries(
  db: Db,
  organizationId: string,
  limit: number,
): Promise<CrmAuditEntry[]> {
  const rows = await db
    .selectFrom('crm_connection_audit as a')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_id').onRef('u.organization_id', '=', 'a.organization_id'),
    )
    .where('a.organization_id', '=', organizationId)
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.fields',
      'a.actor_id',
      'a.actor_role',
      'a.client_address',
      'u.email',
      'u.name',
    ])
    .orderBy('a.at', 'desc')
    .orderBy(sql`a.rowid`, 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    fields: JSON.parse(row.fields) as string[],
    actor: {
      id: row.actor_id,
      role: row.actor_role,
      email: row.email ?? null,
      name: row.name ?? null,
    },
    clientAddress: row.client_address,
  }));
}

/** What a connect or change form sends, as far as the audit compares it. */
export type ConnectionFields = CrmConnectionInput;

const SECRET_FIELDS = ['clientSecret', 'refreshToken', 'grantCode'] as const;

/** The secrets a request brought (their names): each one replaces the stored one. */
export function givenSecrets(input: ConnectionFields): string[] {
  return SECRET_FIELDS.filter((name) => input[name] !== undefined);
}

/**
 * The audit action and field names of a successful connect or change: the
 * plain fields that differ from the stored row, then the secrets replaced.
 */
export function describeChange(
  existing: CrmConnectionRow | undefined,
  input: ConnectionFields,
): { action: CrmAuditAction; fields: string[] } {
  const secrets = givenSecrets(input);
  if (!existing) return { action: 'connect', fields: [] };
  const stored: Record<'email' | 'apiDomain' | 'accountsUrl' | 'clientId', string> = {
    email: existing.email,
    apiDomain: existing.api_domain,
    accountsUrl: existing.accounts_url,
    clientId: existing.client_id,
  };
  const changed = (Object.keys(stored) as (keyof typeof stored)[]).filter(
    (name) => stored[name] !== input[name],
  );
  if (changed.length === 0 && secrets.length > 0) {
    return { action: 'secrets_replaced', fields: secrets };
  }
  return { action: 'change', fields: [...changed, ...secrets] };
}

/** The host fields a request would change: the ones that need the secrets again. */
export function changedHosts(existing: CrmConnectionRow, input: ConnectionFields): string[] {
  const hosts: string[] = [];
  if (existing.accounts_url !== input.accountsUrl) hosts.push('accountsUrl');
  if (existing.api_domain !== input.apiDomain) hosts.push('apiDomain');
  return hosts;
}
