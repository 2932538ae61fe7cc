#!/usr/bin/env node
/**
 * `npm start`: builds the PWA (turbo keeps the build, so a second start is
 * quick) without printing turbo's banner, summary or telemetry notice, then
 * runs the server, whose own lines say where Kanjo runs and how to sign in.
 * The build's output is shown only when it fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const windows = process.platform === 'win32';
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  TURBO_PRINT_VERSION_DISABLED: '1',
};

process.stdout.write('Building the Kanjo app…\n');
const build = spawnSync(
  'npx',
  ['turbo', 'run', 'build', '--filter=@kanjo/web', '--output-logs=errors-only'],
  { cwd: root, env, encoding: 'utf8', shell: windows },
);
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(build.error ? `${build.error.message}\n` : '');
  process.exit(build.status ?? 1);
}

// Node itself with tsx's loader, not `npm run`: a stop signal reaches the server directly.
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
