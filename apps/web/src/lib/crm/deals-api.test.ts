import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '$lib/http/client';
import { answerFetch } from '../../../test/answer-fetch';
import { getAutomationLog, getCrmInfo } from './deals-api';

afterEach(() => vi.unstubAllGlobals());

describe('CRM info', () => {
  test('reads the customer’s CRM record', async () => {
    const info = { module: 'Accounts', crmId: 'z1', name: 'Acme', fields: [], deals: [] };
    const calls = answerFetch(200, info);
    await expect(getCrmInfo('cust/1')).resolves.toEqual(info);
    expect(calls).toEqual([
      { url: '/api/crm/customers/cust%2F1/info', method: 'GET', body: undefined },
    ]);
  });

  test.each([
    [404, 'CRM_NOT_LINKED'],
    [502, 'CRM_UNAVAILABLE'],
  ])('%i %s is an ApiError with its code', async (status, code) => {
    answerFetch(status, { error: { code, message: 'no' } });
    await expect(getCrmInfo('cust-1')).rejects.toEqual(new ApiError(status, code, 'no'));
  });
});

describe('automation log', () => {
  test('reads one document’s entries', async () => {
    const calls = answerFetch(200, { entries: [], more: false });
    await expect(getAutomationLog({ documentId: 'inv 1' })).resolves.toEqual({
      entries: [],
      more: false,
    });
    expect(calls).toMatchObject([
      { url: '/api/crm/automation/log?documentId=inv+1', method: 'GET' },
    ]);
  });
});
