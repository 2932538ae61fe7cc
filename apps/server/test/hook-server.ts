import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { NotifiedRunQueue } from '../src/crm/notifications/queue';
import { crmNotificationRoutes } from '../src/crm/notifications/routes';
import type { CrmSyncRunner } from '../src/crm/sync/run';
import type { AppDeps, AppEnv } from '../src/http/env';
import type { SyncContext } from './crm-sync-setup';
import { useServersClosedAfterEach } from './servers';

/**
 * The CRM callback route served on its own port, so the emulator calls it
 * over real HTTP, with the app deps (and `publicUrl`) it runs with. Every
 * server a test file starts is closed after each test.
 *
 * @example const serveHooks = useHookServers(); … const { deps, hookUrl } = await serveHooks(s, { runner, queue });
 */
export function useHookServers() {
  const closeLater = useServersClosedAfterEach();
  return async (
    s: SyncContext,
    { runner, queue }: { runner: CrmSyncRunner; queue: NotifiedRunQueue },
  ): Promise<{ deps: AppDeps; publicUrl: string; hookUrl: string }> => {
    const holder: { deps?: AppDeps } = {};
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      if (holder.deps) c.set('deps', holder.deps);
      await next();
    });
    app.route('/hooks/crm', crmNotificationRoutes({ runner, queue }));
    const server = closeLater(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }));
    await new Promise<void>((resolve) => {
      if (server.listening) resolve();
      else server.once('listening', () => resolve());
    });
    const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const deps: AppDeps = { ...s.t.deps, publicUrl, crmSyncRunner: runner };
    holder.deps = deps;
    return { deps, publicUrl, hookUrl: `${publicUrl}/hooks/crm/${s.organizationId}` };
  };
}
