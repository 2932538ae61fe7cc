import type { AuthStore } from './auth-store';
import type { Store, User } from './store';
import { toEpochSeconds } from './time';

/** Call counts by route, e.g. `GET /crm/v8/Accounts` → 12. */
export type CallStats = Map<string, number>;

/** What every route of one emulator instance shares; nothing lives at module level. */
export interface EmulatorContext {
  store: Store;
  auth: AuthStore;
  clock: () => Date;
  baseUrl: string;
  stats: CallStats;
}

export const nowSeconds = (ctx: EmulatorContext): number => toEpochSeconds(ctx.clock());

export type EmulatorEnv = { Variables: { user: User } };
