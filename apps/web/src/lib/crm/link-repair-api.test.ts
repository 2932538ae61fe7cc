import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { answerFetch } from '../../../test/answer-fetch';
import {
  crmLabel,
  crmName,
  describeLinkFailure,
  getLinkCandidates,
  getLinkRepair,
  linkToCrm,
  releaseFromHold,
  unlinkFromCrm,
} from './link-repair-api';

afterEach(() => vi.unstubAllGlobals());

describe('link repair endpoints', () => {
  test('read, search, link, unlink and release one record', async () => {
    const calls = answerFetch(200, { link: null, holds: [] });
    await getLinkRepair('customer', 'c/1');
    await getLinkCandidates('item', 'i1');
    await getLinkCandidates('customer', 'c1', 'サクラ 商事');
    await linkToCrm('customer', 'c1', '42');
    await unlinkFromCrm('item', 'i1');
    await releaseFromHold('customer', 'c1');
    expect(calls.map((c) => `${String(c.method)} ${c.url} ${JSON.stringify(c.body)}`)).toEqual([
      'GET /api/crm/links/customer/c%2F1/repair undefined',
      'GET /api/crm/links/item/i1/candidates undefined',
      `GET /api/crm/links/customer/c1/candidates?q=${encodeURIComponent('サクラ')}+${encodeURIComponent('商事')} undefined`,
      'POST /api/crm/links/customer/c1/link {"crmId":"42"}',
      'POST /api/crm/links/item/i1/unlink {}',
      'POST /api/crm/links/customer/c1/release {}',
    ]);
  });
});

describe('what the panel says', () => {
  test.each([
    [
      { crmModule: 'Accounts', crmId: '7', name: '株式会社サクラ商事' },
      '«株式会社サクラ商事» (Accounts 7)',
    ],
    [{ crmModule: 'Products', crmId: '9', name: null }, 'Products 9'],
  ])('%j → %s', (ref, text) => {
    expect(crmLabel(ref)).toBe(text);
  });

  test('prose names a record by its name, or by its module and id without one', () => {
    expect(crmName({ crmModule: 'Accounts', crmId: '7', name: 'Acme' })).toBe('«Acme»');
    expect(crmName({ crmModule: 'Products', crmId: '9', name: null })).toBe('Products 9');
  });

  test.each([
    [new ApiError(409, 'CRM_RECORD_ALREADY_LINKED', 'x'), 'crmLink.error.alreadyLinked'],
    [new ApiError(404, 'CRM_RECORD_NOT_FOUND', 'x'), 'crmLink.error.notFound'],
    [new ApiError(409, 'CRM_NOT_KEPT_APART', 'x'), 'crmLink.error.nothingKept'],
    [new ApiError(409, 'CRM_SYNC_RUNNING', 'x'), 'crmHistory.error.running'],
    [new ApiError(500, 'BOOM', 'broken'), 'crmHistory.error.other'],
    [new NetworkError(new Error('down')), 'crmLink.error.offline'],
  ])('%s → %s', (error, key) => {
    expect(describeLinkFailure(error).key).toBe(key);
  });
});
