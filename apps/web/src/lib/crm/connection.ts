import { ApiError, NetworkError } from '$lib/http/client';
import type { Role } from '@kanjo/core';
import type { MessageKey } from '../i18n/en';
import { ZOHO_DATA_CENTRES, dataCentreOf } from './data-centres';
import type { CrmConnection, CrmConnectionInput } from './types';

/**
 * The connect / update form's pure logic: what the user typed (`ConnectionDraft`)
 * → which fields are missing → the request body, and a failed request → the
 * message to show. Messages are catalog keys; the page translates them.
 */

/** The accounts select's value for "Other (e.g. the emulator)": a free URL field appears. */
export const OTHER_ACCOUNTS = 'other';

export type TokenKind = 'refreshToken' | 'grantCode';
export type FormMode = 'connect' | 'update';

export interface ConnectionDraft {
  email: string;
  /** A data centre's accounts URL, or `OTHER_ACCOUNTS`. */
  accountsChoice: string;
  accountsUrlOther: string;
  apiDomain: string;
  clientId: string;
  clientSecret: string;
  tokenKind: TokenKind;
  refreshToken: string;
  grantCode: string;
}

/** Named as the server names them, so its field errors land on the same inputs. */
export type DraftField =
  | 'email'
  | 'accountsUrl'
  | 'apiDomain'
  | 'clientId'
  | 'clientSecret'
  | 'refreshToken'
  | 'grantCode';

export const DRAFT_FIELDS: readonly DraftField[] = [
  'email',
  'accountsUrl',
  'apiDomain',
  'clientId',
  'clientSecret',
  'refreshToken',
  'grantCode',
];

