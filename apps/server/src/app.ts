import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { requireUser } from './auth/middleware';
import { CrmClients } from './crm/crm-clients';
import { crmMetadataRoutes } from './crm/metadata-routes';
import { PdfRenderer } from './documents/pdf';
import { crmRoutes } from './crm/routes';
import { CrmMetadata } from './crm/settings-metadata';
import { crmSettingsRoutes } from './crm/sync-settings-routes';
import { crmAutomationRoutes } from './crm/automation/routes';
import { crmLookupRoutes } from './crm/lookup/routes';
import { CrmDirectory, crmPanelSettingsRoutes, panelFrameHeaders, panelRoutes } from './crm/panel';
import { CrmChannels } from './crm/notifications/crm-channels';
import { crmNotificationRoutes } from './crm/notifications/routes';
import { crmHistoryRoutes } from './crm/sync/history-routes';
import { crmLinkRepairRoutes } from './crm/sync/link-repair-routes';
import { crmConflictRoutes } from './crm/sync/conflicts-routes';
import { CrmSyncRunner } from './crm/sync/run';
import { crmSyncRoutes } from './crm/sync/routes';
import { authRoutes } from './http/auth';
import { health } from './http/health';
import { invitationRoutes } from './http/invitations';
import { mePasswordRoutes } from './http/me-password';
import { passwordResetRoutes } from './http/password-reset';
import { NON_PAGE_CONTENT_SECURITY_POLICY } from './http/content-security';
import { csrfGuard } from './http/csrf';
import type { AppDeps, AppEnv } from './http/env';
import { errorBody, errorHandler } from './http/errors';
import { meRoutes } from './http/me';
import { openApiRoutes } from './http/openapi';
import { organizationRoutes } from './http/organization';
import { documentEmailRoutes } from './http/document-email';
import { documentPdfRoutes } from './http/document-pdf';
import { receivablesRoutes } from './http/receivables';
import { resourceRoutes, resources } from './http/resources';
import { serveSpa } from './http/static';
import { userRoutes } from './http/users';
import { crmEditRule } from './crm/sync/edit-rule';
import { crmOutboxHook } from './crm/sync/outbox-hook';
import type { CrmPushTrigger } from './crm/sync/push-trigger';
import type { CommitSeam } from './mutations/committed';
import { conflictRoutes } from './sync/conflict-routes';
import { SyncNotifier } from './sync/notifier';
import { syncRoutes } from './sync/routes';

/**
 * Builds the whole HTTP app from its dependencies. Tests call `app.request()`
 * on it directly; `main.ts` serves it on a port.
 *
 * @example
 * const app = createApp({ db, clock: () => new Date(), newId: uuidv7, throttle: new LoginThrottle(), log });
 * const res = await app.request('/api/health');
 */
