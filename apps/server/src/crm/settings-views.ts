import type { CrmSyncSettings } from '@kanjo/core';
import { ServiceError } from '../errors';
import { crmProviderFor } from './crm-clients';
import type { CrmMetadataModule } from './settings-metadata';
import type { SyncSettingsDeps } from './sync-settings';

/** The CRM view each synced module is read through, when one is chosen. */
function chosenViews(settings: CrmSyncSettings): { module: CrmMetadataModule; id: string }[] {
  const chosen: { module: CrmMetadataModule; id: string | null }[] = [
    { module: 'Accounts', id: settings.customers.views.accounts },
    { module: 'Contacts', id: settings.customers.views.contacts },
    { module: 'Products', id: settings.items.view },
  ];
  return chosen.flatMap(({ module, id }) => (id === null ? [] : [{ module, id }]));
}

/**
 * Refuses, at save, a view the CRM does not have (400 `CRM_VIEW_NOT_FOUND`
 * naming the module and the view): stored, it would fail every run. A view
 * the cached list lacks triggers one fresh read, as it may be minutes old.
 * Only asked when the connection is enabled (the caller checks).
 *
 * @example await assertViewsExist(deps, organizationId, settings);
 */
export async function assertViewsExist(
  deps: SyncSettingsDeps,
  organizationId: string,
  settings: CrmSyncSettings,
): Promise<void> {
  const crm = () => crmProviderFor(deps, organizationId);
  for (const { module, id } of chosenViews(settings)) {
    const has = async (refresh: boolean) =>
      (await deps.metadata.views({ organizationId, module, crm, refresh })).some(
        (v) => v.id === id,
      );
    if ((await has(false)) || (await has(true))) continue;
    throw new ServiceError(
      'invalid',
      'CRM_VIEW_NOT_FOUND',
      `The CRM has no ${module} view with the id ${id}: choose one of its views again.`,
      {
        module,
        view: id,
        fields: [{ path: viewPath(module), message: `No such ${module} view.` }],
      },
    );
  }
}

function viewPath(module: CrmMetadataModule): string {
  if (module === 'Accounts') return 'settings.customers.views.accounts';
  if (module === 'Contacts') return 'settings.customers.views.contacts';
  return 'settings.items.view';
}