export interface Issue {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type DraftIssues = Partial<Record<DraftField, Issue>>;

const MAX_LENGTH: Record<DraftField, number> = {
  email: 254,
  accountsUrl: 200,
  apiDomain: 200,
  clientId: 200,
  clientSecret: 1000,
  refreshToken: 1000,
  grantCode: 1000,
};

const SECRET_FIELDS: ReadonlySet<DraftField> = new Set([
  'clientSecret',
  'refreshToken',
  'grantCode',
]);

// The same loose check as form-errors: the CRM has the final word on the user.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function canManageCrm(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** A blank form, on the US data centre (the first in Zoho's own list). */
export function emptyDraft(): ConnectionDraft {
  const [first] = ZOHO_DATA_CENTRES;
  return {
    email: '',
    accountsChoice: first.accountsUrl,
    accountsUrlOther: '',
    apiDomain: first.apiDomain,
    clientId: '',
    clientSecret: '',
    tokenKind: 'refreshToken',
    refreshToken: '',
    grantCode: '',
  };
}

/** The update form starts from what is stored; secrets stay empty ("keep the current one"). */
export function draftFromConnection(connection: CrmConnection): ConnectionDraft {
  const known = dataCentreOf(connection.accountsUrl);
  return {
    ...emptyDraft(),
    email: connection.email,
    accountsChoice: known?.accountsUrl ?? OTHER_ACCOUNTS,
    accountsUrlOther: known ? '' : connection.accountsUrl,
    apiDomain: connection.apiDomain,
    clientId: connection.clientId,
  };
}

export function accountsUrlOf(draft: ConnectionDraft): string {
  return draft.accountsChoice === OTHER_ACCOUNTS ? draft.accountsUrlOther : draft.accountsChoice;
}

/**
 * The API domain after the user picks another accounts server: the new data
 * centre's domain, unless the user had typed one of their own.
 */
export function apiDomainAfterChoice({
  draft,
  nextChoice,
}: {
  draft: ConnectionDraft;
  nextChoice: string;
}): string {
  const current = draft.apiDomain.trim();
  const previous = dataCentreOf(draft.accountsChoice);
  const untouched = current === '' || current === previous?.apiDomain;
  if (!untouched) return draft.apiDomain;
  return dataCentreOf(nextChoice)?.apiDomain ?? current;
}

/** The stored connection's two addresses: its secrets are only ever sent there. */
export type StoredHosts = Pick<CrmConnection, 'accountsUrl' | 'apiDomain'>;

/**
 * Whether the draft points at another accounts URL or API domain than the
 * stored connection: then the server refuses to keep the stored secrets, so
 * the form asks for them again.
 */
export function hostsChanged(draft: ConnectionDraft, stored: StoredHosts | undefined): boolean {
  if (!stored) return false;
  return (
    originOf(accountsUrlOf(draft)) !== originOf(stored.accountsUrl) ||
    originOf(draft.apiDomain) !== originOf(stored.apiDomain)
  );
}

/** As the server compares them: the URL's origin (so a trailing slash or capitals change nothing). */
function originOf(value: string): string {
  try {
    return new URL(value.trim()).origin;
  } catch {
    return value.trim();
  }
}

/**
 * New connections need every credential; an update may keep the stored
 * secrets, unless it moves to another address (`newHosts`).
 */
export function requiredFields({
  mode,
  tokenKind,
  newHosts = false,
}: {
  mode: FormMode;
  tokenKind: TokenKind;
  newHosts?: boolean;
}): DraftField[] {
  const always: DraftField[] = ['email', 'accountsUrl', 'apiDomain', 'clientId'];
  if (mode === 'connect' || newHosts) return [...always, 'clientSecret', tokenKind];
  // Choosing "I have a grant code" only makes sense with one; an empty refresh token means "keep".
  return tokenKind === 'grantCode' ? [...always, 'grantCode'] : always;
}

/** Client-side checks before anything is sent; the server checks again. */
export function checkDraft({
  draft,
  mode,
  stored,
}: {
  draft: ConnectionDraft;
  mode: FormMode;
  /** The connection being updated: moving off its addresses needs the secrets again. */
  stored?: StoredHosts | undefined;
}): DraftIssues {
  const values = fieldValues(draft);
  const newHosts = mode === 'update' && hostsChanged(draft, stored);
  const required = new Set(requiredFields({ mode, tokenKind: draft.tokenKind, newHosts }));
  const issues: DraftIssues = {};
  for (const field of DRAFT_FIELDS) {
    if (isHiddenToken(field, draft.tokenKind)) continue;
    const value = values[field].trim();
    if (!value) {
      if (!required.has(field)) continue;
      issues[field] = {
        key:
          newHosts && SECRET_FIELDS.has(field)
            ? 'crm.validation.secretForNewHost'
            : 'validation.required',
      };
      continue;
    }
    if (value.length > MAX_LENGTH[field]) {
      issues[field] = { key: 'validation.tooLong', params: { max: MAX_LENGTH[field] } };
    } else if (field === 'email' && !EMAIL_SHAPE.test(value)) {
      issues[field] = { key: 'validation.email' };
    } else if ((field === 'accountsUrl' || field === 'apiDomain') && !isWebUrl(value)) {
      issues[field] = { key: 'crm.validation.url' };
    }
  }
  return issues;
}

/** The `PUT` body: trimmed, empty secrets left out (kept), only the chosen kind of token. */
export function toRequestBody({
  draft,
  mode,
}: {
  draft: ConnectionDraft;
  mode: FormMode;
}): CrmConnectionInput {
  const body: CrmConnectionInput = {
    email: draft.email.trim(),
    apiDomain: draft.apiDomain.trim(),
    accountsUrl: accountsUrlOf(draft).trim(),
    clientId: draft.clientId.trim(),
  };
  const secret = draft.clientSecret.trim();
  const token = draft[draft.tokenKind].trim();
  if (secret || mode === 'connect') body.clientSecret = secret;
  if (token || mode === 'connect') body[draft.tokenKind] = token;
  return body;
}

/** After a successful save, secrets leave memory; the rest stays for the next update. */
export function withoutSecrets(draft: ConnectionDraft): ConnectionDraft {
  return { ...draft, clientSecret: '', refreshToken: '', grantCode: '' };
}

/**
 * The message for a failed CRM request, or `undefined` when the generic form
 * handling fits (validation field errors, unknown failures).
 *
 * @example describeCrmFailure({ error, during: 'connect', target: toRequestBody({ draft, mode }) });
 */
export function describeCrmFailure({
  error,
  during,
  target,
}: {
  error: unknown;
  /** Connecting (the form) or another action (test, disable…): the offline text differs. */
  during: 'connect' | 'action';
  /** What was being reached, for the "could not reach" and "different user" texts. */
  target: Pick<CrmConnectionInput, 'email' | 'accountsUrl' | 'apiDomain'>;
}): Issue | undefined {
  if (error instanceof NetworkError) {
    return { key: during === 'connect' ? 'crm.error.offline' : 'crm.error.offlineAction' };
  }
  if (!(error instanceof ApiError)) return undefined;
  switch (error.code) {
    case 'CRM_AUTH_FAILED':
      return { key: 'crm.error.authFailed', params: { message: error.message } };
    case 'CRM_USER_MISMATCH':
      return { key: 'crm.error.userMismatch', params: { email: target.email } };
    case 'CRM_SCOPE_MISSING':
      return { key: 'crm.error.scopeMissing', params: { scopes: missingScopes(error) } };
    case 'CRM_UNAVAILABLE':
      return { key: 'crm.error.unavailable', params: { hosts: unreachableHosts(error, target) } };
    case 'CRM_NOT_CONNECTED':
      return { key: 'crm.error.notConnected' };
    case 'CRM_SECRETS_REQUIRED':
      return { key: 'crm.error.secretsRequired' };
    case 'CRM_SECRETS_HOST_MISMATCH':
      return { key: 'crm.error.secretsHostMismatch' };
    case 'FORBIDDEN':
      return { key: 'crm.readOnly' };
    default:
      return undefined;
  }
}

/** The scopes the server named as missing, e.g. "ZohoCRM.coql.READ, ZohoCRM.org.READ". */
function missingScopes(error: ApiError): string {
  const details = error.details;
  const scopes =
    typeof details === 'object' && details !== null && 'missingScopes' in details
      ? details.missingScopes
      : undefined;
  return Array.isArray(scopes) ? scopes.map(String).join(', ') : '';
}

function unreachableHosts(
  error: ApiError,
  target: Pick<CrmConnectionInput, 'accountsUrl' | 'apiDomain'>,
): string {
  const details = error.details;
  const url =
    typeof details === 'object' && details !== null && 'url' in details ? details.url : undefined;
  // The server may say which end failed; otherwise either may be the one that did.
  const candidates = typeof url === 'string' ? [url] : [target.accountsUrl, target.apiDomain];
  return [...new Set(candidates.map(hostOf).filter(Boolean))].join(' / ');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.trim();
  }
}

function fieldValues(draft: ConnectionDraft): Record<DraftField, string> {
  return {
    email: draft.email,
    accountsUrl: accountsUrlOf(draft),
    apiDomain: draft.apiDomain,
    clientId: draft.clientId,
    clientSecret: draft.clientSecret,
    refreshToken: draft.refreshToken,
    grantCode: draft.grantCode,
  };
}

function isHiddenToken(field: DraftField, tokenKind: TokenKind): boolean {
  return (field === 'refreshToken' || field === 'grantCode') && field !== tokenKind;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
