import {
  defaultPanelPermissions,
  normalizePanelPermissions,
  panelPermissionsSchema,
  type PanelPermissions,
} from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from '../../db/database';

/** What one CRM profile may do in the panel, as stored or as defaulted. */
export interface ProfilePermissions {
  profileId: string;
  profileName: string;
  permissions: PanelPermissions;
  /** Whether an admin saved it; unsaved profiles have core's defaults. */
  saved: boolean;
  updatedAt: string | null;
}

/** The saved permissions of an organization's profiles, by profile id. */
export async function loadSavedPermissions(
  db: Db,
  organizationId: string,
): Promise<Map<string, ProfilePermissions>> {
  const rows = await db
    .selectFrom('crm_profile_permissions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.profile_id,
      {
        profileId: row.profile_id,
        profileName: row.profile_name,
        // Stored JSON went through the schema on the way in; a bad row falls back to defaults.
        permissions: storedOrDefault(row.permissions, row.profile_name),
        saved: true,
        updatedAt: row.updated_at,
      },
    ]),
  );
}

function storedOrDefault(json: string, profileName: string): PanelPermissions {
  const parsed = v.safeParse(panelPermissionsSchema, JSON.parse(json));
  return parsed.success ? parsed.output : defaultPanelPermissions(profileName);
}

/** Keeps each profile's permissions, made consistent first (creating or sending implies seeing). */
export async function savePermissions(args: {
  db: Db;
  organizationId: string;
  userId: string;
  now: string;
  profiles: { profileId: string; profileName: string; permissions: PanelPermissions }[];
}): Promise<ProfilePermissions[]> {
  const { db, organizationId, userId, now } = args;
  const saved: ProfilePermissions[] = [];
  await db.transaction().execute(async (trx) => {
    for (const profile of args.profiles) {
      const permissions = normalizePanelPermissions(profile.permissions);
      const columns = {
        profile_name: profile.profileName,
        permissions: JSON.stringify(permissions),
        updated_at: now,
        updated_by: userId,
      };
      await trx
        .insertInto('crm_profile_permissions')
        .values({ organization_id: organizationId, profile_id: profile.profileId, ...columns })
        .onConflict((oc) => oc.columns(['organization_id', 'profile_id']).doUpdateSet(columns))
        .execute();
      saved.push({ ...profile, permissions, saved: true, updatedAt: now });
    }
  });
  return saved;
}

/**
 * The CRM's profiles merged with what was saved: every CRM profile once (saved
 * or defaulted by its name), then saved profiles the CRM no longer lists.
 */
export function mergeProfiles(
  crmProfiles: readonly { id: string; name: string }[],
  saved: ReadonlyMap<string, ProfilePermissions>,
): (ProfilePermissions & { inCrm: boolean })[] {
  const fromCrm = crmProfiles.map((p) => {
    const stored = saved.get(p.id);
    return stored
      ? { ...stored, profileName: p.name, inCrm: true }
      : {
          profileId: p.id,
          profileName: p.name,
          permissions: defaultPanelPermissions(p.name),
          saved: false,
          updatedAt: null,
          inCrm: true,
        };
  });
  const listed = new Set(crmProfiles.map((p) => p.id));
  const orphans = [...saved.values()]
    .filter((p) => !listed.has(p.profileId))
    .map((p) => ({ ...p, inCrm: false }));
  return [...fromCrm, ...orphans];
}
