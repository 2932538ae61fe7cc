import type { ArgsInput } from './args';

export type ItemCreateArgs = ArgsInput<'item.create'>;

/** Args of a valid `item.create`: one hour of consulting at 10,000 minor units. */
export function itemArgs(overrides: Partial<ItemCreateArgs> = {}): ItemCreateArgs {
  return { name: 'Consulting', rate: 10000, unit: 'hour', ...overrides };
}
