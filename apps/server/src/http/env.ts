import type { CrmClients } from '../crm/crm-clients';
import type { CrmChannels } from '../crm/notifications/crm-channels';
import type { CrmPushTrigger } from '../crm/sync/push-trigger';
import type { CrmSyncRunner } from '../crm/sync/run';
import type { SecretBox } from '../crm/secret-box';
import type { PdfRenderer } from '../documents/pdf';
import type { Db } from '../db/database';
import type { LoginThrottle } from '../auth/throttle';
import type { Session, SessionUser } from '../auth/session';
import type { Logger } from '../log';
import type { MailTransport } from '../mail/transport';
import type { CommitSeam } from '../mutations/committed';
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
  /**
   * Where the CRM reaches this server (`PUBLIC_URL`): notification channels
   * call `<publicUrl>/hooks/crm/<organizationId>`. Without it, no channels are
   * made and the interval poll alone keeps Kanjo up to date.
   */
  publicUrl?: string;
  /** Origins besides the connected CRM's that may frame the CRM panel (`PANEL_FRAME_ANCESTORS`). */
  panelFrameAncestors?: string[];
  /**
   * Kanjo runs behind a reverse proxy that appends the client's address to
   * `X-Forwarded-For` (`TRUST_PROXY=1`): per-address limits read it from there.
   * Off, the TCP peer is the client.
   */
  trustProxy?: boolean;
  /**
   * Where account mail (password reset links) goes; from `SMTP_URL`/`MAIL_FROM`
   * unless given. Account mail is sent only through SMTP, never captured.
   */
  mail?: MailTransport;
  /** Extra origins allowed to make state-changing requests (the public URL behind a proxy). */
  allowedOrigins?: string[];
  /**
   * The write path's seam, one per app, shared with the CRM runs: createApp
   * registers the CRM outbox hook and the after-commit listeners on it.
   */
  commits: CommitSeam;
  /** Pokes SSE clients when an organization's seq moves; createApp makes one if omitted. */
  syncNotifier?: SyncNotifier;
  /**
   * Seals CRM secrets at rest. `main.ts` always passes one; without it the
   * CRM routes that need secrets answer 503 `CRM_SECRETS_UNAVAILABLE`.
   */
  secrets?: SecretBox;
  /** One Zoho client per organization; createApp makes one if omitted. */
  crmClients?: CrmClients;
  /** One reconciler lock per app, shared by the routes and the scheduler; createApp makes one if omitted. */
  crmSyncRunner?: CrmSyncRunner;
  /** Keeps CRM notification channels; createApp makes one if omitted (main.ts shares it with the scheduler). */
  crmChannels?: CrmChannels;
  /** Renders document PDFs off the event loop; createApp makes one if omitted (main.ts closes its own). */
  pdf?: PdfRenderer;
  /** Poked after every committed write the CRM may need; omitted (tests), no `push` runs are started. */
  crmPush?: CrmPushTrigger;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser;
    session: Session;
  };
}
