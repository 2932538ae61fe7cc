import { writeTransaction, type Db } from '../db/database';
import { defaultSettings } from '../db/organizations';
import { ServiceError } from '../errors';
import { hashPassword } from './password';

export interface SignupInput {
  organizationName: string;
  email: string;
  password: string;
  baseCurrency: string;
  locale: 'en' | 'ja';
}

export const emailTaken = (details?: unknown) =>
  new ServiceError(
    'conflict',
    'EMAIL_TAKEN',
    'An account with this email already exists.',
    details,
  );

/**
 * A new organization and its owner, in one transaction: an email already
 * registered (in any organization) refuses the whole signup.
 */
export async function signUp(
  db: Db,
  input: SignupInput,
  { now, newId }: { now: Date; newId: () => string },
): Promise<{ userId: string; organizationId: string }> {
  const passwordHash = await hashPassword(input.password);
  const organizationId = newId();
  const userId = newId();
  const at = now.toISOString();
  await writeTransaction(db, null, async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (taken) {
      throw emailTaken({
        fields: [{ path: 'email', message: 'This email is already registered.' }],
      });
    }
    await insertOrganizationWithOwner(trx, {
      organization: { id: organizationId, name: input.organizationName },
      owner: { id: userId, email: input.email, name: null, locale: input.locale, passwordHash },
      baseCurrency: input.baseCurrency,
      locale: input.locale,
      at,
    });
  });
  return { userId, organizationId };
}

/** What a new organization and its first owner are made of. */
export interface NewOrganization {
  organization: { id: string; name: string };
  owner: {
    id: string;
    email: string;
    name: string | null;
    locale: 'en' | 'ja';
    passwordHash: string;
  };
  /** The organization's base currency and the language of its documents. */
  baseCurrency: string;
  locale: 'en' | 'ja';
  at: string;
}

/** Inserts an organization with default settings and its owner, inside the caller's transaction. */
export async function insertOrganizationWithOwner(
  trx: Db,
  created: NewOrganization,
): Promise<void> {
  const { organization, owner, at } = created;
  await trx
    .insertInto('organizations')
    .values({
      id: organization.id,
      name: organization.name,
      settings: JSON.stringify(
        defaultSettings({ baseCurrency: created.baseCurrency, locale: created.locale }),
      ),
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('users')
    .values({
      id: owner.id,
      organization_id: organization.id,
      email: owner.email,
      name: owner.name,
      role: 'owner',
      locale: owner.locale,
      password_hash: owner.passwordHash,
      created_at: at,
    })
    .execute();
}
