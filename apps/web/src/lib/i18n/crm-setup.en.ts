/**
 * Messages of the CRM setup state ("connected, not set up": nothing syncs until
 * the rules are first saved) and of modules waiting for a CRM view that is
 * gone. Spread into `en`; `crm-setup.ja.ts` must have every key.
 */
export const crmSetupEn = {
  'crmSetup.badge': 'Not set up yet',
  'crmSetup.heading': 'Connected — not set up yet',
  'crmSetup.body':
    'Nothing syncs yet: no automatic sync, no CRM notifications, no Sync now. Review the sync rules and save them; with automatic sync on, the first sync starts within a minute of that first save.',
  'crmSetup.firstSaved':
    'Sync rules saved. The CRM is set up: the first sync starts within a minute.',
  'crmSetup.firstSavedManual':
    'Sync rules saved. The CRM is set up; automatic sync is off, so start the first sync with Sync now in the sync history.',
  'crmSetup.statusBody': 'Nothing syncs until the rules below are saved once.',
  'crmSetup.toRules': 'Set up the sync rules',
  'crmSetup.rulesBody':
    'Nothing syncs until you save these rules for the first time. Review each step below, then save: with automatic sync on, the first sync starts within a minute.',
  'crmSetup.dryRunHint':
    'Before your first real run you can try a dry run: it shows what a sync would do under the rules as last saved (the defaults until you save) and changes nothing.',
  'crmSetup.dryRun': 'Dry run',
  'crmSetup.dryRunStarting': 'Starting…',
  'crmSetup.dryRunStarted': 'The dry run started.',
  'crmSetup.dryRunOpen': 'See what it would do',
  'crmSetup.dryRunFailed': 'The dry run could not start: {message}',
  'crmSetup.notSetUpError':
    'Nothing syncs until the sync rules are saved once. Open Settings → CRM → Sync rules and save them.',
  'crmSetup.waiting.heading': 'Waiting for a CRM view',
  'crmSetup.waiting.item':
    '{module}: the chosen CRM view ({view}) no longer exists in the CRM. {module} is left out of every sync until you choose another view (or All records) and save.',
  'crmSetup.waiting.field':
    'This view no longer exists in the CRM; {module} waits until you choose another one and save.',
  'crmSetup.module.Accounts': 'Accounts',
  'crmSetup.module.Contacts': 'Contacts',
  'crmSetup.module.Products': 'Products',
} satisfies Record<string, string>;

export type CrmSetupMessageKey = keyof typeof crmSetupEn;
