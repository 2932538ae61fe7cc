import type { Db } from '../../db/database';
import type { SecretBox } from '../secret-box';
import { rotatePanelSecret } from './secret-store';

/** What the emulator needs: its control API (`PUT /__emulator/widget`). */
export interface EmulatorControl {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/**
 * Sets the embedded emulator's Kanjo widget for the demo organization, as an
 * admin would by hand: a fresh panel secret (the only moment it is readable)
 * pasted with the panel URL into the CRM's widget setting.
 *
 * @example
 * await connectDemoWidget({ db, secrets, organizationId, publicUrl, emulator: app, now: new Date() });
 */
export async function connectDemoWidget(args: {
  db: Db;
  secrets: SecretBox;
  organizationId: string;
  publicUrl: string;
  emulator: EmulatorControl;
  now: Date;
}): Promise<void> {
  const { secret } = await rotatePanelSecret({
    db: args.db,
    secrets: args.secrets,
    organizationId: args.organizationId,
    now: args.now.toISOString(),
  });
  const panelUrl = `${args.publicUrl.replace(/\/+$/, '')}/crm-panel?org=${encodeURIComponent(args.organizationId)}`;
  const res = await args.emulator.request('/__emulator/widget', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ panelUrl, secret }),
  });
  if (!res.ok) throw new Error(`the emulator refused the widget setting (${res.status})`);
}
