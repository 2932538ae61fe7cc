import type * as v from 'valibot';
import type { MutationName, mutationArgs } from '../mutations/args';

/**
 * What a client may send as a mutation's args: the schema's input type, so a
 * factory's overrides are checked field by field (a default may be left out).
 */
export type ArgsInput<N extends MutationName> = v.InferInput<(typeof mutationArgs)[N]>;
