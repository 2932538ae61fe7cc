import { createHmac } from 'node:crypto';

/**
 * The Kanjo panel widget contract, as a CRM keeps it. The CRM opens
 * `<panel URL>?org=&module=&id=&user=&profile=&exp=&sig=` in an iframe:
 *
 * - `org`: the Kanjo organization id (from the widget setting);
 * - `module`: `Accounts`, `Contacts` or `Deals`; `id`: the record's id;
 * - `user`: the CRM user viewing it; `profile`: that user's profile id;
 * - `exp`: Unix seconds, at most 600 s ahead (this CRM uses 300 s);
 * - `sig`: hex HMAC-SHA256, keyed with the panel secret (as text), of the
 *   canonical text: the six claims in that order as `key=value`, each value
 *   `encodeURIComponent`-ed, joined by `&` (no `sig`).
 *
 * Kanjo checks the same text (its core `panelSigningText`); the emulator keeps
 * its own copy, since it must not import Kanjo's packages.
 */

export const WIDGET_MODULES = ['Accounts', 'Contacts', 'Deals'] as const;
export type WidgetModule = (typeof WIDGET_MODULES)[number];

/** How long a signed panel URL lives here (Kanjo accepts up to 600 s). */
export const WIDGET_URL_LIFETIME_SECONDS = 300;

export interface WidgetClaims {
  org: string;
  module: WidgetModule;
  id: string;
  user: string;
  profile: string;
  exp: number;
}

/**
 * @example widgetSigningText({ org: 'o1', module: 'Accounts', id: '42', user: '7', profile: '9', exp: 1767225600 })
 * // 'org=o1&module=Accounts&id=42&user=7&profile=9&exp=1767225600'
 */
export function widgetSigningText(claims: WidgetClaims): string {
  const order = ['org', 'module', 'id', 'user', 'profile', 'exp'] as const;
  return order.map((key) => `${key}=${encodeURIComponent(String(claims[key]))}`).join('&');
}

export function signWidgetClaims(claims: WidgetClaims, secret: string): string {
  return createHmac('sha256', secret).update(widgetSigningText(claims)).digest('hex');
}

/** The widget as set up in Settings → Widgets. */
export interface WidgetSetting {
  /** The panel's URL from Kanjo; its `?org=` names the organization when `org` is empty. */
  panelUrl: string;
  secret: string;
  /** The Kanjo organization id, when the URL does not carry it. */
  org: string;
}

/** The organization a setting signs for: its own field, else the URL's `org`. */
export function widgetOrg(setting: WidgetSetting): string {
  if (setting.org) return setting.org;
  try {
    return new URL(setting.panelUrl).searchParams.get('org') ?? '';
  } catch {
    return '';
  }
}

/**
 * A freshly signed panel URL for one record and viewer; its query is exactly
 * the canonical text plus `&sig=` (any query of the setting's URL is replaced).
 */
export function signedPanelUrl(args: {
  setting: WidgetSetting;
  module: WidgetModule;
  id: string;
  user: string;
  profile: string;
  nowSeconds: number;
}): string {
  const { setting, nowSeconds, ...record } = args;
  const claims: WidgetClaims = {
    org: widgetOrg(setting),
    ...record,
    exp: nowSeconds + WIDGET_URL_LIFETIME_SECONDS,
  };
  const url = new URL(setting.panelUrl);
  url.search = `${widgetSigningText(claims)}&sig=${signWidgetClaims(claims, setting.secret)}`;
  url.hash = '';
  return url.toString();
}
