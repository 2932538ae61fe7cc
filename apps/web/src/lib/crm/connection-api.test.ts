import { afterEach, describe, expect, test, vi } from 'vitest';
import { answerFetch } from '../../../test/answer-fetch';
import { ApiError, NetworkError } from '$lib/http/client';
import {
  disableCrm,
  disconnectCrm,
  enableCrm,
  getCrmConnection,
  saveCrmConnection,
  testCrmConnection,
} from './connection-api';

const answer = answerFetch;

const connection = { provider: 'zoho', status: 'connected', email: 'crm.user@example.com' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CRM connection client', () => {
  test('reads the connection, or null', async () => {
    const calls = answer(200, { connection: null });
    await expect(getCrmConnection()).resolves.toBeNull();
    expect(calls).toEqual([{ url: '/api/crm/connection', method: 'GET', body: undefined }]);
  });

  test('saves with PUT and the given body', async () => {
    const calls = answer(200, { connection });
    const input = {
      email: 'crm.user@example.com',
      apiDomain: 'https://www.zohoapis.com',
      accountsUrl: 'https://accounts.zoho.com',
      clientId: 'id',
      clientSecret: 'secret',
      grantCode: 'code',
    };
    await expect(saveCrmConnection(input)).resolves.toEqual(connection);
    expect(calls).toEqual([{ url: '/api/crm/connection', method: 'PUT', body: input }]);
  });

  test.each([
    { name: 'disable', call: disableCrm, path: '/api/crm/connection/disable' },
    { name: 'enable', call: enableCrm, path: '/api/crm/connection/enable' },
    { name: 'test', call: testCrmConnection, path: '/api/crm/connection/test' },
  ])('$name POSTs to its path', async ({ call, path }) => {
    const calls = answer(200, { connection });
    await expect(call()).resolves.toEqual(connection);
    expect(calls).toEqual([{ url: path, method: 'POST', body: undefined }]);
  });

  test('disconnects with DELETE (204)', async () => {
    const calls = answer(204);
    await expect(disconnectCrm()).resolves.toBeUndefined();
    expect(calls).toEqual([{ url: '/api/crm/connection', method: 'DELETE', body: undefined }]);
  });

  test('a refusal is an ApiError with the CRM message and provider code', async () => {
    answer(400, {
      error: {
        code: 'CRM_AUTH_FAILED',
        message: 'invalid_client',
        details: { providerCode: 'invalid_client' },
      },
    });
    const error: unknown = await saveCrmConnection({
      email: 'a@b.co',
      apiDomain: 'https://www.zohoapis.com',
      accountsUrl: 'https://accounts.zoho.com',
      clientId: 'id',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'CRM_AUTH_FAILED',
      message: 'invalid_client',
      details: { providerCode: 'invalid_client' },
    });
  });

  test('no network is a NetworkError', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(testCrmConnection()).rejects.toBeInstanceOf(NetworkError);
  });
});
