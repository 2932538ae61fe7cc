/**
 * Kanjo benchmarks: `npm run bench` runs every suite; `npm run bench -- sync`
 * (or `core`, `crm-sync`, `crm-notify`, `pdf`, `lists`, `scale`) runs one. Each prints its figures, goals and ratios. Never part
 * of `npm test`: performance is measured here, not asserted in unit tests.
 */
import { benchCore } from './core';
import { benchCrmNotify } from './crm-notify';
import { benchCrmSync } from './crm-sync';
import { benchLists } from './lists';
import { benchPdf } from './pdf';
import { benchScale } from './scale';
import { benchSync } from './sync';

const suites: Record<string, () => Promise<void>> = {
  core: benchCore,
  sync: benchSync,
  'crm-sync': benchCrmSync,
  'crm-notify': benchCrmNotify,
  pdf: benchPdf,
  lists: benchLists,
  scale: benchScale,
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!suites[name]) {
    console.error(`unknown suite "${name}"; choose from: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
}
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n# ${name}`);
  await run();
}
