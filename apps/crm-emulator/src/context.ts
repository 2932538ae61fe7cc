import type { AuthStore } from './auth-store';
import type { CreditMeter } from './credits';
import type { CustomFields } from './custom-fields';
import type { CustomViews } from './custom-views';
import type { Faults } from './faults';
import type { Notifier } from './notifications/notifier';
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
  customFields: CustomFields;
  customViews: CustomViews;
  /** Limits and faults a test can set and watch; beyond what Zoho's wire shows. */
  limits: EmulatorLimits;
  /** Sends `/actions/watch` callbacks for committed record writes. */
  notifications: Notifier;
}

export interface EmulatorLimits {
  credits: CreditMeter;
  faults: Faults;
  /** Records modified this recently are not yet searchable (Zoho indexes with a delay). */
  searchDelaySeconds: number;
  /** The most `/crm/*` requests seen in flight at once. */
  peakInFlight: number;
  /**
   * `/crm/*` requests in flight now, including those whose caller has gone
   * (a killed client's write still lands when its handler ends).
   */
  inFlight: number;
}

export const nowSeconds = (ctx: EmulatorContext): number => toEpochSeconds(ctx.clock());

export type EmulatorEnv = { Variables: { user: User } };
