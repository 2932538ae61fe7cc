/**
 * Messages of the CRM user's reach on Settings → CRM: the modules Kanjo
 * syncs that the connected CRM user's profile cannot use as needed. Spread
 * into `en`; `crm-reach.ja.ts` must have every key.
 */
export const crmReachEn = {
  'crmReach.heading': 'The CRM user cannot reach every module Kanjo uses',
  'crmReach.body':
    'Kanjo leaves a module out of its syncs while the CRM user lacks what that sync needs, and says so in the sync history.',
  'crmReach.fix':
    'In Zoho CRM, give the profile “{profile}” these permissions, then test the connection here.',
  'crmReach.fixNoProfile':
    'In Zoho CRM, give the CRM user’s profile these permissions, then test the connection here.',
  'crmReach.line': '{module}: cannot {actions}',
  'crmReach.checked': 'Checked {when}.',
  'crmReach.unreadableHeading': 'Kanjo could not read what the CRM user may do',
  'crmReach.unreadable':
    'The CRM answered: “{reason}”. Syncs go on with every module; test the connection again to check.',
  'crmReach.and': ', ',
  'crmReach.or': ' or ',
  'crmReach.action.view': 'view',
  'crmReach.action.create': 'create',
  'crmReach.action.edit': 'edit',
  'crmReach.module.Accounts': 'Accounts',
  'crmReach.module.Contacts': 'Contacts',
  'crmReach.module.Products': 'Products',
  'crmReach.module.Deals': 'Deals',
  'crmReach.module.Quotes': 'Quotes',
  'crmReach.module.Sales_Orders': 'Sales Orders',
  'crmReach.module.Invoices': 'Invoices',
} as const;

export type CrmReachMessageKey = keyof typeof crmReachEn;
