import { describe, expect, it } from 'vitest';
import { withStageProbability } from './deal-stages';

describe('withStageProbability', () => {
  it.each([
    ['a new deal takes its stage’s default', { Stage: 'Qualification' }, undefined, 10],
    ['a new stage brings its default', { Stage: 'Closed Won' }, { Stage: 'Qualification' }, 100],
    ['Closed Lost means 0', { Stage: 'Closed Lost' }, { Stage: 'Closed Won' }, 0],
    ['a given probability wins', { Stage: 'Closed Won', Probability: 80 }, undefined, 80],
    ['a null probability is not given', { Stage: 'Needs Analysis', Probability: null }, {}, 20],
    [
      'the same stage keeps the stored one',
      { Stage: 'Qualification' },
      { Stage: 'Qualification', Probability: 33 },
      undefined,
    ],
    ['no stage, no change', { Amount: 5 }, { Stage: 'Qualification' }, undefined],
    ['an unknown stage brings nothing', { Stage: 'Custom' }, undefined, undefined],
  ])('%s', (_, patch, previous, expected) => {
    expect(withStageProbability({ patch, previous }).Probability).toBe(
      expected ?? (patch as Record<string, unknown>).Probability,
    );
  });
});
