import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '$lib/http/client';
import { answerFetch } from '../../../test/answer-fetch';
import {
  OTHER_ACCOUNTS,
  checkDraft,
  describeCrmFailure,
  emptyDraft,
  hostsChanged,
  requiredFields,
  toRequestBody,
  type ConnectionDraft,
} from './connection';
import { getCrmConnectionAudit } from './connection-api';
import { auditActionKey, auditActorName, auditFieldLabels, isWarning } from './connection-audit';

const stored = { accountsUrl: 'https://accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu' };

/** An update draft as the form opens it: the stored addresses, secrets left empty (kept). */
function updateDraft(overrides: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return {
    ...emptyDraft(),
    email: 'crm.user@example.com',
    accountsChoice: stored.accountsUrl,
    apiDomain: stored.apiDomain,
    clientId: '1000.ABC',
    clientSecret: '',
    refreshToken: '',
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('hostsChanged', () => {
  test.each([
    { name: 'the same addresses', draft: {}, changed: false },
    {
      name: 'a trailing slash and capitals',
      draft: { apiDomain: 'HTTPS://www.zohoapis.eu/' },
      changed: false,
    },
    {
      name: 'another API domain',
      draft: { apiDomain: 'https://collector.example' },
      changed: true,
    },
    {
      name: 'another data centre',
      draft: { accountsChoice: 'https://accounts.zoho.com' },
      changed: true,
    },
    {
      name: 'a typed accounts URL elsewhere',
      draft: { accountsChoice: OTHER_ACCOUNTS, accountsUrlOther: 'http://127.0.0.1:9999' },
      changed: true,
    },
    { name: 'an unparsable address', draft: { apiDomain: 'not a url' }, changed: true },
  ])('$name: $changed', ({ draft, changed }) => {
    expect(hostsChanged(updateDraft(draft), stored)).toBe(changed);
  });

  test('a new connection has nothing stored to compare with', () => {
    expect(hostsChanged(updateDraft({ apiDomain: 'https://x.example' }), undefined)).toBe(false);
  });
});

describe('secrets are asked for again when the address changes', () => {
  test('requiredFields adds the secrets for new hosts', () => {
    expect(requiredFields({ mode: 'update', tokenKind: 'refreshToken', newHosts: true })).toEqual([
      'email',
      'accountsUrl',
      'apiDomain',
      'clientId',
      'clientSecret',
      'refreshToken',
    ]);
  });

  test('an update on the same addresses may keep the secrets', () => {
    expect(checkDraft({ draft: updateDraft(), mode: 'update', stored })).toEqual({});
  });

  test('an update to another API domain needs both secrets, with a message that says why', () => {
    const draft = updateDraft({ apiDomain: 'https://collector.example' });
    expect(checkDraft({ draft, mode: 'update', stored })).toEqual({
      clientSecret: { key: 'crm.validation.secretForNewHost' },
      refreshToken: { key: 'crm.validation.secretForNewHost' },
    });
  });

  test('a grant code counts as the token on a new address', () => {
    const draft = updateDraft({
      accountsChoice: 'https://accounts.zoho.com',
      apiDomain: 'https://www.zohoapis.com',
      clientSecret: 'secret',
      tokenKind: 'grantCode',
      grantCode: '1000.code',
    });
    expect(checkDraft({ draft, mode: 'update', stored })).toEqual({});
    expect(toRequestBody({ draft, mode: 'update' })).toMatchObject({
      clientSecret: 'secret',
      grantCode: '1000.code',
    });
  });

  test.each([
    ['CRM_SECRETS_REQUIRED', 'crm.error.secretsRequired'],
    ['CRM_SECRETS_HOST_MISMATCH', 'crm.error.secretsHostMismatch'],
  ])('the server’s %s has its own message', (code, key) => {
    const error = new ApiError(code === 'CRM_SECRETS_REQUIRED' ? 400 : 409, code, 'x');
    expect(
      describeCrmFailure({ error, during: 'connect', target: { email: '', ...stored } }),
    ).toEqual({ key });
  });
});

describe('the change history', () => {
  test('is read newest first with a limit', async () => {
    const items = [{ id: 'a1', action: 'connect' }];
    const sent = answerFetch(200, { items });
    await expect(getCrmConnectionAudit(5)).resolves.toEqual(items);
    expect(sent).toEqual([
      { url: '/api/crm/connection/audit?limit=5', method: 'GET', body: undefined },
    ]);
  });

  test('names fields as the form does and keeps unknown names', () => {
    expect(auditFieldLabels(['apiDomain', 'clientSecret', 'scope'])).toEqual([
      { key: 'crm.form.apiDomain' },
      { key: 'crm.form.clientSecret' },
      { text: 'scope' },
    ]);
  });

  test('says who acted, and marks refused attempts', () => {
    expect(auditActorName({ id: 'u', role: 'admin', email: 'a@example.com', name: 'Ann' })).toBe(
      'Ann (a@example.com)',
    );
    expect(auditActorName({ id: 'u', role: 'admin', email: 'a@example.com', name: null })).toBe(
      'a@example.com',
    );
    expect(auditActorName({ id: null, role: null, email: null, name: null })).toBeUndefined();
    expect(auditActionKey('host_change_refused')).toBe('crm.audit.action.host_change_refused');
    expect(isWarning({ action: 'host_change_refused' })).toBe(true);
    expect(isWarning({ action: 'change' })).toBe(false);
  });
});
