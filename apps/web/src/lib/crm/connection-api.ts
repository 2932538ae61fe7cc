import { request } from '$lib/http/client';
import type { CrmAuditEntry, CrmConnection, CrmConnectionInput } from './types';

/**
 * The server's CRM connection endpoints. Failures are the `ApiError` /
 * `NetworkError` of the HTTP client; `describeCrmFailure` turns them into messages.
 */

interface ConnectionAnswer {
  connection: CrmConnection | null;
}

interface ChangedConnection {
  connection: CrmConnection;
}

const PATH = '/api/crm/connection';

/** @example const connection = await getCrmConnection(); // null when not connected */
export async function getCrmConnection(): Promise<CrmConnection | null> {
  const answer = await request<ConnectionAnswer>({ method: 'GET', path: PATH });
  return answer.connection;
}

/** Connects, or replaces the credentials of the existing connection (owners and admins). */
export async function saveCrmConnection(input: CrmConnectionInput): Promise<CrmConnection> {
  const answer = await request<ChangedConnection>({ method: 'PUT', path: PATH, body: input });
  return answer.connection;
}

/** Forgets the connection and its stored credentials. */
export const disconnectCrm = (): Promise<void> => request<void>({ method: 'DELETE', path: PATH });

/** Stops all CRM work at once; data and links are kept. */
export const disableCrm = (): Promise<CrmConnection> => changeConnection('disable');

/** Resumes CRM work where it stopped. */
export const enableCrm = (): Promise<CrmConnection> => changeConnection('enable');

/** Asks the CRM whether the stored credentials still work; refreshes `verifiedAt`. */
export const testCrmConnection = (): Promise<CrmConnection> => changeConnection('test');

async function changeConnection(action: 'disable' | 'enable' | 'test'): Promise<CrmConnection> {
  const answer = await request<ChangedConnection>({ method: 'POST', path: `${PATH}/${action}` });
  return answer.connection;
}

/** Who changed the connection, and how: newest first (owners and admins). */
export async function getCrmConnectionAudit(limit = 20): Promise<CrmAuditEntry[]> {
  const answer = await request<{ items: CrmAuditEntry[] }>({
    method: 'GET',
    path: `${PATH}/audit?limit=${limit}`,
  });
  return answer.items;
}
