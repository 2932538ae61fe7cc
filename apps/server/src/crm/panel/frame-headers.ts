import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../db/database';
import type { AppEnv } from '../../http/env';
import { loadConnectionRow } from '../connection-store';

/** A CSP source the env may add, e.g. `https://crm.zoho.eu` or `https://*.zoho.com`. */
const SOURCE = /^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/;

/**
 * `PANEL_FRAME_ANCESTORS`: more origins that may frame the panel (comma or
 * space separated); entries that are not plain origins are dropped.
 * @example panelFrameAncestorsFrom('https://crm.zoho.eu, https://*.zappsusercontent.eu')
 */
export function panelFrameAncestorsFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.replace(/\/+$/, ''))
    .filter((s) => SOURCE.test(s));
}

/**
 * The origins of the connected CRM: its API origin (the emulator serves its
 * pages there too) and, for Zoho's `www.zohoapis.<dc>`, the CRM's web origin
 * its pages are framed from: `crm.zoho.<dc>`, except Canada's `crm.zohocloud.ca`.
 */
export function crmOrigins(apiDomain: string): string[] {
  let url: URL;
  try {
    url = new URL(apiDomain);
  } catch {
    return [];
  }
  const origins = [url.origin];
  const zoho = /^www\.zohoapis\.(.+)$/.exec(url.hostname);
  if (zoho?.[1])
    origins.push(zoho[1] === 'ca' ? 'https://crm.zohocloud.ca' : `https://crm.zoho.${zoho[1]}`);
  return origins.filter((o) => SOURCE.test(o));
}

async function connectedCrmOrigins(db: Db, organizationId: string | undefined): Promise<string[]> {
  if (!organizationId || organizationId.length > 64) return [];
  const row = await loadConnectionRow(db, organizationId);
  return row ? crmOrigins(row.api_domain) : [];
}

const isPanelPage = (path: string) => path === '/crm-panel' || path.startsWith('/crm-panel/');

/**
 * Lets the CRM frame the panel page, and nothing else: `/crm-panel`
 * answers drop `X-Frame-Options` and say `frame-ancestors 'self'` plus the
 * organization's connected CRM and `extraAncestors`. Every other page keeps
 * `secureHeaders`' refusal. Registered before `secureHeaders`, so it runs after it.
 *
 * @example
 * app.use('*', panelFrameHeaders({ extraAncestors: panelFrameAncestorsFrom(env.PANEL_FRAME_ANCESTORS) }));
 */
export function panelFrameHeaders({
  extraAncestors = [],
}: { extraAncestors?: string[] } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!isPanelPage(c.req.path)) return;
    const crm = await connectedCrmOrigins(c.var.deps.db, c.req.query('org'));
    const ancestors = [...new Set(["'self'", ...crm, ...extraAncestors])].join(' ');
    const existing = c.res.headers.get('Content-Security-Policy');
    const kept = (existing ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '' && !d.toLowerCase().startsWith('frame-ancestors'));
    c.res.headers.delete('X-Frame-Options');
    c.res.headers.set(
      'Content-Security-Policy',
      [...kept, `frame-ancestors ${ancestors}`].join('; '),
    );
  };
}
