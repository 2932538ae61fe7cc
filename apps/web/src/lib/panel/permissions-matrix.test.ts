import { describe, expect, test } from 'vitest';
import { defaultPanelPermissions, type PanelPermissions } from '@kanjo/core';
import {
  draftMatrix,
  matrixChanged,
  samePermissions,
  setPermission,
  setReceivables,
  unsavedProfiles,
} from './permissions-matrix';

const viewOnly = defaultPanelPermissions('Sales');
const admin = defaultPanelPermissions('Administrator');
const off = { createEdit: false, view: false, sendEmail: false };

describe('one checkbox of the matrix', () => {
  test.each<[string, Parameters<typeof setPermission>[0], PanelPermissions['quote']]>([
    [
      'checking create checks view',
      {
        permissions: { ...viewOnly, quote: off },
        kind: 'quote',
        action: 'createEdit',
        value: true,
      },
      { createEdit: true, view: true, sendEmail: false },
    ],
    [
      'checking send checks view',
      { permissions: { ...viewOnly, quote: off }, kind: 'quote', action: 'sendEmail', value: true },
      { createEdit: false, view: true, sendEmail: true },
    ],
    [
      'unchecking view unchecks create and send',
      { permissions: admin, kind: 'quote', action: 'view', value: false },
      off,
    ],
    [
      'unchecking send keeps the rest',
      { permissions: admin, kind: 'quote', action: 'sendEmail', value: false },
      { createEdit: true, view: true, sendEmail: false },
    ],
  ])('%s', (_name, change, expected) => {
    const next = setPermission(change);
    expect(next.quote).toEqual(expected);
    // The other kinds are untouched.
    expect(next.invoice).toEqual(change.permissions.invoice);
  });

  test('the receivables summary is its own switch', () => {
    expect(setReceivables({ permissions: viewOnly, value: true })).toEqual({
      ...viewOnly,
      receivables: true,
    });
  });
});

describe('the matrix as a form', () => {
  const loaded = [
    { profileId: 'p1', profileName: 'Administrator', permissions: admin, saved: true },
    {
      profileId: 'p2',
      profileName: 'Sales',
      // As a server might store it: send without view.
      permissions: { ...viewOnly, invoice: { createEdit: false, view: false, sendEmail: true } },
      saved: false,
    },
  ];

  test('the draft starts consistent and unchanged', () => {
    const draft = draftMatrix(loaded);
    expect(draft[1]?.permissions.invoice.view).toBe(true);
    expect(matrixChanged({ draft, saved: loaded })).toBe(false);
  });

  test('a change is noticed, and undoing it is not a change', () => {
    const draft = draftMatrix(loaded);
    const changed = draft.map((row) =>
      row.profileId === 'p2'
        ? {
            ...row,
            permissions: setPermission({
              permissions: row.permissions,
              kind: 'quote',
              action: 'createEdit',
              value: true,
            }),
          }
        : row,
    );
    expect(matrixChanged({ draft: changed, saved: loaded })).toBe(true);
    const undone = changed.map((row, i) => ({
      ...row,
      permissions: draft[i]?.permissions ?? admin,
    }));
    expect(matrixChanged({ draft: undone, saved: loaded })).toBe(false);
  });

  test('key order does not make a difference', () => {
    const reordered = {
      receivables: true,
      invoice: admin.invoice,
      salesOrder: admin.salesOrder,
      quote: { sendEmail: true, view: true, createEdit: true },
    };
    expect(samePermissions(admin, reordered)).toBe(true);
  });

  test('counts the profiles still on the defaults', () => {
    expect(unsavedProfiles(loaded)).toBe(1);
  });
});
