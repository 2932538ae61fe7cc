import { PANEL_MODULES, type PanelModule } from '@kanjo/core';

/**
 * The signed query the CRM opens the panel with
 * (`?org=…&module=…&id=…&user=…&profile=…&exp=…&sig=…`). Only the server can
 * judge the signature and the expiry; the page checks that every part is
 * there, then sends the query exactly as received (re-encoding it could
 * change the signed text).
 */
export interface PanelQuery {
  /** The query without its leading `?`: the `X-Kanjo-Panel` header. */
  raw: string;
  module: PanelModule;
  recordId: string;
}

const REQUIRED = ['org', 'module', 'id', 'user', 'profile', 'exp', 'sig'] as const;

/**
 * @example readPanelQuery('?org=o1&module=Deals&id=42&user=7&profile=9&exp=1767225600&sig=ab')
 * // { raw: 'org=o1&module=Deals&…', module: 'Deals', recordId: '42' }
 */
export function readPanelQuery(search: string): PanelQuery | null {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  const params = new URLSearchParams(raw);
  if (REQUIRED.some((name) => !params.get(name))) return null;
  const module = params.get('module');
  if (!isPanelModule(module)) return null;
  if (!/^\d+$/.test(params.get('exp') ?? '')) return null;
  return { raw, module, recordId: params.get('id') ?? '' };
}

function isPanelModule(value: string | null): value is PanelModule {
  return PANEL_MODULES.some((module) => module === value);
}
