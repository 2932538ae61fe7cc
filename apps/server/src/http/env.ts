import type { CrmClients } from '../crm/crm-clients';
import type { SecretBox } from '../crm/secret-box';
import type { Db } from '../db/database';
import type { LoginThrottle } from '../auth/throttle';
import type { Session, SessionUser } from '../auth/session';
import type { Logger } from '../log';
import type { SyncNotifier } from '../sync/notifier';

/** What the app needs from the outside world; tests pass their own. */
export interface AppDeps {
  db: Db;
  /** The clock; tests pass a fixed or advancing one. */
  clock: () => Date;
  newId: () => string;
  throttle: LoginThrottle;
  log: Logger;
  /** The built PWA (apps/web/build); omitted in API-only tests. */
  staticDir?: string;
  /** Extra origins allowed to make state-changing requests (the public URL behind a proxy). */
  allowedOrigins?: string[];
  /** Pokes SSE clients when an organization's seq moves; createApp makes one if omitted. */
  syncNotifier?: SyncNotifier;
  /**
   * Seals CRM secrets at rest (R17). `main.ts` always passes one; without it the
   * CRM routes that need secrets answer 503 `CRM_SECRETS_UNAVAILABLE`.
   */
  secrets?: SecretBox;
  /** One Zoho client per organization; createApp makes one if omitted. */
  crmClients?: CrmClients;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser;
    session: Session;
  };
}
