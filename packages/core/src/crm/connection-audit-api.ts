import * as v from 'valibot';
import { roleSchema } from '../schemas/organization';

/**
 * The CRM connection's change history (`GET /api/crm/connection/audit`),
 * written once for the server that keeps and serves it and the PWA that
 * lists it. Field names only: never a secret's value.
 */

/** What an audit entry records: each change, and a refused move to new hosts. */
export const CRM_AUDIT_ACTIONS = [
  'connect',
  'change',
  'secrets_replaced',
  'disable',
  'enable',
  'verify',
  'remove',
  'host_change_refused',
] as const;

export type CrmAuditAction = (typeof CRM_AUDIT_ACTIONS)[number];

export const crmAuditEntrySchema = v.object({
  id: v.string(),
  at: v.string(),
  action: v.picklist(CRM_AUDIT_ACTIONS),
  fields: v.array(v.string()),
  actor: v.object({
    id: v.nullable(v.string()),
    role: v.nullable(roleSchema),
    email: v.nullable(v.string()),
    name: v.nullable(v.string()),
  }),
  clientAddress: v.nullable(v.string()),
});

/** One entry as the API answers it, newest first in its list. */
export type CrmAuditEntry = v.InferOutput<typeof crmAuditEntrySchema>;

/**
 * Body of `PUT /api/crm/connection`, as connecting and changing a connection
 * take it. A new connection needs `clientSecret` and exactly one of
 * `refreshToken` / `grantCode`; a change may omit the secrets to keep the
 * stored ones.
 */
export interface CrmConnectionInput {
  email: string;
  apiDomain: string;
  accountsUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken?: string;
  grantCode?: string;
}
