import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { SecretBox, SecretContext } from '../secret-box';

/** 256 bits: the HMAC key the CRM signs panel URLs with. */
const SECRET_BYTES = 32;

/**
 * The panel secret is sealed bound to its organization and purpose, like the
 * connection's secrets.
 */
const sealContext = (organizationId: string): SecretContext => ({
  organizationId,
  purpose: 'panel_secret',
});

export interface PanelSecretStatus {
  secretSet: boolean;
  createdAt: string | null;
  rotatedAt: string | null;
}

export async function loadPanelStatus(db: Db, organizationId: string): Promise<PanelSecretStatus> {
  const row = await db
    .selectFrom('crm_panel')
    .select(['created_at', 'rotated_at'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return {
    secretSet: row !== undefined,
    createdAt: row?.created_at ?? null,
    rotatedAt: row?.rotated_at ?? null,
  };
}

/** The organization's panel secret in plain text, or undefined when none was made. */
export async function loadPanelSecret(
  db: Db,
  secrets: SecretBox,
  organizationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('crm_panel')
    .select('secret_enc')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row && secrets.open(row.secret_enc, sealContext(organizationId));
}

/**
 * Makes or replaces the panel secret; the old one stops opening panels at once.
 * The plain secret is returned for the admin to copy and is never readable again.
 */
export async function rotatePanelSecret(args: {
  db: Db;
  secrets: SecretBox;
  organizationId: string;
  now: string;
}): Promise<{ secret: string; rotatedAt: string }> {
  const { db, secrets, organizationId, now } = args;
  const secret = randomBytes(SECRET_BYTES).toString('hex');
  const secretEnc = secrets.seal(secret, sealContext(organizationId));
  await db
    .insertInto('crm_panel')
    .values({
      organization_id: organizationId,
      secret_enc: secretEnc,
      created_at: now,
      rotated_at: now,
    })
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({ secret_enc: secretEnc, rotated_at: now }),
    )
    .execute();
  return { secret, rotatedAt: now };
}
