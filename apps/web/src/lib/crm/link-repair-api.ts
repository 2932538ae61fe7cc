import type {
  CrmHoldView,
  CrmLinkCandidate,
  CrmLinkCandidateReason,
  CrmLinkCandidatesAnswer,
  CrmLinkRepairView,
} from '@kanjo/core';
import { ApiError, NetworkError, request } from '$lib/http/client';
import type { MessageKey } from '../i18n/en';
import { describeHistoryFailure, type Message } from './history';
import { queryString, type SyncEntity } from './history-api';

/**
 * Link repair of one customer or item (the server's `/api/crm/links/…`): its
 * CRM record and what waits for a person; for owners and admins, ranked
 * candidates, link, unlink and release. Each change answers the new view.
 */

export type LinkRepairView = CrmLinkRepairView;
export type HoldView = CrmHoldView;
export type LinkCandidate = CrmLinkCandidate;

const path = (entity: SyncEntity, localId: string, what: string) =>
  `/api/crm/links/${entity}/${encodeURIComponent(localId)}/${what}`;

export const getLinkRepair = (entity: SyncEntity, localId: string): Promise<LinkRepairView> =>
  request({ method: 'GET', path: path(entity, localId, 'repair') });

/** `q`: what the person typed, searched instead of the record's own name. */
export const getLinkCandidates = (
  entity: SyncEntity,
  localId: string,
  q?: string,
): Promise<CrmLinkCandidatesAnswer> =>
  request({ method: 'GET', path: `${path(entity, localId, 'candidates')}${queryString({ q })}` });

export const linkToCrm = (
  entity: SyncEntity,
  localId: string,
  crmId: string,
): Promise<LinkRepairView> =>
  request({ method: 'POST', path: path(entity, localId, 'link'), body: { crmId } });

export const unlinkFromCrm = (entity: SyncEntity, localId: string): Promise<LinkRepairView> =>
  request({ method: 'POST', path: path(entity, localId, 'unlink'), body: {} });

export const releaseFromHold = (entity: SyncEntity, localId: string): Promise<LinkRepairView> =>
  request({ method: 'POST', path: path(entity, localId, 'release'), body: {} });

export const reasonKey = (reason: CrmLinkCandidateReason): MessageKey => `crmLink.reason.${reason}`;

/** «Name» as prose names a CRM record (its module and id when it has no name). */
export function crmName(ref: { crmModule: string; crmId: string; name: string | null }): string {
  return ref.name ? `«${ref.name}»` : `${ref.crmModule} ${ref.crmId}`;
}

/** `«Name» (Accounts 123)`: a CRM record told apart from any other (labels of buttons). */
export function crmLabel(ref: { crmModule: string; crmId: string; name: string | null }): string {
  return ref.name
    ? `«${ref.name}» (${ref.crmModule} ${ref.crmId})`
    : `${ref.crmModule} ${ref.crmId}`;
}

const FAILURES: Record<string, MessageKey> = {
  CRM_RECORD_ALREADY_LINKED: 'crmLink.error.alreadyLinked',
  CRM_RECORD_NOT_FOUND: 'crmLink.error.notFound',
  CRM_NOT_SYNCED: 'crmLink.error.notSynced',
  CRM_NOT_KEPT_APART: 'crmLink.error.nothingKept',
  CRM_NOT_LINKED: 'crmLink.error.notLinked',
};

/** A failed link change → what to tell the person. */
export function describeLinkFailure(error: unknown): Message {
  if (error instanceof NetworkError) return { key: 'crmLink.error.offline' };
  if (error instanceof ApiError && FAILURES[error.code]) {
    return { key: FAILURES[error.code] ?? 'crmLink.error.notFound' };
  }
  return describeHistoryFailure(error);
}
