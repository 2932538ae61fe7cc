import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { LoginThrottle } from './auth/throttle';
import { openDatabase } from './db/database';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed';
import { uuidv7 } from './ids';
import { consoleLogger as log } from './log';
import { scheduleCompaction } from './sync/compaction';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? join(repoRoot, 'data'));
const staticDir = resolve(process.env.STATIC_DIR ?? join(repoRoot, 'apps/web/build'));
const demo = process.env.KANJO_DEMO !== '0';
const publicUrl = process.env.PUBLIC_URL;

mkdirSync(dataDir, { recursive: true });
const { db, sqlite } = await openDatabase({ filename: join(dataDir, 'kanjo.sqlite') });
const seeded = demo ? await seedDemo(db, { now: new Date(), newId: () => uuidv7() }) : false;

const app = createApp({
  db,
  clock: () => new Date(),
  newId: () => uuidv7(),
  throttle: new LoginThrottle(),
  log,
  staticDir,
  allowedOrigins: publicUrl ? [new URL(publicUrl).origin] : [],
});

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const url = `http://${info.address === '::1' ? '[::1]' : info.address}:${info.port}`;
  log.info(`Kanjo is running at ${url}`);
  log.info(`API reference: ${url}/api/docs`);
  if (demo) {
    log.info(`Demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}${seeded ? ' (demo data created)' : ''}`);
  }
  log.info(`Data directory: ${dataDir}`);
});

const stopCompaction = scheduleCompaction({ db, clock: () => new Date(), log });

function shutdown(): void {
  stopCompaction();
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
