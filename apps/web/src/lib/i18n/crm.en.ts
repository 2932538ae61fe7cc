/**
 * Messages of the CRM connection page. Spread into `en` (so
 * `MessageKey` covers them); `crm.ja.ts` must have every key.
 */
export const crmEn = {
  'crm.title': 'CRM',
  'crm.intro':
    'Connect Kanjo to Zoho CRM so customers, items and documents stay in step in both places.',
  'crm.settingsLink': 'CRM connection',
  'crm.settingsLinkHint': 'Connect Zoho CRM, update its credentials or pause syncing.',
  'crm.loading': 'Loading the CRM connection…',
  'crm.loadOffline': 'You are offline; the CRM connection status needs the network.',
  'crm.loadFailed': 'The CRM connection status could not be loaded.',
  'crm.retry': 'Try again',
  'crm.readOnly': 'Only owners and admins can change the CRM connection.',

  'crm.status.heading': 'Connection',
  'crm.status.none': 'Not connected',
  'crm.status.connected': 'Connected',
  'crm.status.disabled': 'Disabled',
  'crm.status.noneBody':
    'Kanjo is not connected to a CRM. Your customers, items and documents stay in Kanjo only.',
  'crm.status.disabledBody':
    'All CRM work is stopped. Data and links are kept; enable the connection to resume where it stopped.',
  'crm.status.provider': 'CRM',
  'crm.status.zoho': 'Zoho CRM',
  'crm.status.organization': 'CRM organization',
  'crm.status.currency': 'Base currency',
  'crm.status.multiCurrency': 'Multi-currency',
  'crm.status.on': 'On',
  'crm.status.off': 'Off',
  'crm.status.crmUser': 'CRM user',
  'crm.status.connectedBy': 'Connected by',
  'crm.status.connectedByAt': '{email}, {when}',
  'crm.status.lastVerified': 'Last verified',
  'crm.status.neverVerified': 'Not yet',
  'crm.status.disabledAt': 'Disabled since',

  'crm.action.label': 'Connection actions',
  'crm.action.test': 'Test connection',
  'crm.action.testing': 'Testing…',
  'crm.action.disable': 'Disable',
  'crm.action.disabling': 'Disabling…',
  'crm.action.disableHint': 'All CRM work stops at once; data and links are kept.',
  'crm.action.enable': 'Enable',
  'crm.action.enabling': 'Enabling…',
  'crm.action.enableHint': 'CRM work resumes where it stopped.',
  'crm.action.update': 'Update credentials',
  'crm.action.disconnect': 'Disconnect',

  'crm.notice.tested': 'The connection works: the CRM accepted the credentials.',
  'crm.notice.connected': 'Connected to {organization}.',
  'crm.notice.updated': 'Credentials saved and checked with {organization}.',
  'crm.notice.disabled': 'The CRM connection is disabled. Nothing is sent to or read from the CRM.',
  'crm.notice.enabled': 'The CRM connection is enabled again.',
  'crm.notice.disconnected': 'Kanjo is no longer connected to the CRM.',

  'crm.disconnect.title': 'Disconnect the CRM?',
  'crm.disconnect.body':
    'Kanjo deletes the stored credentials and stops all CRM work. Nothing is deleted in the CRM, and your customers, items and documents stay in Kanjo. To sync again, connect once more on this page.',
  'crm.disconnect.confirm': 'Disconnect',
  'crm.disconnect.busy': 'Disconnecting…',
  'crm.disconnect.cancel': 'Cancel',

  'crm.form.connectTitle': 'Connect Zoho CRM',
  'crm.form.updateTitle': 'Update credentials',
  'crm.form.email': "CRM user's email",
  'crm.form.emailHint':
    'Records Kanjo creates in the CRM are owned by this user. It must be the user the credentials belong to.',
  'crm.form.accountsUrl': 'Zoho data centre (accounts URL)',
  'crm.form.accountsUrlHint': 'Where your Zoho account lives: the address you sign in to Zoho at.',
  'crm.form.accountsOther': 'Other (e.g. the emulator)',
  'crm.form.accountsUrlOther': 'Accounts URL',
  'crm.form.accountsUrlOtherHint': 'The full address, e.g. http://localhost:8790.',
  'crm.form.apiDomain': 'API domain',
  'crm.form.apiDomainHint': "From the token response's api_domain, e.g. https://www.zohoapis.com.",
  'crm.form.clientId': 'Client ID',
  'crm.form.clientIdHint': 'Shown on the Self Client in the Zoho API console.',
  'crm.form.clientSecret': 'Client secret',
  'crm.form.clientSecretHint': 'Shown next to the Client ID on the Self Client.',
  'crm.form.keepCurrent': 'Leave empty to keep the current one.',
  'crm.form.show': 'Show',
  'crm.form.hide': 'Hide',
  'crm.form.showSecret': 'Show client secret',
  'crm.form.tokenKind': 'Which key do you have?',
  'crm.form.haveRefreshToken': 'I have a refresh token',
  'crm.form.haveGrantCode': 'I have a grant code (expires in minutes)',
  'crm.form.refreshToken': 'Refresh token',
  'crm.form.refreshTokenHint': 'A long-lived token from exchanging a grant code yourself.',
  'crm.form.grantCode': 'Grant code',
  'crm.form.grantCodeHint':
    'Kanjo exchanges it for a refresh token at once. Generate it just before you submit: it expires within minutes.',
  'crm.form.submitConnect': 'Connect',
  'crm.form.submitUpdate': 'Save credentials',
  'crm.form.submitting': 'Checking with the CRM…',
  'crm.form.cancel': 'Cancel',
  'crm.form.hostChangeNote':
    'The stored client secret and refresh token are only ever sent to the accounts URL and API domain they were saved for. Changing either needs them entered again.',
  'crm.form.secretsForNewHost':
    'The address changed: enter it again. The stored one is never sent to a new address.',
  'crm.form.newHostsAlert':
    'You changed the accounts URL or API domain: enter the client secret and a refresh token or grant code again.',

  'crm.help.title': 'Where do I find these?',
  'crm.help.step1':
    'Open the Zoho API console at api-console.zoho.com (on your data centre, e.g. api-console.zoho.eu) and add a Self Client.',
  'crm.help.step2': 'Copy its Client ID and Client secret into this form.',
  'crm.help.step3': 'On the “Generate Code” tab, enter these scopes:',
  'crm.help.scopesLabel': 'Scopes to enter (all of them, separated by commas)',
  'crm.help.scopesWhy': 'What each scope is for',
  'crm.help.scope.modules':
    'reads and writes Accounts, Contacts and Products, reads Deals, and writes Quotes, Sales Orders and Invoices',
  'crm.help.scope.settings':
    'reads the CRM’s fields and picklists, layouts, custom views, profiles and currencies',
  'crm.help.scope.users': 'reads the connecting CRM user and the active users who own records',
  'crm.help.scope.org': 'reads the CRM organization: its name, base currency, time zone and taxes',
  'crm.help.scope.notifications': 'subscribes to and renews the CRM’s change notifications',
  'crm.help.scope.coql': 'finds products by name or code before creating one',
  'crm.help.step4':
    'Pick a time duration, create the code, and paste it here as a grant code straight away.',
  'crm.help.step5':
    'Use the email of the CRM user who created the Self Client. A non-admin CRM user can connect with credentials the CRM admin hands over.',

  'crm.dc.us': 'United States (accounts.zoho.com)',
  'crm.dc.eu': 'Europe (accounts.zoho.eu)',
  'crm.dc.in': 'India (accounts.zoho.in)',
  'crm.dc.au': 'Australia (accounts.zoho.com.au)',
  'crm.dc.jp': 'Japan (accounts.zoho.jp)',
  'crm.dc.ca': 'Canada (accounts.zohocloud.ca)',
  'crm.dc.sa': 'Saudi Arabia (accounts.zoho.sa)',
  'crm.dc.cn': 'China (accounts.zoho.com.cn)',

  'crm.validation.url':
    'Enter a full address starting with https:// (or http:// for a local emulator).',
  'crm.validation.secretForNewHost':
    'Required when the accounts URL or API domain changes: the stored one stays with the old address.',

  'crm.error.authFailed': 'The CRM refused these credentials: {message}',
  'crm.error.scopeMissing':
    'The Zoho grant lacks the OAuth scopes Kanjo needs: {scopes}. Generate a new grant code (or refresh token) with every scope listed under “Where do I find these?”, then connect again. Nothing was saved.',
  'crm.error.userMismatch':
    'These credentials belong to a different CRM user than {email}. Enter that user’s email, or credentials issued for {email}.',
  'crm.error.unavailable':
    'Could not reach the CRM at {hosts}. Check the accounts URL and API domain, or try again in a few minutes.',
  'crm.error.offline': 'You are offline; connecting needs the network.',
  'crm.error.offlineAction': 'You are offline; this needs the network.',
  'crm.error.notConnected':
    'Kanjo is no longer connected to the CRM; someone may have just disconnected it.',
  'crm.error.secretsRequired':
    'Changing the accounts URL or API domain needs the client secret and a refresh token or grant code again: the stored ones are only ever sent to the address they were saved for.',
  'crm.error.secretsHostMismatch':
    'The stored secrets belong to another address than the connection shows, so Kanjo does not use them. Update the credentials with the client secret and a refresh token.',

  'crm.audit.title': 'Change history',
  'crm.audit.intro':
    'Every change to the connection: who, when and which fields. Secret values are never recorded. When an admin changes it, the owner gets an email.',
  'crm.audit.loading': 'Loading the change history…',
  'crm.audit.loadFailed': 'The change history could not be loaded.',
  'crm.audit.retry': 'Try again',
  'crm.audit.empty': 'No changes recorded yet.',
  'crm.audit.fields': 'Fields: {fields}',
  'crm.audit.by': 'by {who}',
  'crm.audit.byServer': 'by Kanjo itself',
  'crm.audit.from': 'from {address}',
  'crm.audit.action.connect': 'Connected',
  'crm.audit.action.change': 'Changed',
  'crm.audit.action.secrets_replaced': 'Secrets replaced',
  'crm.audit.action.disable': 'Disabled',
  'crm.audit.action.enable': 'Enabled again',
  'crm.audit.action.verify': 'Tested',
  'crm.audit.action.remove': 'Disconnected',
  'crm.audit.action.host_change_refused': 'Refused: new address without the secrets',
} satisfies Record<string, string>;

export type CrmMessageKey = keyof typeof crmEn;
