import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { createEmulator } from './app';
import { seedEmulator, type SeedKind } from './seed';

/** The CLI prints to stdout directly: the emulator has no logger of its own. */
const say = (line: string) => process.stdout.write(`${line}\n`);

/** A bad flag ends the process with one clear line, not a stack trace. */
function fail(message: string): never {
  process.stderr.write(`crm-emulator: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    concurrency: { type: 'string', default: '10' },
    'credits-per-day': { type: 'string', default: '50000' },
    'search-delay': { type: 'string', default: '0' },
  },
});

function count(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, not ${raw}`);
  return n;
}

function seedKind(raw: string): SeedKind {
  if (raw === 'demo' || raw === 'empty') return raw;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) fail(`--seed must be demo, empty or a count, not ${raw}`);
  return n;
}

const port = Number(values.port);
const baseUrl = `http://${values.host}:${port}`;
let filename = ':memory:';
if (values.data) {
  const dir = resolve(values.data);
  mkdirSync(dir, { recursive: true });
  filename = join(dir, 'crm-emulator.sqlite');
}
const db = new Database(filename);
db.pragma('journal_mode = WAL');
const clock = () => new Date();
const app = createEmulator({
  db,
  clock,
  baseUrl,
  options: {
    concurrency: count('concurrency', values.concurrency),
    creditsPerDay: count('credits-per-day', values['credits-per-day']),
    searchDelaySeconds: count('search-delay', values['search-delay']),
  },
});

const hasRecords = db.prepare('SELECT 1 FROM records LIMIT 1').get() !== undefined;
if (!hasRecords) seedEmulator({ db, clock, seed: seedKind(values.seed) });

const client = (await (
  await app.request('/__emulator/clients', { method: 'POST' })
).json()) as Record<string, string>;

serve({ fetch: app.fetch, port, hostname: values.host }, () => {
  say(`Zoho CRM v8 emulator at ${baseUrl} (web UI at /)`);
  say(`  accounts URL: ${baseUrl}/oauth/v2/token   API: ${baseUrl}/crm/v8`);
  say(`  client_id=${client.client_id ?? ''}`);
  say(`  client_secret=${client.client_secret ?? ''}`);
  say(`  refresh_token=${client.refresh_token ?? ''}`);
});
