/** Zoho's default Deals stages, in pipeline order. */
export const dealStages = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
  'Closed Lost to Competition',
] as const;

export type DealStage = (typeof dealStages)[number];

/** Zoho's default Stage-Probability mapping (Setup → Modules → Deals → Stage-Probability Mapping). */
export const stageProbability: Readonly<Record<DealStage, number>> = {
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 40,
  'Id. Decision Makers': 60,
  'Perception Analysis': 75,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
  'Closed Lost to Competition': 0,
};

/** The default probability of a stage, or undefined for a stage the mapping does not know. */
export const probabilityOf = (stage: unknown): number | undefined =>
  Object.entries(stageProbability).find(([name]) => name === stage)?.[1];

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * A deal write with the probability its stage brings: when the write sets or changes `Stage`
 * and gives no `Probability` of its own, the stage's default is stored, as Zoho does for
 * every write (API, UI, import). `previous` is the stored deal's data on an update.
 *
 * @example
 * withStageProbability({ patch: { Stage: 'Closed Won' }, previous: { Stage: 'Qualification' } });
 * // → { Stage: 'Closed Won', Probability: 100 }
 */
export function withStageProbability(args: {
  patch: Record<string, unknown>;
  previous?: Record<string, unknown>;
}): Record<string, unknown> {
  const { patch, previous } = args;
  if (patch.Stage === undefined || patch.Stage === previous?.Stage) return patch;
  if (given(patch.Probability)) return patch;
  const probability = probabilityOf(patch.Stage);
  return probability === undefined ? patch : { ...patch, Probability: probability };
}
