import * as v from 'valibot';

/**
 * Kanjo inside the CRM: what a CRM profile may do in the
 * panel, and the signed URL the CRM opens it with. The HMAC itself is the
 * server's (no crypto here): this is the canonical text it signs.
 */

export const PANEL_DOCUMENT_KINDS = ['quote', 'salesOrder', 'invoice'] as const;
export type PanelDocumentKind = (typeof PANEL_DOCUMENT_KINDS)[number];

export const PANEL_ACTIONS = ['createEdit', 'view', 'sendEmail'] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

const kindPermissionsSchema = v.strictObject({
  createEdit: v.boolean(),
  view: v.boolean(),
  sendEmail: v.boolean(),
});

export const panelPermissionsSchema = v.strictObject({
  quote: kindPermissionsSchema,
  salesOrder: kindPermissionsSchema,
  invoice: kindPermissionsSchema,
  /** The customer's receivables summary on the panel. */
  receivables: v.boolean(),
});

export type PanelPermissions = v.InferOutput<typeof panelPermissionsSchema>;

const all = { createEdit: true, view: true, sendEmail: true };
const viewOnly = { createEdit: false, view: true, sendEmail: false };

/**
 * Until an admin says otherwise: administrators may do everything, every
 * other profile may only view.
 * @example defaultPanelPermissions('Administrator').invoice.sendEmail // true
 */
export function defaultPanelPermissions(profileName: string): PanelPermissions {
  if (/^administrator$/i.test(profileName.trim())) {
    return { quote: all, salesOrder: all, invoice: all, receivables: true };
  }
  return { quote: viewOnly, salesOrder: viewOnly, invoice: viewOnly, receivables: false };
}

/** Creating or sending implies seeing: a permission set is made consistent before it is kept. */
export function normalizePanelPermissions(permissions: PanelPermissions): PanelPermissions {
  const fix = (p: PanelPermissions[PanelDocumentKind]) => ({
    ...p,
    view: p.view || p.createEdit || p.sendEmail,
  });
  return {
    quote: fix(permissions.quote),
    salesOrder: fix(permissions.salesOrder),
    invoice: fix(permissions.invoice),
    receivables: permissions.receivables,
  };
}

/** The CRM record a panel is opened on. */
export const PANEL_MODULES = ['Accounts', 'Contacts', 'Deals'] as const;
export type PanelModule = (typeof PANEL_MODULES)[number];

/** The longest a signed panel URL may live (seconds). */
export const PANEL_MAX_LIFETIME_SECONDS = 600;

/** What a signed panel URL names. */
export interface PanelClaims {
  /** The Kanjo organization (its panel secret signs the URL). */
  org: string;
  module: PanelModule;
  /** The CRM record id. */
  id: string;
  /** The CRM user viewing the record. */
  user: string;
  /** That user's CRM profile id. */
  profile: string;
  /** Unix seconds after which the URL is refused. */
  exp: number;
}

/**
 * The text the CRM signs with HMAC-SHA256 (hex) under the panel secret: the
 * claims in a fixed order, URI-encoded, joined by `&`. The widget setting in
 * the CRM computes the same.
 * @example panelSigningText({ org: 'o1', module: 'Accounts', id: '42', user: '7', profile: '9', exp: 1767225600 })
 * // 'org=o1&module=Accounts&id=42&user=7&profile=9&exp=1767225600'
 */
export function panelSigningText(claims: PanelClaims): string {
  const parts: [keyof PanelClaims, string | number][] = [
    ['org', claims.org],
    ['module', claims.module],
    ['id', claims.id],
    ['user', claims.user],
    ['profile', claims.profile],
    ['exp', claims.exp],
  ];
  return parts.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&');
}
