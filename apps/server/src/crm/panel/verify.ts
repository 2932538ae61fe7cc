import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  PANEL_MAX_LIFETIME_SECONDS,
  PANEL_MODULES,
  panelSigningText,
  type PanelClaims,
} from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from '../../db/database';
import { ServiceError } from '../../errors';
import type { SecretBox } from '../secret-box';
import { loadPanelSecret } from './secret-store';

/** The header the panel page sends its signed query in (the raw query string). */
export const PANEL_HEADER = 'x-kanjo-panel';

/** A CRM clock a little ahead of ours must not break a fresh link. */
const CLOCK_SKEW_SECONDS = 30;

const token = (max: number) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]+$/), v.maxLength(max));

const signedQuerySchema = v.object({
  org: token(64),
  module: v.picklist(PANEL_MODULES),
  id: token(64),
  user: token(64),
  profile: token(64),
  exp: v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number)),
  sig: v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/), v.toLowerCase()),
});

export const panelSignatureInvalid = (message = 'The panel link is not valid.') =>
  new ServiceError('unauthenticated', 'PANEL_SIGNATURE_INVALID', message);

const panelExpired = () =>
  new ServiceError(
    'unauthenticated',
    'PANEL_EXPIRED',
    'The panel link has expired: reload the CRM page.',
  );

/** The claims of a raw signed query, or 401 when a part is missing, repeated or malformed. */
export function parseSignedQuery(raw: string | undefined): PanelClaims & { sig: string } {
  if (!raw || raw.length > 2000) throw panelSignatureInvalid();
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  const fields: Record<string, string> = {};
  for (const key of ['org', 'module', 'id', 'user', 'profile', 'exp', 'sig']) {
    const values = params.getAll(key);
    // One value each: a repeated claim could be read one way here and another by the page.
    if (values.length !== 1 || values[0] === undefined) throw panelSignatureInvalid();
    fields[key] = values[0];
  }
  const parsed = v.safeParse(signedQuerySchema, fields);
  if (!parsed.success) throw panelSignatureInvalid();
  return parsed.output;
}

/** Hex HMAC-SHA256 of the claims' canonical text: what the CRM's widget computes. */
export function signPanelClaims(claims: PanelClaims, secret: string): string {
  return createHmac('sha256', secret).update(panelSigningText(claims)).digest('hex');
}

/**
 * The claims of a panel request once proven: the organization has a panel
 * secret, the HMAC matches (compared in constant time) and `exp` is in the
 * future but no further than 10 minutes. Anything else is 401
 * `PANEL_SIGNATURE_INVALID` or `PANEL_EXPIRED`, saying nothing more.
 *
 * @example
 * const claims = await verifyPanelRequest({ db, secrets, raw: c.req.header('x-kanjo-panel'), now });
 */
export async function verifyPanelRequest(args: {
  db: Db;
  secrets: SecretBox;
  raw: string | undefined;
  now: Date;
}): Promise<PanelClaims> {
  const { sig, ...claims } = parseSignedQuery(args.raw);
  const organization = await args.db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', claims.org)
    .executeTakeFirst();
  const secret = organization && (await loadPanelSecret(args.db, args.secrets, claims.org));
  if (!secret) throw panelSignatureInvalid();
  const expected = Buffer.from(signPanelClaims(claims, secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) throw panelSignatureInvalid();
  const nowSeconds = Math.floor(args.now.getTime() / 1000);
  if (claims.exp <= nowSeconds) throw panelExpired();
  if (claims.exp > nowSeconds + PANEL_MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    throw panelSignatureInvalid('The panel link may live at most 10 minutes.');
  }
  return claims;
}
