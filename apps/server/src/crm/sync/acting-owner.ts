import { readInChunks } from '../../db/database';
import type { SyncContext } from './context';
import { errorInfo } from './errors';
import { matchKey } from './match-key';

/** The CRM user a record inserted for a Kanjo user is owned by. */
export interface CrmOwner {
  id: string;
  email: string;
}

type CrmUsersByEmail = Map<string, CrmOwner>;

/**
 * The CRM's active users by email, read once per run and only when a run
 * inserts something a person caused. Keyed by the run's context, so it lives
 * exactly as long as the run.
 */
const crmUsersOfRun = new WeakMap<SyncContext, Promise<CrmUsersByEmail>>();

async function readCrmUsers(ctx: SyncContext): Promise<CrmUsersByEmail> {
  const byEmail: CrmUsersByEmail = new Map();
  try {
    for (const { id, email } of await ctx.provider.activeUsers()) {
      const key = matchKey(email);
      if (key !== null) byEmail.set(key, { id, email });
    }
  } catch (error) {
    // Without the users list a record is owned by the connection's user, as it was before records had acting owners.
    const { code, message } = errorInfo(error);
    ctx.deps.log.info('CRM users not read: records get the connection user as owner', {
      organizationId: ctx.organizationId,
      error: `${code}: ${message}`,
    });
  }
  return byEmail;
}

/**
 * The CRM owner of each acting Kanjo user whose email (any case) is an active
 * CRM user's; a user without one is absent, and their records keep the
 * connection's user as owner.
 *
 * @example
 * const owners = await crmOwners(ctx, ['user-1', null]);
 * owners.get('user-1') // { id: '900000042', email: 'sales@demo.example' }
 */
export async function crmOwners(
  ctx: SyncContext,
  actorUserIds: Iterable<string | null | undefined>,
): Promise<Map<string, CrmOwner>> {
  const ids = [...new Set([...actorUserIds].filter((id): id is string => Boolean(id)))];
  const owners = new Map<string, CrmOwner>();
  if (ids.length === 0) return owners;
  const users = await readInChunks(ids, (chunk) =>
    ctx.deps.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('organization_id', '=', ctx.organizationId)
      .where('id', 'in', chunk)
      .execute(),
  );
  if (users.length === 0) return owners;
  let crmUsers = crmUsersOfRun.get(ctx);
  if (!crmUsers) {
    crmUsers = readCrmUsers(ctx);
    crmUsersOfRun.set(ctx, crmUsers);
  }
  const byEmail = await crmUsers;
  for (const user of users) {
    const owner = byEmail.get(matchKey(user.email) ?? '');
    if (owner) owners.set(user.id, owner);
  }
  return owners;
}

/**
 * An insert made for a Kanjo user who is also a CRM user (same email)
 * carries that user as `Owner`; otherwise the connection's user owns it, as
 * before. Updates never send `Owner`: a record keeps the owner it has.
 */
export async function setOwners(
  ctx: SyncContext,
  creates: { actorUserId?: string | null; body: Record<string, unknown>; owner?: CrmOwner }[],
): Promise<void> {
  const owners = await crmOwners(
    ctx,
    creates.map((send) => send.actorUserId),
  );
  for (const send of creates) {
    const owner = send.actorUserId ? owners.get(send.actorUserId) : undefined;
    if (!owner) continue;
    send.owner = owner;
    send.body.Owner = { id: owner.id };
  }
}
