import fc from 'fast-check';
import { describe, it } from 'vitest';
import { runConvergence, step } from './convergence-model';
import { makeTestApp } from './helpers';

describe('convergence', () => {
  it('brings every device to the server’s state after duplicated, reordered, lost and partial pushes and pulls', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const t = await makeTestApp();
        await runConvergence({ app: t.app, db: t.db, now: t.clock.now }, steps);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
