import {
  kanjoCustomerFields,
  validateMapping,
  type CrmField as CoreCrmField,
  type CrmSyncSettings,
  type MappingProblem,
  type CrmCurrencyStatus,
  type CrmSyncSettingsView,
} from '@kanjo/core';
import type { Db } from '../db/database';
import { loadOrganization } from '../db/organizations';
import { ServiceError, notFound } from '../errors';
import { loadConnectionRow, type CrmConnectionRow } from './connection-store';
import { crmProviderFor, type CrmClientDeps } from './crm-clients';
import { crmCallsOn } from './settings-api-usage';
import type { CrmField, CrmMetadata } from './settings-metadata';
import { loadSyncSettings, saveSyncSettings } from './settings-store';
import { assertViewsExist } from './settings-views';
import { currentViewWaits, settleViewWaits } from './sync/view-waits';

/** What the CRM's currency allows. */
export type CurrencyStatus = CrmCurrencyStatus;

/** `GET /api/crm/settings`: the rules and everything the page shows around them. */
export type SyncSettingsView = CrmSyncSettingsView;

/** Something saved, but not everything could be checked. */
export interface SyncSettingsWarning {
  code: 'CRM_NOT_CHECKED';
  message: string;
}

export interface SyncSettingsDeps extends CrmClientDeps {
  metadata: CrmMetadata;
}

export function currencyStatus(
  organizationCurrency: string,
  connection: Pick<CrmConnectionRow, 'crm_currency' | 'crm_multi_currency'> | undefined,
): CurrencyStatus {
  if (!connection) {
    return {
      organization: organizationCurrency,
      crm: null,
      multiCurrency: null,
      twoWayAllowed: true,
    };
  }
  const crm = connection.crm_currency;
  const multiCurrency = connection.crm_multi_currency === 1;
  if (!multiCurrency || crm === organizationCurrency) {
    return { organization: organizationCurrency, crm, multiCurrency, twoWayAllowed: true };
  }
  return {
    organization: organizationCurrency,
    crm,
    multiCurrency,
    twoWayAllowed: false,
    message: `The CRM's base currency is ${crm} and Kanjo's is ${organizationCurrency}: with multi-currency on in the CRM, only fetching customers from the CRM is possible. Two-way customer sync and item sync need the same base currency on both sides.`,
  };
}

async function organizationOf(db: Db, organizationId: string) {
  const org = await loadOrganization(db, organizationId);
  if (!org) throw notFound('Organization');
  return org;
}

export async function syncSettingsView(
  deps: { db: Db; clock: () => Date },
  organizationId: string,
): Promise<SyncSettingsView> {
  const [stored, org, connection, usedToday] = await Promise.all([
    loadSyncSettings(deps.db, organizationId),
    organizationOf(deps.db, organizationId),
    loadConnectionRow(deps.db, organizationId),
    crmCallsOn(deps.db, organizationId, deps.clock()),
  ]);
  return {
    settings: stored.settings,
    setup: stored.setUp ? 'done' : 'pending',
    waitingViews: await currentViewWaits(deps.db, organizationId, stored.settings),
    paused: stored.pausedAt !== null,
    pausedAt: stored.pausedAt,
    updatedAt: stored.updatedAt,
    currency: currencyStatus(org.baseCurrency, connection),
    budget: { usedToday, limit: null },
  };
}

/** Two-way customers and item sync are refused when the currencies differ. */
function assertCurrencyAllows(settings: CrmSyncSettings, currency: CurrencyStatus): void {
  if (currency.twoWayAllowed) return;
  const refused = [
    ...(settings.customers.extent === 'both' ? ['customers.extent'] : []),
    ...(settings.items.mode !== 'off' ? ['items.mode'] : []),
  ];
  if (refused.length === 0) return;
  throw new ServiceError('conflict', 'CRM_CURRENCY_MISMATCH', currency.message ?? '', {
    crmCurrency: currency.crm,
    organizationCurrency: currency.organization,
    fields: refused,
  });
}

