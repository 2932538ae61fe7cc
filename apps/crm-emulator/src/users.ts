import * as v from 'valibot';
import { ZohoError } from './errors';
import { profiles } from './metadata';
import type { Store, User } from './store';

/** The body of `POST /__emulator/users`. */
export const userRequestSchema = v.object({
  email: v.pipe(v.string(), v.email()),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  profile: v.optional(v.picklist(profiles.map((p) => p.name))),
});

const roles = {
  ceo: { id: '900000010', name: 'CEO' },
  manager: { id: '900000011', name: 'Manager' },
} as const;

/**
 * A CRM user as `GET /users` answers it; every emulated user is active and confirmed.
 *
 * @example
 * presentUser({ id: '1', email: 'sales@demo.example', name: 'Sales Rep', profile: 'Standard' });
 */
export function presentUser(user: User) {
  const profile = profiles.find((p) => p.name === user.profile) ?? profiles[1];
  const [first, ...rest] = user.name.split(' ');
  return {
    id: user.id,
    first_name: rest.length > 0 ? (first ?? null) : null,
    last_name: rest.length > 0 ? rest.join(' ') : user.name,
    full_name: user.name,
    email: user.email,
    status: 'active',
    confirm: true,
    profile: { id: profile?.id ?? '', name: profile?.name ?? user.profile },
    role: user.profile === 'Administrator' ? roles.ceo : roles.manager,
  };
}

/** The users a `GET /users?type=` asks for; Zoho's default type is AllUsers. */
export function usersOfType(args: {
  store: Store;
  type: string | undefined;
  current: User;
}): User[] {
  const { store, type = 'AllUsers', current } = args;
  if (type === 'CurrentUser') return [current];
  const all = store.listUsers();
  // Nobody is ever deactivated, deleted or left unconfirmed here.
  switch (type) {
    case 'AllUsers':
    case 'ActiveUsers':
    case 'ConfirmedUsers':
    case 'ActiveConfirmedUsers':
      return all;
    case 'AdminUsers':
    case 'ActiveConfirmedAdmins':
      return all.filter((u) => u.profile === 'Administrator');
    case 'DeactiveUsers':
    case 'NotConfirmedUsers':
    case 'DeletedUsers':
      return [];
    default:
      throw new ZohoError('INVALID_DATA', 'the given type seems to be invalid', 400, {
        param_name: 'type',
      });
  }
}
