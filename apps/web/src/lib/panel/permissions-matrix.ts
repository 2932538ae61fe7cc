import {
  normalizePanelPermissions,
  PANEL_ACTIONS,
  PANEL_DOCUMENT_KINDS,
  type PanelAction,
  type PanelDocumentKind,
  type PanelPermissions,
} from '@kanjo/core';
import type { ProfilePermissions } from './panel-settings-api';

/**
 * The permissions matrix being edited: one row per CRM profile.
 * Every change goes through `normalizePanelPermissions`, so the form never
 * holds a set the server would correct on save.
 */

/**
 * One checkbox changed. Checking create or send checks view too; unchecking
 * view unchecks create and send (they need it), rather than view snapping back on.
 * @example setPermission({ permissions, kind: 'quote', action: 'createEdit', value: true }).quote.view // true
 */
export function setPermission({
  permissions,
  kind,
  action,
  value,
}: {
  permissions: PanelPermissions;
  kind: PanelDocumentKind;
  action: PanelAction;
  value: boolean;
}): PanelPermissions {
  const next =
    action === 'view' && !value
      ? { createEdit: false, view: false, sendEmail: false }
      : { ...permissions[kind], [action]: value };
  return normalizePanelPermissions({ ...permissions, [kind]: next });
}

export function setReceivables({
  permissions,
  value,
}: {
  permissions: PanelPermissions;
  value: boolean;
}): PanelPermissions {
  return { ...permissions, receivables: value };
}

/** A fresh, consistent copy of the loaded matrix for the form. */
export function draftMatrix(rows: ProfilePermissions[]): ProfilePermissions[] {
  return rows.map((row) => ({ ...row, permissions: normalizePanelPermissions(row.permissions) }));
}

/** True when the draft differs from what was loaded (by profile, whatever the order). */
export function matrixChanged({
  draft,
  saved,
}: {
  draft: ProfilePermissions[];
  saved: ProfilePermissions[];
}): boolean {
  const before = new Map(saved.map((row) => [row.profileId, row.permissions]));
  return draft.some((row) => {
    const loaded = before.get(row.profileId);
    return !loaded || !samePermissions(loaded, row.permissions);
  });
}

export function samePermissions(a: PanelPermissions, b: PanelPermissions): boolean {
  const x = normalizePanelPermissions(a);
  const y = normalizePanelPermissions(b);
  return (
    x.receivables === y.receivables &&
    PANEL_DOCUMENT_KINDS.every((kind) =>
      PANEL_ACTIONS.every((action) => x[kind][action] === y[kind][action]),
    )
  );
}

/** Profiles still on the defaults, which a save would make explicit. */
export function unsavedProfiles(rows: ProfilePermissions[]): number {
  return rows.filter((row) => !row.saved).length;
}
