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
  await writeTransaction(db, async (trx) => {
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
    await trx
      .insertInto('organizations')
      .values({
        id: organizationId,
        name: input.organizationName,
        settings: JSON.stringify(
          defaultSettings({ baseCurrency: input.baseCurrency, locale: input.locale }),
        ),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        organization_id: organizationId,
        email: input.email,
        name: null,
        role: 'owner',
        locale: input.locale,
        password_hash: passwordHash,
        created_at: at,
      })
      .execute();
  });
  return { userId, organizationId };
}
