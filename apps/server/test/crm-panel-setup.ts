import { createHmac } from 'node:crypto';
import { panelSigningText, type PanelClaims, type PanelModule } from '@kanjo/core';
import { expect } from 'vitest';
import { Client, type SyncContext } from './crm-sync-setup';

/** Kanjo inside the CRM: a synced demo org, its panel secret and signed panel requests. */

/** The emulator's profiles (`/settings/profiles`). */
export const ADMINISTRATOR = '900000020';
export const STANDARD = '900000021';
export const SALES = '900000022';

export const LINE = { name: 'Consulting', quantity: '2', rate: 50000 };

export interface Panel {
  s: SyncContext;
  secret: string;
  /** The header value for these claims, signed with the org's secret (or `secret`). */
  sign(claims: Partial<PanelClaims>, secret?: string): string;
  /** A request to the panel API with a signed header. */
  call(
    method: string,
    path: string,
    claims: Partial<PanelClaims>,
    body?: unknown,
  ): ReturnType<Client['request']>;
  crmId(module: PanelModule, name: string): Promise<string>;
  customerId(name: string): Promise<string>;
}

/** A connected, synced demo org with a panel secret, made by the test file's `context`. */
export async function openPanel(
  context: (options: { seed: 'demo' }) => Promise<SyncContext>,
): Promise<Panel> {
  const s = await context({ seed: 'demo' });
  await s.sync();
  const made = await s.owner.post('/api/crm/panel/secret');
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const secret = String(made.json.secret);
  const now = () => Math.floor(s.t.clock.now().getTime() / 1000);
  const sign = (partial: Partial<PanelClaims>, key = secret) => {
    const claims: PanelClaims = {
      org: s.organizationId,
      module: 'Accounts',
      id: '0',
      user: 'u1',
      profile: ADMINISTRATOR,
      exp: now() + 300,
      ...partial,
    };
    const sig = createHmac('sha256', key).update(panelSigningText(claims)).digest('hex');
    return `${panelSigningText(claims)}&sig=${sig}`;
  };
  const anonymous = new Client(s.t.app);
  return {
    s,
    secret,
    sign,
    call: (method, path, claims, body) =>
      anonymous.request(method, `/api/panel${path}`, body, { 'x-kanjo-panel': sign(claims) }),
    async crmId(module, name) {
      const field = { Accounts: 'Account_Name', Contacts: 'Last_Name', Deals: 'Deal_Name' }[module];
      const found = await (await s.crm()).search(module, { criteria: `(${field}:equals:${name})` });
      const id = found.records[0]?.id;
      expect(id, name).toBeDefined();
      return String(id);
    },
    async customerId(name) {
      const id = (await s.customers()).find((c) => c.displayName === name)?.id;
      expect(id, name).toBeDefined();
      return String(id);
    },
  };
}
