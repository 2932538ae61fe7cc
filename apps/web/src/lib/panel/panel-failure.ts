import { PANEL_ACTIONS, PANEL_DOCUMENT_KINDS } from '@kanjo/core';
import { ApiError, NetworkError } from '$lib/http/client';
import type { MessageKey } from '$lib/i18n/locale.svelte';
import { isRecord } from './panel-request';

export interface PanelMessage {
  key: MessageKey;
  params?: Record<string, string>;
  /** ACTION: a refused permission, named. */
  forbidden?: { kind: MessageKey; action: MessageKey };
}

const KIND_KEYS = {
  quote: 'panel.kind.quote',
  salesOrder: 'panel.kind.salesOrder',
  invoice: 'panel.kind.invoice',
} as const satisfies Record<(typeof PANEL_DOCUMENT_KINDS)[number], MessageKey>;

const ACTION_KEYS = {
  createEdit: 'panel.action.createEdit',
  view: 'panel.action.view',
  sendEmail: 'panel.action.sendEmail',
} as const satisfies Record<(typeof PANEL_ACTIONS)[number], MessageKey>;

/** A 401 on any panel call: the link is bad or expired, and the page shows only that. */
export function isInvalidLink(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * Why a panel call failed, as a message key: a refused permission names the
 * kind and action (403 FORBIDDEN `{ kind, action }`).
 * @example describePanelFailure(new ApiError(403, 'FORBIDDEN', '', { kind: 'quote', action: 'sendEmail' }))
 * // { key: 'panel.error.forbidden', forbidden: { kind: 'panel.kind.quote', action: 'panel.action.sendEmail' } }
 */
export function describePanelFailure(error: unknown): PanelMessage {
  if (error instanceof NetworkError) return { key: 'panel.error.offline' };
  if (!(error instanceof ApiError)) return { key: 'panel.error.unknown' };
  if (error.status === 401) return { key: 'panel.error.invalidLink' };
  if (error.status === 403) {
    const details = isRecord(error.details) ? error.details : {};
    const kind = PANEL_DOCUMENT_KINDS.find((k) => k === details.kind);
    const action = PANEL_ACTIONS.find((a) => a === details.action);
    if (kind && action) {
      return {
        key: 'panel.error.forbidden',
        forbidden: { kind: KIND_KEYS[kind], action: ACTION_KEYS[action] },
      };
    }
    return { key: 'panel.error.forbiddenGeneral' };
  }
  if (error.code === 'PANEL_NO_CUSTOMER') return { key: 'panel.error.noCustomer' };
  // Core's state rules, as the PWA's editor meets them.
  if (error.code === 'INVOICE_LOCKED' || error.code === 'DOCUMENT_LOCKED') {
    return { key: 'panel.error.locked' };
  }
  if (error.code === 'DEAL_LINK_LOCKED') return { key: 'panel.error.dealLocked' };
  if (error.code === 'DEAL_NOT_OF_CUSTOMER') return { key: 'panel.error.dealNotOfCustomer' };
  if (error.status === 404) return { key: 'panel.error.notFound' };
  if (error.code === 'VALIDATION_FAILED') return { key: 'panel.error.validation' };
  return { key: 'panel.error.server', params: { status: String(error.status) } };
}
