#!/usr/bin/env node
/**
 * `npm test` runs this first: it needs a few programs besides Node (the
 * system Chromium for the browser journeys, pdftotext to read
 * the PDFs back, PostgreSQL's server binaries for the server suite's second
 * run). When one is missing it stops at once with the command that installs
 * them, instead of failing deep in the run. Plain Node, no dependencies: it
 * runs before anything is built.
 */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const env = process.env;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(program) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, program)));
}

function postgresBinaries() {
  if (env.KANJO_POSTGRES_BIN) return executable(join(env.KANJO_POSTGRES_BIN, 'postgres'));
  const root = '/usr/lib/postgresql';
  return (
    existsSync(root) && readdirSync(root).some((v) => executable(join(root, v, 'bin', 'postgres')))
  );
}

const needs = [
  {
    what: 'Chromium (the browser journeys)',
    found: executable(env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    debian: 'chromium',
    instead: 'or set CHROMIUM_PATH to a Chromium binary',
  },
  {
    what: 'pdftotext (reads the PDFs back)',
    found: onPath('pdftotext'),
    debian: 'poppler-utils',
  },
  {
    what: "PostgreSQL's server binaries (the server suite's second run)",
    found: postgresBinaries(),
    debian: 'postgresql',
    instead: 'or set KANJO_POSTGRES_BIN to their directory',
  },
];

const missing = needs.filter((need) => !need.found);
if (missing.length > 0) {
  const lines = [
    'npm test needs programs this machine lacks:',
    ...missing.map((need) => `  - ${need.what}${need.instead ? ` (${need.instead})` : ''}`),
    '',
    'Install them with (Debian or Ubuntu):',
    '',
    `  sudo apt-get install -y ${missing.map((need) => need.debian).join(' ')}`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}