export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const syncNotifier = appDeps.syncNotifier ?? new SyncNotifier();
  const crmSyncRunner = appDeps.crmSyncRunner ?? new CrmSyncRunner();
  const crmChannels = appDeps.crmChannels ?? new CrmChannels();
  const deps: AppDeps = {
    ...appDeps,
    syncNotifier,
    crmClients: appDeps.crmClients ?? new CrmClients(),
    pdf: appDeps.pdf ?? new PdfRenderer(),
    crmSyncRunner,
    crmChannels,
  };
  listenToCommits(deps.commits, { syncNotifier, crmPush: deps.crmPush });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // Before secureHeaders, so it runs after it: only the CRM panel page may be framed (by the CRM).
  app.use(
    '*',
    panelFrameHeaders({
      extraAncestors: deps.panelFrameAncestors ?? [],
    }),
  );
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  // Pages get theirs from serveSpa (their inline boot script's hash); JSON answers run nothing.
  app.use('/api/*', async (c, next) => {
    await next();
    const json = c.res.headers.get('content-type')?.startsWith('application/json') === true;
    if (json && !c.res.headers.has('content-security-policy')) {
      c.res.headers.set('content-security-policy', NON_PAGE_CONTENT_SECURITY_POLICY);
    }
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) =>
        c.json(errorBody('PAYLOAD_TOO_LARGE', 'The request body is over 1 MiB.'), 413),
    }),
  );
  app.use('/api/*', csrfGuard({ allowedOrigins: deps.allowedOrigins ?? [] }));

  app.get('/api/health', (c) => health(c, deps.db));
  app.route('/api', openApiRoutes(app));
  app.route('/api/auth', authRoutes);
  app.route('/api/auth', passwordResetRoutes);

  for (const path of [
    '/api/me',
    '/api/me/*',
    '/api/users',
    '/api/users/*',
    '/api/invitations',
    '/api/invitations/*',
    '/api/organization',
    '/api/organization/*',
    '/api/sync/*',
    '/api/conflicts/*',
    '/api/crm/*',
  ]) {
    app.use(path, requireUser);
  }
  app.route('/api/me', meRoutes);
  app.route('/api/me', mePasswordRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api/invitations', invitationRoutes);
  app.route('/api/organization', organizationRoutes);
  app.route('/api/sync', syncRoutes({ notifier: syncNotifier }));
  app.route('/api/conflicts', conflictRoutes());
  // One cache of CRM fields and views for both: a save checks what the picker showed.
  const crmMetadata = new CrmMetadata(deps.clock);
  // A changed connection may be another CRM: forget what the old one said.
  app.use('/api/crm/connection/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.res.ok) crmMetadata.forget(c.var.user.organizationId);
  });
  // What the CRM should notify us of follows the connection, the rules and the pause switch.
  for (const path of [
    '/api/crm/connection',
    '/api/crm/connection/*',
    '/api/crm/settings',
    '/api/crm/pause',
    '/api/crm/resume',
  ]) {
    app.use(path, async (c, next) => {
      await next();
      if (c.req.method === 'GET' || !c.res.ok) return;
      const organizationId = c.var.user.organizationId;
      crmChannels.maintain(deps, organizationId).catch((error: unknown) =>
        deps.log.error('CRM notification channels not kept', {
          organizationId,
          error: String(error),
        }),
      );
    });
  }
  app.route('/api/crm', crmRoutes);
  // The CRM's profiles, read for the permissions page and for each panel request's defaults.
  const crmDirectory = new CrmDirectory();
  app.route('/api/crm', crmPanelSettingsRoutes({ directory: crmDirectory }));
  app.route('/api/crm', crmSettingsRoutes({ metadata: crmMetadata }));
  app.route('/api/crm', crmMetadataRoutes({ metadata: crmMetadata }));
  app.route('/api/crm', crmHistoryRoutes);
  app.route('/api/crm', crmLinkRepairRoutes);
  app.route('/api/crm', crmLookupRoutes({ metadata: crmMetadata }));
  app.route('/api/crm', crmAutomationRoutes());
  app.use('/api/customers/:id/receivables', requireUser);
  app.route('/api', receivablesRoutes);
  app.route('/api', documentPdfRoutes);
  for (const resource of resources) {
    app.use(`/api/${resource.path}`, requireUser);
    app.use(`/api/${resource.path}/*`, requireUser);
    app.route(`/api/${resource.path}`, resourceRoutes(resource));
  }
  app.route('/api/crm', crmConflictRoutes());
  app.route('/api', crmSyncRoutes({ runner: deps.crmSyncRunner }));

  // The CRM panel: no session; the CRM's signed query in X-Kanjo-Panel is the proof.
  app.route('/api/panel', panelRoutes({ directory: crmDirectory }));
  // Emailing documents (who may mark them sent may email them) and the mail outbox.
  app.route('/api', documentEmailRoutes());
  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND', 'No such API route.'), 404));
  // CRM callbacks: no session and no Origin (server to server); the channel token is the proof.
  app.route('/hooks/crm', crmNotificationRoutes({ runner: crmSyncRunner }));
  if (deps.staticDir) app.use('*', serveSpa(deps.staticDir));

  app.onError(errorHandler(deps.log));
  return app;
}

/**
 * The write path's hook and listeners, registered once per app: the CRM
 * outbox queues inside each write's transaction; after a commit, the
 * organization's open PWAs are poked to pull and the CRM push looks at the
 * outbox when Kanjo changed something the CRM may need.
 */
function listenToCommits(
  commits: CommitSeam,
  { syncNotifier, crmPush }: { syncNotifier: SyncNotifier; crmPush: CrmPushTrigger | undefined },
): void {
  commits.addHook(crmOutboxHook);
  commits.useEditRule(crmEditRule);
  syncNotifier.listenTo(commits);
  crmPush?.listenTo(commits);
}
