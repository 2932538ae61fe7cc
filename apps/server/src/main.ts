import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { LoginThrottle } from './auth/throttle';
import { CrmClients } from './crm/crm-clients';
import { startEmbeddedEmulator, type EmbeddedEmulator } from './crm/embedded-emulator';
import { createSecretBox, loadSecretKey, SecretBoxError, type SecretBox } from './crm/secret-box';
import { CrmChannels } from './crm/notifications/crm-channels';
import { panelFrameAncestorsFrom } from './crm/panel';
import { CrmPushTrigger } from './crm/sync/push-trigger';
import { inProcessClaims, postgresRunClaims } from './crm/sync/run-claims';
import { CrmSyncRunner } from './crm/sync/run';
import { scheduleCrmSync } from './crm/sync/scheduler';
import { openConfiguredDatabase } from './db/database';
import { PdfRenderer } from './documents/pdf';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed';
import { uuidv7 } from './ids';
import { consoleLogger as log } from './log';
import { CommitSeam } from './mutations/committed';
import { CommitRelay } from './sync/commit-relay';
import { scheduleCompaction } from './sync/compaction';
import { SyncNotifier } from './sync/notifier';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? join(repoRoot, 'data'));
const staticDir = resolve(process.env.STATIC_DIR ?? join(repoRoot, 'apps/web/build'));
const demo = process.env.KANJO_DEMO !== '0';
const publicUrlEnv = process.env.PUBLIC_URL;
const crmEmulator = demo && process.env.KANJO_CRM_EMULATOR !== '0';
const crmEmulatorPort = Number(process.env.CRM_EMULATOR_PORT ?? 8788);
// Where CRM notifications call back; the embedded demo's CRM runs beside us, so our own address serves.
const publicUrl = publicUrlEnv ?? (demo ? localUrl(host, port) : undefined);

// Made owner-only when Kanjo creates it; an existing directory is left as its owner set it (its files are 0600).
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const secrets = openSecretBox();
// PostgreSQL when DATABASE_URL names one (several instances may share it), else the embedded SQLite file.
const databaseUrl = process.env.DATABASE_URL || undefined;
const database = await openConfiguredDatabase({
  databaseUrl,
  sqliteFile: join(dataDir, 'kanjo.sqlite'),
  poolSize: positiveInteger(process.env.DATABASE_POOL_SIZE),
});
const { db } = database;
// The write path's seam: createApp registers its listeners; the routes and the CRM runs write through it.
const commits = new CommitSeam(log);
const seeded = demo
  ? await seedDemo({ db, commits }, { now: new Date(), newId: () => uuidv7() })
  : false;

const clock = () => new Date();
// One runner and one seam, shared by the routes, the interval scheduler and the push trigger.
const crmDeps = {
  db,
  clock,
  newId: () => uuidv7(),
  log,
  secrets,
  crmClients: new CrmClients(),
  publicUrl,
  commits,
};
// Instances sharing PostgreSQL claim an organization's CRM run there; alone, the runner's own map suffices.
const runClaims = databaseUrl ? postgresRunClaims(databaseUrl) : inProcessClaims;
const crmSyncRunner = new CrmSyncRunner(runClaims);
const syncNotifier = new SyncNotifier();
// Other instances' commits poke this instance's event streams.
const relay = databaseUrl
  ? new CommitRelay({ url: databaseUrl, db, notifier: syncNotifier, log })
  : undefined;
relay?.listenTo(commits);
await relay?.start();
const crmChannels = new CrmChannels();
const crmSync = { deps: crmDeps, runner: crmSyncRunner };
const pdf = new PdfRenderer();
const crmPush = new CrmPushTrigger({ ...crmSync, delayMs: 5_000 });
const app = createApp({
  ...crmDeps,
  throttle: new LoginThrottle(),
  staticDir,
  allowedOrigins: publicUrlEnv ? [new URL(publicUrlEnv).origin] : [],
  trustProxy: process.env.TRUST_PROXY === '1',
  crmSyncRunner,
  crmChannels,
  crmPush,
  syncNotifier,
  pdf,
  panelFrameAncestors: panelFrameAncestorsFrom(process.env.PANEL_FRAME_ANCESTORS),
});
const embeddedCrm: EmbeddedEmulator | undefined = crmEmulator
  ? await startEmbeddedEmulator({
      dataDir,
      port: crmEmulatorPort,
      demoEmail: DEMO_EMAIL,
      deps: { db, clock, secrets, log },
      publicUrl,
    })
  : undefined;

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const url = `http://${info.address === '::1' ? '[::1]' : info.address}:${info.port}`;
  log.info(`Kanjo is running at ${url}`);
  log.info(`API reference: ${url}/api/docs`);
  if (demo) {
    log.info(`Demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}${seeded ? ' (demo data created)' : ''}`);
  }
  log.info(`Data directory: ${dataDir}`);
  log.info(`Database: ${database.description}`);
  log.info(
    publicUrl
      ? `CRM notifications call back to ${publicUrl}/hooks/crm/…`
      : 'PUBLIC_URL is not set: no CRM notifications, the interval poll keeps Kanjo up to date',
  );
});

const stopCompaction = scheduleCompaction({ db, clock: () => new Date(), log });
// A minute unless told: journeys shorten it to see what the interval poll does without waiting minutes.
const tickEnv = Number(process.env.CRM_SYNC_TICK_MS);
const crmTickMs = Number.isInteger(tickEnv) && tickEnv >= 100 ? tickEnv : 60_000;
const crmScheduler = scheduleCrmSync({ ...crmSync, channels: crmChannels, everyMs: crmTickMs });
// At once, not a minute from now: due syncs run and notification channels are made.
crmScheduler
  .tick()
  .catch((error: unknown) => log.error('CRM sync tick failed', { error: String(error) }));

function shutdown(): void {
  stopCompaction();
  crmScheduler.stop();
  crmPush.stop();
  server.close(() => {
    void Promise.all([embeddedCrm?.close(), pdf.close(), relay?.close(), runClaims.close()])
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}

/** The CRM secrets key: a bad `KANJO_SECRET_KEY` stops the start with a clear message. */
function openSecretBox(): SecretBox {
  try {
    const loaded = loadSecretKey({ envKey: process.env.KANJO_SECRET_KEY, dataDir });
    if (loaded.source === 'new-file') log.info(`Generated the CRM secrets key at ${loaded.file}`);
    return createSecretBox(loaded.key);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    log.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
}
/** A positive integer setting, or undefined when unset or not one. */
function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** `http://host:port`, with a wildcard bind address read as loopback and IPv6 in brackets. */
function localUrl(bindHost: string, bindPort: number): string {
  const name = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost === '::' ? '::1' : bindHost;
  return `http://${name.includes(':') ? `[${name}]` : name}:${bindPort}`;
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