/** The CRM modules whose fields the chosen customer module maps. */
function mappedModules(settings: CrmSyncSettings): ('Accounts' | 'Contacts')[] {
  const { module } = settings.customers;
  if (module === 'accounts') return ['Accounts'];
  if (module === 'contacts') return ['Contacts'];
  return ['Accounts', 'Contacts'];
}

const toCore = (field: CrmField): CoreCrmField => ({
  apiName: field.apiName,
  dataType: field.dataType,
  length: field.length,
  readOnly: field.readOnly,
  ...(field.pickList ? { pickList: field.pickList.map((p) => p.value) } : {}),
});

/**
 * The CRM's fields for the mapped modules, or undefined when the CRM cannot be
 * asked because there is no enabled connection. A field the cached list lacks
 * triggers one fresh read: it may have been added in the CRM minutes ago.
 */
async function crmFieldsFor(
  deps: SyncSettingsDeps,
  organizationId: string,
  settings: CrmSyncSettings,
  connection: CrmConnectionRow | undefined,
): Promise<Partial<Record<'Accounts' | 'Contacts', CoreCrmField[]>> | undefined> {
  if (connection?.status !== 'connected') return undefined;
  const crm = () => crmProviderFor(deps, organizationId);
  const { accounts, linkedContacts, unlinkedContacts } = settings.customers.mapping;
  const mapped = {
    Accounts: accounts.map((m) => m.crm),
    Contacts: [...linkedContacts, ...unlinkedContacts].map((m) => m.crm),
  };
  const result: Partial<Record<'Accounts' | 'Contacts', CoreCrmField[]>> = {};
  for (const module of mappedModules(settings)) {
    let fields = await deps.metadata.fields({ organizationId, module, crm });
    const names = new Set(fields.map((f) => f.apiName));
    if (mapped[module].some((name) => !names.has(name))) {
      fields = await deps.metadata.fields({ organizationId, module, crm, refresh: true });
    }
    result[module] = fields.map(toCore);
  }
  return result;
}

/**
 * Checks and stores the organization's sync rules: 409 `CRM_CURRENCY_MISMATCH`
 * (a two-way rule the currencies do not allow), 400 `CRM_VIEW_NOT_FOUND` for a
 * view the CRM does not have, 400 `MAPPING_INVALID` with `details.problems`
 * (field pairs that cannot be mapped). Without an enabled
 * connection only Kanjo's side of the mapping is checked, and a warning says so.
 */
export async function updateSyncSettings(
  deps: SyncSettingsDeps,
  {
    organizationId,
    userId,
    settings,
  }: { organizationId: string; userId: string; settings: CrmSyncSettings },
): Promise<SyncSettingsView & { warnings: SyncSettingsWarning[] }> {
  const [org, connection] = await Promise.all([
    organizationOf(deps.db, organizationId),
    loadConnectionRow(deps.db, organizationId),
  ]);
  assertCurrencyAllows(settings, currencyStatus(org.baseCurrency, connection));

  if (connection?.status === 'connected') await assertViewsExist(deps, organizationId, settings);
  const crmFields = await crmFieldsFor(deps, organizationId, settings, connection);
  const problems: MappingProblem[] = validateMapping(settings, {
    crmFields: crmFields ?? {},
    kanjoFields: kanjoCustomerFields(org.customerFields),
  }).filter((problem) => crmFields !== undefined || problem.code !== 'UNKNOWN_CRM_FIELD');
  if (problems.length > 0) {
    throw new ServiceError('invalid', 'MAPPING_INVALID', 'Some field mappings cannot be used.', {
      problems,
    });
  }

  await saveSyncSettings(deps.db, {
    organizationId,
    userId,
    now: deps.clock().toISOString(),
    settings,
  });
  await settleViewWaits(deps.db, organizationId, settings);
  const warnings: SyncSettingsWarning[] =
    crmFields === undefined
      ? [
          {
            code: 'CRM_NOT_CHECKED',
            message:
              'Saved without an enabled CRM connection: the CRM side of the mapping is checked on the next save or sync.',
          },
        ]
      : [];
  return { ...(await syncSettingsView(deps, organizationId)), warnings };
}
