import { describe, expect, test } from 'vitest';
import { ApiError, NetworkError } from '$lib/http/client';
import { describePanelFailure, isInvalidLink } from './panel-failure';

describe('panel failures', () => {
  test.each([
    [
      'a bad signature',
      new ApiError(401, 'PANEL_SIGNATURE_INVALID', ''),
      'panel.error.invalidLink',
    ],
    ['an expired link', new ApiError(401, 'PANEL_EXPIRED', ''), 'panel.error.invalidLink'],
    ['no network', new NetworkError(new TypeError()), 'panel.error.offline'],
    ['a gone document', new ApiError(404, 'NOT_FOUND', ''), 'panel.error.notFound'],
    ['a record not in Kanjo', new ApiError(409, 'PANEL_NO_CUSTOMER', ''), 'panel.error.noCustomer'],
    ['refused lines', new ApiError(400, 'VALIDATION_FAILED', ''), 'panel.error.validation'],
    ['a 403 without details', new ApiError(403, 'FORBIDDEN', ''), 'panel.error.forbiddenGeneral'],
    ['an issued invoice', new ApiError(409, 'INVOICE_LOCKED', ''), 'panel.error.locked'],
    ['a void sales order', new ApiError(409, 'DOCUMENT_LOCKED', ''), 'panel.error.locked'],
    ['an automated deal link', new ApiError(409, 'DEAL_LINK_LOCKED', ''), 'panel.error.dealLocked'],
    [
      'another customer’s deal',
      new ApiError(400, 'DEAL_NOT_OF_CUSTOMER', ''),
      'panel.error.dealNotOfCustomer',
    ],
    ['a server error', new ApiError(500, 'INTERNAL', ''), 'panel.error.server'],
    ['anything else', new Error('x'), 'panel.error.unknown'],
  ])('%s', (_name, error, key) => {
    expect(describePanelFailure(error).key).toBe(key);
  });

  test('a 403 names the missing permission', () => {
    const error = new ApiError(403, 'FORBIDDEN', 'no', { kind: 'quote', action: 'sendEmail' });
    expect(describePanelFailure(error)).toEqual({
      key: 'panel.error.forbidden',
      forbidden: { kind: 'panel.kind.quote', action: 'panel.action.sendEmail' },
    });
  });

  test('a 500 gives its status', () => {
    expect(describePanelFailure(new ApiError(502, 'X', '')).params).toEqual({ status: '502' });
  });

  test('only a 401 makes the whole link invalid', () => {
    expect(isInvalidLink(new ApiError(401, 'PANEL_EXPIRED', ''))).toBe(true);
    expect(isInvalidLink(new ApiError(403, 'FORBIDDEN', ''))).toBe(false);
    expect(isInvalidLink(new NetworkError(null))).toBe(false);
  });
});
