import type { Database } from 'better-sqlite3';
import type { MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import type { EmulatorContext, EmulatorEnv } from './context';
import { ZohoError } from './errors';
import { profiles } from './metadata';
import { moduleNames } from './modules';

/** A module permission of a Zoho profile, as its `Crm_Implied_{action}_{module}` name says. */
export const MODULE_ACTIONS = ['View', 'Create', 'Edit', 'Delete'] as const;
export type ModuleAction = (typeof MODULE_ACTIONS)[number];

/** Zoho names a module's permissions after its internal name, not its API name. */
const internalNames: Record<string, string> = {
  Deals: 'Potentials',
  Sales_Orders: 'SalesOrders',
};

export const permissionName = (module: string, action: ModuleAction) =>
  `Crm_Implied_${action}_${internalNames[module] ?? module}`;

/** The body of `PUT /__emulator/profiles/{profile}/permissions`: one module's switches. */
export const grantRequestSchema = v.strictObject({
  module: v.picklist(moduleNames),
  view: v.optional(v.boolean()),
  create: v.optional(v.boolean()),
  edit: v.optional(v.boolean()),
  delete: v.optional(v.boolean()),
});

type Profile = (typeof profiles)[number];

/**
 * Which module permissions each profile has: every one unless a test turned
 * it off. As in Zoho, View is the parent of the others: without it, none holds.
 */
export class ProfileGrants {
  constructor(private readonly db: Database) {}

  enabled(profileId: string, module: string, action: ModuleAction): boolean {
    const off = (a: ModuleAction) =>
      this.db
        .prepare(
          'SELECT 1 FROM profile_permissions WHERE profile_id = ? AND module = ? AND action = ? AND enabled = 0',
        )
        .get(profileId, module, a) !== undefined;
    return !off('View') && !off(action);
  }

  set(profileId: string, grant: v.InferOutput<typeof grantRequestSchema>): void {
    const values: [ModuleAction, boolean | undefined][] = [
      ['View', grant.view],
      ['Create', grant.create],
      ['Edit', grant.edit],
      ['Delete', grant.delete],
    ];
    const upsert = this.db.prepare(
      `INSERT INTO profile_permissions (profile_id, module, action, enabled) VALUES (?, ?, ?, ?)
       ON CONFLICT (profile_id, module, action) DO UPDATE SET enabled = excluded.enabled`,
    );
    for (const [action, enabled] of values) {
      if (enabled !== undefined) upsert.run(profileId, grant.module, action, enabled ? 1 : 0);
    }
  }
}

/** A profile of `/settings/profiles` by id or name; undefined when there is none. */
export function findProfile(idOrName: string): Profile | undefined {
  return profiles.find((p) => p.id === idOrName || p.name.toLowerCase() === idOrName.toLowerCase());
}

/** A stable 19-digit id for one permission, as Zoho gives each its own. */
const permissionId = (module: string, action: ModuleAction) =>
  `90000003${String(moduleNames.indexOf(module)).padStart(2, '0')}${MODULE_ACTIONS.indexOf(action)}00000000`;

/**
 * `GET /settings/profiles/{id}` as Zoho answers it: the profile with its flat
 * `permissions_details` (each module's View, Create, Edit, Delete, `enabled`
 * as granted) and the same ids grouped by module under `sections`.
 */
export function presentProfile(profile: Profile, grants: ProfileGrants) {
  const details = moduleNames.flatMap((module) =>
    MODULE_ACTIONS.map((action) => ({
      display_label: action,
      module,
      name: permissionName(module, action),
      customizable: true,
      id: permissionId(module, action),
      enabled: grants.enabled(profile.id, module, action),
      parent_permissions: action === 'View' ? null : [permissionId(module, 'View')],
    })),
  );
  return {
    profiles: [
      {
        id: profile.id,
        name: profile.name,
        api_name: profile.name,
        display_label: profile.display_label,
        description: profile.description,
        custom: false,
        type: 'normal_profile',
        created_time: null,
        modified_time: null,
        created_by: null,
        modified_by: null,
        permissions_details: details,
        sections: [
          {
            name: 'module',
            categories: moduleNames.map((module) => ({
              display_label: module.replace('_', ' '),
              module,
              name: internalNames[module] ?? module,
              permissions_details: MODULE_ACTIONS.map((action) => permissionId(module, action)),
            })),
          },
        ],
      },
    ],
  };
}

/** What a record request needs of its module, or undefined for a path that is not a module's. */
function neededPermissions(method: string, parts: string[]): ModuleAction[] | undefined {
  const rest = parts.slice(1);
  if (method === 'GET') return ['View'];
  if (method === 'POST' && rest[0] === 'upsert') return ['Create', 'Edit'];
  if (method === 'POST' && rest.length === 0) return ['Create'];
  if (method === 'PUT') return ['Edit'];
  if (method === 'DELETE') return ['Delete'];
  return undefined;
}

/** The module a request touches: its first path part, or a COQL query's `from`. */
async function targetModule(
  c: Parameters<MiddlewareHandler<EmulatorEnv>>[0],
  parts: string[],
): Promise<{ module: string; actions: ModuleAction[] } | undefined> {
  const first = parts[0] ?? '';
  if (first === 'coql' && c.req.method === 'POST') {
    const body: unknown = await c.req.json<unknown>().catch(() => undefined);
    const query =
      typeof body === 'object' && body !== null && 'select_query' in body
        ? String(body.select_query)
        : '';
    const from = /\bfrom\s+([A-Za-z_]+)/i.exec(query)?.[1] ?? '';
    const module = moduleNames.find((m) => m.toLowerCase() === from.toLowerCase());
    return module ? { module, actions: ['View'] } : undefined;
  }
  const module = moduleNames.find((m) => m.toLowerCase() === first.toLowerCase());
  const actions = module ? neededPermissions(c.req.method, parts) : undefined;
  return module && actions ? { module, actions } : undefined;
}

/**
 * Zoho refuses a record request when the user's profile lacks the module
 * permission: 403 `NO_PERMISSION` naming the permissions it needs.
 */
export function requireModulePermission(ctx: EmulatorContext): MiddlewareHandler<EmulatorEnv> {
  const grants = new ProfileGrants(ctx.store.db);
  return async (c, next) => {
    const parts = c.req.path.split('/').slice(3); // after '', 'crm', 'v8'
    const target = await targetModule(c, parts);
    const profile = findProfile(c.get('user').profile);
    if (target && profile) {
      const missing = target.actions.filter((a) => !grants.enabled(profile.id, target.module, a));
      if (missing.length > 0) {
        throw new ZohoError('NO_PERMISSION', 'permission denied', 403, {
          permissions: missing.map((a) => permissionName(target.module, a)),
        });
      }
    }
    await next();
  };
}
