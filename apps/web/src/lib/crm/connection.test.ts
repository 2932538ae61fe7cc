import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import {
  OTHER_ACCOUNTS,
  apiDomainAfterChoice,
  canManageCrm,
  checkDraft,
  describeCrmFailure,
  draftFromConnection,
  emptyDraft,
  requiredFields,
  toRequestBody,
  withoutSecrets,
  type ConnectionDraft,
} from './connection';
import { ZOHO_DATA_CENTRES } from './data-centres';
import type { CrmConnection } from './types';

function makeDraft(overrides: Partial<ConnectionDraft> = {}): ConnectionDraft {
  return {
    ...emptyDraft(),
    email: 'crm.user@example.com',
    clientId: '1000.ABC',
    clientSecret: 'secret',
    refreshToken: '1000.refresh',
    ...overrides,
  };
}

function makeConnection(overrides: Partial<CrmConnection> = {}): CrmConnection {
  return {
    provider: 'zoho',
    status: 'connected',
    email: 'crm.user@example.com',
    apiDomain: 'https://www.zohoapis.eu',
    accountsUrl: 'https://accounts.zoho.eu',
    clientId: '1000.ABC',
    crmOrg: {
      id: 'o1',
      name: 'Acme',
      currency: 'EUR',
      multiCurrency: true,
      timeZone: 'Europe/Berlin',
    },
    crmUser: { id: 'u1', email: 'crm.user@example.com', name: 'CRM User' },
    connectedBy: { id: 'k1', email: 'owner@example.com' },
    connectedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    verifiedAt: '2026-01-02T00:00:00.000Z',
    disabledAt: null,
    ...overrides,
  };
}

const target = {
  email: 'crm.user@example.com',
  accountsUrl: 'https://accounts.zoho.com',
  apiDomain: 'https://www.zohoapis.com',
};

test.each([
  { role: 'owner', can: true },
  { role: 'admin', can: true },
  { role: 'accountant', can: false },
  { role: 'sales', can: false },
] as const)('$role may change the connection: $can', ({ role, can }) => {
  expect(canManageCrm(role)).toBe(can);
});

describe('requiredFields', () => {
  test.each([
    { mode: 'connect', tokenKind: 'refreshToken', extra: ['clientSecret', 'refreshToken'] },
    { mode: 'connect', tokenKind: 'grantCode', extra: ['clientSecret', 'grantCode'] },
    { mode: 'update', tokenKind: 'refreshToken', extra: [] },
    { mode: 'update', tokenKind: 'grantCode', extra: ['grantCode'] },
  ] as const)('$mode with $tokenKind', ({ mode, tokenKind, extra }) => {
    expect(requiredFields({ mode, tokenKind })).toEqual([
      'email',
      'accountsUrl',
      'apiDomain',
      'clientId',
      ...extra,
    ]);
  });
});

describe('checkDraft', () => {
  test('a complete new connection passes', () => {
    expect(checkDraft({ draft: makeDraft(), mode: 'connect' })).toEqual({});
  });

  test.each([
    { name: 'blank email', draft: { email: '  ' }, issues: { email: 'validation.required' } },
    { name: 'bad email', draft: { email: 'nobody' }, issues: { email: 'validation.email' } },
    {
      name: 'no secret',
      draft: { clientSecret: '' },
      issues: { clientSecret: 'validation.required' },
    },
    {
      name: 'no refresh token',
      draft: { refreshToken: '' },
      issues: { refreshToken: 'validation.required' },
    },
    {
      name: 'grant code chosen but empty',
      draft: { tokenKind: 'grantCode', grantCode: '' },
      issues: { grantCode: 'validation.required' },
    },
    {
      name: 'API domain not a URL',
      draft: { apiDomain: 'zohoapis.com' },
      issues: { apiDomain: 'crm.validation.url' },
    },
    {
      name: 'API domain over ftp',
      draft: { apiDomain: 'ftp://zohoapis.com' },
      issues: { apiDomain: 'crm.validation.url' },
    },
    {
      name: 'other accounts URL left empty',
      draft: { accountsChoice: OTHER_ACCOUNTS, accountsUrlOther: '' },
      issues: { accountsUrl: 'validation.required' },
    },
    {
      name: 'client id too long',
      draft: { clientId: 'x'.repeat(201) },
      issues: { clientId: 'validation.tooLong' },
    },
  ] as const)('$name', ({ draft, issues }) => {
    const found = checkDraft({ draft: makeDraft(draft), mode: 'connect' });
    expect(
      Object.fromEntries(Object.entries(found).map(([field, issue]) => [field, issue.key])),
    ).toEqual(issues);
  });

  test('an update may leave both secrets empty', () => {
    const draft = makeDraft({ clientSecret: '', refreshToken: '' });
    expect(checkDraft({ draft, mode: 'update' })).toEqual({});
  });

  test('the hidden kind of token is not checked', () => {
    const draft = makeDraft({
      tokenKind: 'grantCode',
      grantCode: 'g',
      refreshToken: 'x'.repeat(5000),
    });
    expect(checkDraft({ draft, mode: 'connect' })).toEqual({});
  });

  test('"other" accepts a local emulator over http', () => {
    const draft = makeDraft({
      accountsChoice: OTHER_ACCOUNTS,
      accountsUrlOther: 'http://localhost:8790',
    });
    expect(checkDraft({ draft, mode: 'connect' })).toEqual({});
  });

  test('too long says the limit', () => {
    const found = checkDraft({ draft: makeDraft({ clientId: 'x'.repeat(201) }), mode: 'connect' });
    expect(found.clientId?.params).toEqual({ max: 200 });
  });
});

