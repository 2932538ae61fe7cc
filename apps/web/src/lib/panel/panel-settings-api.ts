import type { PanelPermissions } from '@kanjo/core';
import { request } from '$lib/http/client';

/**
 * The CRM panel's settings for owners and admins (signed-in session): the
 * URL and secret the CRM's widget setting needs, and what each CRM profile
 * may do in the panel.
 */

export interface PanelSettings {
  /** What to paste into the CRM's widget setting (the panel's address, naming the organization). */
  panelUrl: string;
  hasSecret: boolean;
  /** ISO instant of the last rotation; null before the first secret. */
  rotatedAt: string | null;
}

export interface ProfilePermissions {
  profileId: string;
  profileName: string;
  permissions: PanelPermissions;
  /** False: the defaults, never saved by an admin. */
  saved: boolean;
}

const PATH = '/api/crm/panel';

/** @example const { panelUrl, hasSecret } = await getPanelSettings(); */
export async function getPanelSettings(): Promise<PanelSettings> {
  const answer = await request<
    Partial<PanelSettings> & { widgetUrl?: string; createdAt?: string | null }
  >({ method: 'GET', path: PATH });
  return {
    // The widget URL carries `?org=…`, which the CRM must sign along with the record.
    panelUrl: answer.widgetUrl ?? answer.panelUrl ?? '',
    hasSecret: answer.hasSecret === true,
    rotatedAt: answer.rotatedAt ?? answer.createdAt ?? null,
  };
}

/** A new secret, returned this once; the previous one stops working. */
export async function rotatePanelSecret(): Promise<string> {
  const answer = await request<{ secret: string }>({ method: 'POST', path: `${PATH}/secret` });
  return answer.secret;
}

/** The CRM's profiles with their panel permissions (defaults where none were saved). */
export async function getPanelPermissions(): Promise<ProfilePermissions[]> {
  const answer = await request<{ profiles?: ProfilePermissions[] }>({
    method: 'GET',
    path: `${PATH}/permissions`,
  });
  return answer.profiles ?? [];
}

/** Saves every profile's permissions at once; answers with the saved matrix. */
export async function savePanelPermissions(
  profiles: Omit<ProfilePermissions, 'saved'>[],
): Promise<ProfilePermissions[]> {
  const answer = await request<{ profiles?: ProfilePermissions[] }>({
    method: 'PUT',
    path: `${PATH}/permissions`,
    body: {
      profiles: profiles.map(({ profileId, profileName, permissions }) => ({
        profileId,
        profileName,
        permissions,
      })),
    },
  });
  return answer.profiles ?? [];
}
