import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { seedEmulator, type SeedKind } from './seed';
import { serveEmulator } from './serve';

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

let filename = ':memory:';
if (values.data) {
  const dir = resolve(values.data);
  mkdirSync(dir, { recursive: true });
  filename = join(dir, 'crm-emulator.sqlite');
}
const db = new Database(filename);
db.pragma('journal_mode = WAL');
const clock = () => new Date();
const { app, url } = await serveEmulator({
  db,
  clock,
  port: Number(values.port),
  host: values.host,
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

say(`Zoho CRM v8 emulator at ${url} (web UI at /)`);
say(`  accounts URL: ${url}/oauth/v2/token   API: ${url}/crm/v8`);
say(`  client_id=${client.client_id ?? ''}`);
say(`  client_secret=${client.client_secret ?? ''}`);
say(`  refresh_token=${client.refresh_token ?? ''}`);