describe('toRequestBody', () => {
  test('a new connection sends everything, trimmed, with the chosen token only', () => {
    const draft = makeDraft({
      email: ' crm.user@example.com ',
      clientId: ' 1000.ABC\n',
      clientSecret: 'secret\n',
      tokenKind: 'grantCode',
      grantCode: ' 1000.grant ',
      refreshToken: 'left over',
    });
    expect(toRequestBody({ draft, mode: 'connect' })).toEqual({
      email: 'crm.user@example.com',
      accountsUrl: 'https://accounts.zoho.com',
      apiDomain: 'https://www.zohoapis.com',
      clientId: '1000.ABC',
      clientSecret: 'secret',
      grantCode: '1000.grant',
    });
  });

  test('an update leaves empty secrets out, so the stored ones are kept', () => {
    const draft = makeDraft({ clientSecret: '', refreshToken: '  ' });
    const body = toRequestBody({ draft, mode: 'update' });
    expect(body).not.toHaveProperty('clientSecret');
    expect(body).not.toHaveProperty('refreshToken');
    expect(body).not.toHaveProperty('grantCode');
  });

  test('an update sends a new secret when one is typed', () => {
    const body = toRequestBody({ draft: makeDraft({ refreshToken: '' }), mode: 'update' });
    expect(body.clientSecret).toBe('secret');
    expect(body).not.toHaveProperty('refreshToken');
  });

  test('"other" sends the typed accounts URL', () => {
    const draft = makeDraft({
      accountsChoice: OTHER_ACCOUNTS,
      accountsUrlOther: ' http://localhost:8790 ',
    });
    expect(toRequestBody({ draft, mode: 'connect' }).accountsUrl).toBe('http://localhost:8790');
  });
});

describe('draftFromConnection', () => {
  test('a known data centre is selected; secrets start empty', () => {
    const draft = draftFromConnection(makeConnection());
    expect(draft).toMatchObject({
      email: 'crm.user@example.com',
      accountsChoice: 'https://accounts.zoho.eu',
      accountsUrlOther: '',
      apiDomain: 'https://www.zohoapis.eu',
      clientId: '1000.ABC',
      clientSecret: '',
      refreshToken: '',
      grantCode: '',
    });
  });

  test('an unknown accounts URL (the emulator) is "other"', () => {
    const draft = draftFromConnection(makeConnection({ accountsUrl: 'http://127.0.0.1:8790' }));
    expect(draft.accountsChoice).toBe(OTHER_ACCOUNTS);
    expect(draft.accountsUrlOther).toBe('http://127.0.0.1:8790');
  });
});

