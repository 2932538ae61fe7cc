import type { MessageKey } from '../i18n/en';
import type { CrmAuditEntry } from './types';

/**
 * How the connection's audit list reads: catalog keys for each action and
 * changed field, and who acted. The page translates the keys.
 */

const FIELD_LABELS: Record<string, MessageKey> = {
  email: 'crm.form.email',
  accountsUrl: 'crm.form.accountsUrl',
  apiDomain: 'crm.form.apiDomain',
  clientId: 'crm.form.clientId',
  clientSecret: 'crm.form.clientSecret',
  refreshToken: 'crm.form.refreshToken',
  grantCode: 'crm.form.grantCode',
};

/** The labels of the changed fields, as the form names them; an unknown name stays as it is. */
export function auditFieldLabels(
  fields: readonly string[],
): ({ key: MessageKey } | { text: string })[] {
  return fields.map((field) => {
    const key = FIELD_LABELS[field];
    return key ? { key } : { text: field };
  });
}

const ACTION_KEYS: Record<CrmAuditEntry['action'], MessageKey> = {
  connect: 'crm.audit.action.connect',
  change: 'crm.audit.action.change',
  secrets_replaced: 'crm.audit.action.secrets_replaced',
  disable: 'crm.audit.action.disable',
  enable: 'crm.audit.action.enable',
  verify: 'crm.audit.action.verify',
  remove: 'crm.audit.action.remove',
  host_change_refused: 'crm.audit.action.host_change_refused',
};

export function auditActionKey(action: CrmAuditEntry['action']): MessageKey {
  return ACTION_KEYS[action];
}

/** Who acted: name and email when known, else the email, else nothing (the server itself). */
export function auditActorName(actor: CrmAuditEntry['actor']): string | undefined {
  if (actor.email && actor.name) return `${actor.name} (${actor.email})`;
  return actor.email ?? actor.name ?? undefined;
}

/** A refused attempt stands out in the list. */
export function isWarning(entry: Pick<CrmAuditEntry, 'action'>): boolean {
  return entry.action === 'host_change_refused';
}
