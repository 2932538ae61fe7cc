import type { Db } from '../../db/database';
import { connectedOrganizationIds } from '../connection-store';
import { organizationsWithChannels } from '../notifications/channel-store';
import { CrmChannels } from '../notifications/crm-channels';
import type { ChannelDeps } from '../notifications/maintain';
import { crmSyncState, syncRefusal } from '../settings-store';
import type { CrmSyncDeps, CrmSyncRunner } from './run';
import type { RunTrigger } from './run-store';

const MINUTE_MS = 60_000;

export interface AutomaticSyncOptions {
  deps: CrmSyncDeps & ChannelDeps;
  runner: CrmSyncRunner;
  /** Keeps notification channels; `scheduleCrmSync` makes one per scheduler when omitted. */
  channels?: CrmChannels;
}

/**
 * Whether automatic sync (interval or push) may run for the organization now:
 * every run's gate lets it (connected, not disabled, not paused, set up) and
 * `automatic.enabled`. Read fresh, so a pause takes effect on the very next
 * tick without any CRM call.
 */
export async function automaticSyncAllowed(db: Db, organizationId: string) {
  const state = await crmSyncState(db, organizationId);
  const allowed = syncRefusal(state) === undefined;
  return allowed && state.settings.automatic.enabled ? state.settings.automatic : undefined;
}

/**
 * Starts an automatic run unless one is going; resolves when it ends. Refusals
 * and failures are logged: nobody is waiting on an automatic run.
 */
export async function startAutomaticRun(
  { deps, runner }: AutomaticSyncOptions,
  organizationId: string,
  trigger: Extract<RunTrigger, 'interval' | 'push'>,
): Promise<string | undefined> {
  try {
    const started = await runner.start({ deps, organizationId, trigger });
    if (started.alreadyRunning) return undefined;
    await started.done;
    return started.runId;
  } catch (error) {
    deps.log.error('automatic CRM sync not started', {
      organizationId,
      trigger,
      error: String(error),
    });
    return undefined;
  }
}

/**
 * One pass of the interval scheduler: every organization whose automatic sync
 * is allowed and whose last (non-dry) run started at least `intervalMinutes`
 * ago, or never, gets an `interval` run; beside them, every connected
 * organization's notification channels are kept (and those of organizations
 * no longer connected removed). Resolves when all of it ends.
 *
 * @example const { started } = await tickCrmSync({ deps, runner });
 */
export async function tickCrmSync(options: AutomaticSyncOptions): Promise<{ started: string[] }> {
  const { db, clock } = options.deps;
  const connected = await connectedOrganizationIds(db);
  const now = clock().getTime();
  const due: string[] = [];
  for (const organizationId of connected) {
    const automatic = await automaticSyncAllowed(db, organizationId);
    if (!automatic || options.runner.current(organizationId)) continue;
    const last = await lastRunStart(db, organizationId);
    if (last === undefined || now - Date.parse(last) >= automatic.intervalMinutes * MINUTE_MS) {
      due.push(organizationId);
    }
  }
  const kept = keepChannels(options, [
    ...new Set([...connected, ...(await organizationsWithChannels(db))]),
  ]);
  const runs = await Promise.all(due.map((id) => startAutomaticRun(options, id, 'interval')));
  await kept;
  return { started: runs.filter((id): id is string => id !== undefined) };
}

/** Channel upkeep never fails a tick: a CRM that refuses today is asked again next minute. */
async function keepChannels(options: AutomaticSyncOptions, organizationIds: string[]) {
  const channels = options.channels ?? new CrmChannels();
  await Promise.all(
    organizationIds.map((organizationId) =>
      channels.maintain(options.deps, organizationId).catch((error: unknown) =>
        options.deps.log.error('CRM notification channels not kept', {
          organizationId,
          error: String(error),
        }),
      ),
    ),
  );
}

/**
 * Runs that read only some records do not count: a steady stream of notified
 * runs must not postpone the poll that catches what a lapsed channel missed.
 */
const PARTIAL_TRIGGERS: RunTrigger[] = ['notification', 'import', 'resync', 'link'];

async function lastRunStart(db: Db, organizationId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('crm_runs')
    .select((eb) => eb.fn.max('started_at').as('last'))
    .where('organization_id', '=', organizationId)
    .where('dry_run', '=', 0)
    .where('trigger', 'not in', PARTIAL_TRIGGERS)
    .executeTakeFirst();
  return row?.last ?? undefined;
}

/**
 * The interval scheduler: a tick every minute (unref'd, so it never holds the
 * process). `tick` is exposed so tests drive it without timers.
 *
 * @example
 * const scheduler = scheduleCrmSync({ deps, runner });
 * process.on('SIGTERM', scheduler.stop);
 */
export function scheduleCrmSync(options: AutomaticSyncOptions & { everyMs?: number }): {
  tick: () => Promise<{ started: string[] }>;
  stop: () => void;
} {
  // One maintainer for all ticks: a slow tick's channel pass never overlaps the next one's.
  const channels = options.channels ?? new CrmChannels();
  const tick = () => tickCrmSync({ ...options, channels });
  const timer = setInterval(() => {
    tick().catch((error: unknown) =>
      options.deps.log.error('CRM sync tick failed', { error: String(error) }),
    );
  }, options.everyMs ?? MINUTE_MS);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
