import { afterEach, describe, expect, test, vi } from 'vitest';
import { defaultPanelPermissions } from '@kanjo/core';
import { ApiError } from '$lib/http/client';
import { answerFetch } from '../../../test/answer-fetch';
import {
  getPanelPermissions,
  getPanelSettings,
  rotatePanelSecret,
  savePanelPermissions,
} from './panel-settings-api';

afterEach(() => vi.unstubAllGlobals());

const sales = {
  profileId: 'p2',
  profileName: 'Sales',
  permissions: defaultPanelPermissions('Sales'),
  saved: false,
};

describe('panel settings', () => {
  test('reads the URL and whether a secret exists', async () => {
    const sent = answerFetch(200, { panelUrl: 'https://k.example/crm-panel', hasSecret: false });
    await expect(getPanelSettings()).resolves.toEqual({
      panelUrl: 'https://k.example/crm-panel',
      hasSecret: false,
      rotatedAt: null,
    });
    expect(sent).toEqual([{ url: '/api/crm/panel', method: 'GET', body: undefined }]);
  });

  test('the widget URL (naming the organization) is the one to copy', async () => {
    answerFetch(200, {
      panelUrl: 'https://k.example/crm-panel',
      widgetUrl: 'https://k.example/crm-panel?org=o1',
      hasSecret: true,
      createdAt: '2026-11-01T00:00:00.000Z',
      rotatedAt: null,
    });
    await expect(getPanelSettings()).resolves.toEqual({
      panelUrl: 'https://k.example/crm-panel?org=o1',
      hasSecret: true,
      rotatedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  test('rotating answers the new secret', async () => {
    const sent = answerFetch(200, { secret: 's3cr3t' });
    await expect(rotatePanelSecret()).resolves.toBe('s3cr3t');
    expect(sent).toMatchObject([{ url: '/api/crm/panel/secret', method: 'POST' }]);
  });

  test('reads the profiles’ permissions', async () => {
    answerFetch(200, { profiles: [sales] });
    await expect(getPanelPermissions()).resolves.toEqual([sales]);
  });

  test('saves every profile without the `saved` flag', async () => {
    const sent = answerFetch(200, { profiles: [{ ...sales, saved: true }] });
    await expect(savePanelPermissions([sales])).resolves.toEqual([{ ...sales, saved: true }]);
    expect(sent).toEqual([
      {
        url: '/api/crm/panel/permissions',
        method: 'PUT',
        body: {
          profiles: [
            {
              profileId: 'p2',
              profileName: 'Sales',
              permissions: defaultPanelPermissions('Sales'),
            },
          ],
        },
      },
    ]);
  });

  test('a refusal is an ApiError with its code', async () => {
    answerFetch(403, { error: { code: 'FORBIDDEN', message: 'admins only' } });
    await expect(savePanelPermissions([sales])).rejects.toEqual(
      new ApiError(403, 'FORBIDDEN', 'admins only'),
    );
  });
});
