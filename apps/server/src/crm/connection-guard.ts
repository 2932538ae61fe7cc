import { writeTransaction, type Db } from '../db/database';
import { ServiceError } from '../errors';
import { uuidv7 } from '../ids';
import { silentLogger } from '../log';
import type { ConnectInput, ConnectionDeps } from './connection';
import {
  changedHosts,
  insertAuditEntry,
  type CrmActor,
  type NewAuditEntry,
} from './connection-audit';
import { noticeOwners } from './connection-notice';
import type { CrmConnectionRow } from './connection-store';

/*
 * What every change of the CRM connection goes through: the audit entry (with
 * the owners' notice of an admin's change) and the rule that stored secrets
 * never follow a changed address.
 */

/** Records an audit entry; an admin's change is also mailed to the owners (after the write). */
export async function audit(
  deps: ConnectionDeps,
  entry: Omit<NewAuditEntry, 'id' | 'at'>,
  write?: (trx: Db) => Promise<unknown>,
): Promise<void> {
  const full = { ...entry, id: (deps.newId ?? uuidv7)(), at: deps.clock().toISOString() };
  await writeTransaction(deps.db, entry.organizationId, async (trx) => {
    await write?.(trx);
    await insertAuditEntry(trx, full);
  });
  // A test changes nothing: only an admin's changes (and refused ones) reach the owners.
  if (entry.actor.role !== 'admin' || entry.action === 'verify') return;
  await noticeOwners({ ...deps, newId: deps.newId ?? uuidv7, log: deps.log ?? silentLogger }, full);
}

/**
 * Stored secrets go only to the hosts they were stored for: a change of the
 * accounts URL or API domain must bring the client secret and a refresh token
 * (or grant code) with it. Refused attempts are audited.
 */
export async function requireSecretsForNewHosts(
  deps: ConnectionDeps,
  { organizationId, actor, existing, input }: ConnectArgs & { existing: CrmConnectionRow },
): Promise<void> {
  const hosts = changedHosts(existing, input);
  if (hosts.length === 0) return;
  const missing = [
    ...(input.clientSecret === undefined ? ['clientSecret'] : []),
    ...(input.refreshToken === undefined && input.grantCode === undefined ? ['refreshToken'] : []),
  ];
  if (missing.length === 0) return;
  await audit(deps, { organizationId, actor, action: 'host_change_refused', fields: hosts });
  const why = 'Required again when the accounts URL or API domain changes.';
  throw new ServiceError(
    'invalid',
    'CRM_SECRETS_REQUIRED',
    `Changing ${hosts.join(' and ')} needs the client secret and a refresh token or grant code again (missing: ${missing.join(', ')}): the stored ones are only ever sent to the address they were stored for.`,
    { fields: missing.map((path) => ({ path, message: why })), changed: hosts },
  );
}

export interface ConnectArgs {
  organizationId: string;
  actor: CrmActor;
  input: ConnectInput;
}
