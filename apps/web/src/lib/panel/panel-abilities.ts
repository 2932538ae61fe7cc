import {
  PANEL_DOCUMENT_KINDS,
  type PanelDocumentKind,
  type PanelDocumentRow,
  type PanelPermissions,
} from '@kanjo/core';

/**
 * What the panel offers a CRM profile: a button appears only when
 * its permission is there, so no user meets a control that the server would
 * refuse with 403.
 */
export interface PanelAbilities {
  /** Kinds whose documents are listed, in the panel's order. */
  view: PanelDocumentKind[];
  /** Kinds with a "New …" button. */
  create: PanelDocumentKind[];
  /** Kinds whose documents have "Send by email". */
  send: PanelDocumentKind[];
  receivables: boolean;
}

/**
 * Creating or sending implies seeing (as the server keeps it), so a listed
 * kind is any of the three.
 * @example panelAbilities(defaultPanelPermissions('Standard')).create // []
 */
export function panelAbilities(permissions: PanelPermissions): PanelAbilities {
  const where = (test: (p: PanelPermissions[PanelDocumentKind]) => boolean) =>
    PANEL_DOCUMENT_KINDS.filter((kind) => test(permissions[kind]));
  return {
    view: where((p) => p.view || p.createEdit || p.sendEmail),
    create: where((p) => p.createEdit),
    send: where((p) => p.sendEmail),
    receivables: permissions.receivables,
  };
}

export interface DocumentGroup {
  kind: PanelDocumentKind;
  rows: PanelDocumentRow[];
}

/**
 * The record's documents by kind, only the kinds the profile may view, the
 * newest first. A viewable kind with no documents is kept (it says "none").
 */
export function groupDocuments({
  rows,
  abilities,
}: {
  rows: PanelDocumentRow[];
  abilities: PanelAbilities;
}): DocumentGroup[] {
  return abilities.view.map((kind) => ({
    kind,
    rows: rows
      .filter((row) => row.kind === kind)
      .sort((a, b) => b.issueDate.localeCompare(a.issueDate)),
  }));
}