describe('apiDomainAfterChoice', () => {
  const jp = ZOHO_DATA_CENTRES.find((dc) => dc.label === 'crm.dc.jp');

  test.each([
    {
      name: 'follows the data centre when untouched',
      apiDomain: 'https://www.zohoapis.com',
      next: jp?.accountsUrl,
      expected: 'https://www.zohoapis.jp',
    },
    {
      name: 'fills an empty field',
      apiDomain: '',
      next: jp?.accountsUrl,
      expected: 'https://www.zohoapis.jp',
    },
    {
      name: 'keeps what the user typed',
      apiDomain: 'https://custom.example',
      next: jp?.accountsUrl,
      expected: 'https://custom.example',
    },
    {
      name: 'keeps the domain when switching to other',
      apiDomain: 'https://www.zohoapis.com',
      next: OTHER_ACCOUNTS,
      expected: 'https://www.zohoapis.com',
    },
  ])('$name', ({ apiDomain, next, expected }) => {
    const draft = makeDraft({ apiDomain });
    expect(apiDomainAfterChoice({ draft, nextChoice: next ?? '' })).toBe(expected);
  });
});

test('withoutSecrets keeps everything else', () => {
  const draft = makeDraft({ grantCode: 'g' });
  expect(withoutSecrets(draft)).toEqual({
    ...draft,
    clientSecret: '',
    refreshToken: '',
    grantCode: '',
  });
});

describe('describeCrmFailure', () => {
  test.each([
    {
      name: 'refused credentials quote the CRM',
      error: new ApiError(400, 'CRM_AUTH_FAILED', 'invalid_code', { providerCode: 'invalid_code' }),
      expected: { key: 'crm.error.authFailed', params: { message: 'invalid_code' } },
    },
    {
      name: 'a different CRM user names the email',
      error: new ApiError(400, 'CRM_USER_MISMATCH', 'mismatch'),
      expected: { key: 'crm.error.userMismatch', params: { email: 'crm.user@example.com' } },
    },
    {
      name: 'a grant without scopes names the missing ones',
      error: new ApiError(400, 'CRM_SCOPE_MISSING', 'lacks', {
        missingScopes: ['ZohoCRM.coql.READ', 'ZohoCRM.org.READ'],
        requiredScopes: [],
      }),
      expected: {
        key: 'crm.error.scopeMissing',
        params: { scopes: 'ZohoCRM.coql.READ, ZohoCRM.org.READ' },
      },
    },
    {
      name: 'unreachable CRM names both hosts',
      error: new ApiError(502, 'CRM_UNAVAILABLE', 'timeout'),
      expected: {
        key: 'crm.error.unavailable',
        params: { hosts: 'accounts.zoho.com / www.zohoapis.com' },
      },
    },
    {
      name: 'unreachable CRM names the host the server reports',
      error: new ApiError(502, 'CRM_UNAVAILABLE', 'timeout', {
        url: 'https://www.zohoapis.com/crm/v8/org',
      }),
      expected: { key: 'crm.error.unavailable', params: { hosts: 'www.zohoapis.com' } },
    },
    {
      name: 'not connected',
      error: new ApiError(404, 'CRM_NOT_CONNECTED', 'gone'),
      expected: { key: 'crm.error.notConnected' },
    },
    {
      name: 'forbidden',
      error: new ApiError(403, 'FORBIDDEN', 'no'),
      expected: { key: 'crm.readOnly' },
    },
    {
      name: 'offline',
      error: new NetworkError(new TypeError('fetch failed')),
      expected: { key: 'crm.error.offline' },
    },
    {
      name: 'validation is left to the field helpers',
      error: new ApiError(400, 'VALIDATION_FAILED', 'bad', { fields: [] }),
      expected: undefined,
    },
    { name: 'anything else too', error: new Error('boom'), expected: undefined },
  ])('$name', ({ error, expected }) => {
    expect(describeCrmFailure({ error, during: 'connect', target })).toEqual(expected);
  });

  test('offline during another action says so', () => {
    const error = new NetworkError(new TypeError('fetch failed'));
    expect(describeCrmFailure({ error, during: 'action', target })).toEqual({
      key: 'crm.error.offlineAction',
    });
  });
});

describe('data centres', () => {
  test('each pairs the accounts server Zoho names for it with its API domain', () => {
    const byLabel = Object.fromEntries(ZOHO_DATA_CENTRES.map((dc) => [dc.label, dc]));
    // Zoho's multi-DC pages: Canada's accounts server is on zohocloud.ca, its API on zohoapis.ca.
    expect(byLabel['crm.dc.ca']).toMatchObject({
      accountsUrl: 'https://accounts.zohocloud.ca',
      apiDomain: 'https://www.zohoapis.ca',
    });
    expect(byLabel['crm.dc.jp']).toMatchObject({
      accountsUrl: 'https://accounts.zoho.jp',
      apiDomain: 'https://www.zohoapis.jp',
    });
  });
});
