import { join } from 'node:path';
import { seedEmulator, serveEmulator, type ServedEmulator } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import * as v from 'valibot';
import type { Db } from '../db/database';
import type { Logger } from '../log';
import { connectCrm } from './connection';
import { loadConnectionRow } from './connection-store';
import { connectDemoWidget } from './panel';
import type { SecretBox } from './secret-box';
import { loadSyncSettings, saveSyncSettings } from './settings-store';

export interface EmbeddedEmulator {
  /** Where it listens, e.g. `http://127.0.0.1:8788`. */
  url: string;
  close(): Promise<void>;
}

export interface EmbeddedEmulatorOptions {
  /** Its SQLite lives at `dataDir/crm-emulator.sqlite`. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The Kanjo user whose organization gets connected, and who the CRM user will be. */
  demoEmail: string;
  deps: { db: Db; clock: () => Date; secrets: SecretBox; log: Logger };
  /** Where the emulator's Kanjo widget opens the CRM panel; without it, no widget. */
  publicUrl?: string;
}

/**
 * The embedded default: a Zoho CRM v8 emulator in this process, seeded with
 * demo data, and the demo organization connected to it through the same
 * `connectCrm` as the API (so verified and sealed). A taken port is a warning,
 * not a failure: Kanjo runs without it.
 *
 * @example
 * const crm = await startEmbeddedEmulator({ dataDir, port: 8788, demoEmail: DEMO_EMAIL, deps });
 * await crm?.close();
 */
export async function startEmbeddedEmulator(
  options: EmbeddedEmulatorOptions,
): Promise<EmbeddedEmulator | undefined> {
  const { deps } = options;
  const host = options.host ?? '127.0.0.1';
  const sqlite = new Database(join(options.dataDir, 'crm-emulator.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  // The app's clock: the CRM's times and Kanjo's agree (tests move both at once).
  const clock = deps.clock;
  let served: ServedEmulator;
  try {
    served = await serveEmulator({ db: sqlite, clock, port: options.port, host });
  } catch (caught) {
    sqlite.close();
    const error = caught as NodeJS.ErrnoException;
    // Only a system error from binding (taken port, unknown host) is a warning.
    if (typeof error.syscall !== 'string') throw error;
    const reason = error.code === 'EADDRINUSE' ? 'the port is taken' : error.message;
    deps.log.error(
      `Warning: the CRM emulator could not listen on ${host}:${options.port} (${reason}); Kanjo runs without it. Set CRM_EMULATOR_PORT to another port, or KANJO_CRM_EMULATOR=0.`,
    );
    return undefined;
  }
  const { app, url } = served;
  const hasRecords = sqlite.prepare('SELECT 1 FROM records LIMIT 1').get() !== undefined;
  if (!hasRecords) seedEmulator({ db: sqlite, clock, seed: 'demo' });

  const outcome = await connectDemo({ ...options, app, url }).catch(
    (error: unknown) =>
      `could not connect the demo organization: ${error instanceof Error ? error.message : String(error)}`,
  );
  deps.log.info(`CRM emulator (Zoho CRM v8) at ${url} — ${outcome}`);
  return {
    url,
    close: async () => {
      await served.close();
      sqlite.close();
    },
  };
}

const isLoopback = (hostname: string) =>
  hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';

const emulatorClientSchema = v.object({
  client_id: v.string(),
  client_secret: v.string(),
  refresh_token: v.string(),
});

async function connectDemo({
  deps,
  demoEmail,
  app,
  url,
  publicUrl,
}: EmbeddedEmulatorOptions & Pick<ServedEmulator, 'app' | 'url'>): Promise<string> {
  const options = (organizationId: string) => ({ deps, app, publicUrl, organizationId });
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('email', '=', demoEmail)
    .executeTakeFirst();
  if (!user) return `no demo user ${demoEmail} to connect`;
  const existing = await loadConnectionRow(deps.db, user.organization_id);
  // Connected elsewhere (a real CRM, or this emulator at this URL): leave it. Connected to
  // an emulator that now listens on another port: follow it, or the demo would break.
  const movedEmulator =
    existing !== undefined &&
    existing.api_domain !== url &&
    new URL(existing.api_domain).hostname === new URL(url).hostname &&
    isLoopback(new URL(url).hostname);
  if (existing && !movedEmulator) {
    // Ours only if it is this emulator: then its Kanjo widget follows this server's address.
    if (existing.api_domain === url) {
      await keepDemoRules(deps, user);
      await setUpWidget(options(user.organization_id));
    }
    return 'demo organization already connected';
  }
  const response = await app.request('/__emulator/clients', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoEmail }),
  });
  const client = v.parse(emulatorClientSchema, await response.json());
  await connectCrm({
    deps,
    organizationId: user.organization_id,
    userId: user.id,
    input: {
      email: demoEmail,
      apiDomain: url,
      accountsUrl: url,
      clientId: client.client_id,
      clientSecret: client.client_secret,
      refreshToken: client.refresh_token,
    },
  });
  await keepDemoRules(deps, user);
  await setUpWidget(options(user.organization_id));
  return 'demo organization connected';
}

/**
 * The demo comes ready to try: its sync rules are saved (the defaults), so it
 * is set up and syncs at once, where any other organization waits for an
 * admin to save its rules. Rules already saved are left as the admin made them.
 */
async function keepDemoRules(
  deps: EmbeddedEmulatorOptions['deps'],
  user: { id: string; organization_id: string },
): Promise<void> {
  const stored = await loadSyncSettings(deps.db, user.organization_id);
  if (stored.setUp) return;
  await saveSyncSettings(deps.db, {
    organizationId: user.organization_id,
    userId: user.id,
    now: deps.clock().toISOString(),
    settings: stored.settings,
  });
}

/**
 * The demo CRM shows Kanjo's panel on its records: a fresh panel secret,
 * handed to the emulator's widget setting with this server's panel URL.
 */
async function setUpWidget(args: {
  deps: EmbeddedEmulatorOptions['deps'];
  app: ServedEmulator['app'];
  publicUrl: string | undefined;
  organizationId: string;
}): Promise<void> {
  if (!args.publicUrl) return;
  await connectDemoWidget({
    db: args.deps.db,
    secrets: args.deps.secrets,
    organizationId: args.organizationId,
    publicUrl: args.publicUrl,
    emulator: args.app,
    now: args.deps.clock(),
  });
}
