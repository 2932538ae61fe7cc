/**
 * Messages of the CRM sync-rules page. Spread into `en`
 * (so `MessageKey` covers them); `crm-sync.ja.ts` must have every key.
 */
export const crmSyncEn = {
  'crmSync.title': 'Sync rules',
  'crmSync.intro':
    'Choose what Kanjo and the CRM keep in step and how. Work through the steps in order, then save. Nothing changes until you save.',
  'crmSync.back': 'CRM connection',
  'crmSync.link': 'Sync rules',
  'crmSync.linkHint':
    'Choose which CRM records become customers and items, how fields match, and how often to sync.',
  'crmSync.loading': 'Loading the sync rules…',
  'crmSync.loadOffline': 'You are offline; the sync rules need the network.',
  'crmSync.loadFailed': 'The sync rules could not be loaded.',
  'crmSync.notConnected':
    'Kanjo is not connected to a CRM yet. Connect it first, then come back here.',
  'crmSync.toConnection': 'Go to the CRM connection',
  'crmSync.retry': 'Try again',
  'crmSync.readOnly': 'Only owners and admins can change the sync rules. You can see them here.',
  'crmSync.step': 'Step {n} of {total}',
  'crmSync.lastSaved': 'Last saved {when}.',

  'crmSync.status.heading': 'Sync status',
  'crmSync.status.running': 'Running',
  'crmSync.status.paused': 'Paused',
  'crmSync.status.pausedSince': 'Paused since {when}. Nothing is sent to or fetched from the CRM.',
  'crmSync.status.runningBody': 'Kanjo syncs with the CRM under the rules below.',
  'crmSync.status.pause': 'Pause sync',
  'crmSync.status.pausing': 'Pausing…',
  'crmSync.status.resume': 'Resume sync',
  'crmSync.status.resuming': 'Resuming…',
  'crmSync.status.pauseHint':
    'Takes effect at once, without saving. Changes made meanwhile wait and are synced on resume.',
  'crmSync.budget': 'CRM API calls used today',
  'crmSync.budgetOf': '{used} of {limit}',
  'crmSync.budgetNoLimit': '{used} (no daily limit known)',

  'crmSync.currency.heading': 'Currencies do not match',
  'crmSync.currency.fallback':
    'The CRM uses several currencies and its base currency ({crm}) differs from Kanjo’s ({organization}). Only fetching customers from the CRM is possible.',
  'crmSync.currency.consequence':
    '“Sync both ways” and item sync are unavailable until the base currencies match.',
  'crmSync.currency.choiceRefused':
    'Not available while the base currencies differ; choose another option.',

  'crmSync.customers.heading': 'Customers',
  'crmSync.customers.intro': 'Which CRM records become Kanjo customers, and how.',
  'crmSync.module.legend': 'Sync customers from',
  'crmSync.module.accounts': 'Accounts',
  'crmSync.module.accountsBody':
    'Each CRM account becomes a business customer. Contacts are not synced.',
  'crmSync.module.contacts': 'Contacts',
  'crmSync.module.contactsBody':
    'Each CRM contact becomes an individual customer, named from first and last name.',
  'crmSync.module.accountsAndContacts': 'Accounts and their Contacts',
  'crmSync.module.accountsAndContactsBody':
    'Each account becomes a business customer, and the contacts linked to it become its contact persons.',
  'crmSync.includeUnlinked': 'Also sync Contacts linked to no Account, as individual customers',
  'crmSync.includeUnlinkedHint':
    'Without this, only contacts that belong to an account come across.',
  'crmSync.importOnDemand': 'Allow importing single records on demand',
  'crmSync.importOnDemandHint':
    'Records outside the chosen views can still be imported one by one from “Search in CRM” when picking a customer for a new document.',
  'crmSync.extent.legend': 'How far sync goes',
  'crmSync.extent.fetch': 'Fetch from the CRM only',
  'crmSync.extent.fetchBody':
    'CRM records come into Kanjo; customers made or changed in Kanjo stay in Kanjo.',
  'crmSync.extent.both': 'Sync both ways',
  'crmSync.extent.bothBody':
    'Changes on either side reach the other. The CRM side is fetched first, then Kanjo’s changes are sent.',
  'crmSync.duplicates.legend': 'When a CRM record matches an existing customer',
  'crmSync.duplicates.hint':
    'A match is the same name (account name ↔ display name) or, for contacts, the same email.',
  'crmSync.duplicates.overwrite': 'Overwrite (merge and link)',
  'crmSync.duplicates.overwriteBody':
    'The two become one customer, linked to the CRM record; CRM values fill the mapped fields.',
  'crmSync.duplicates.skip': 'Skip',
  'crmSync.duplicates.skipBody':
    'The existing customer is left as it is and the CRM record is not imported.',
  'crmSync.duplicates.clone': 'Clone',
  'crmSync.duplicates.cloneBody':
    'The CRM record is imported as a separate, second customer with the same name.',
  'crmSync.views.heading': 'CRM view',
  'crmSync.views.hint':
    'Sync only the records of a CRM view. Tip: create a view in the CRM (e.g. a “Kanjo” checkbox is ticked) to choose exactly which records come across.',
  'crmSync.views.accounts': 'Accounts view',
  'crmSync.views.contacts': 'Contacts view',
  'crmSync.views.products': 'Products view',
  'crmSync.views.all': 'All records',
  'crmSync.views.defaultSuffix': '{name} (CRM default)',
  'crmSync.views.unknown': 'View {id}',
  'crmSync.lookupFailed': 'The CRM’s fields and views for {module} could not be loaded.',
  'crmSync.lookupRetry': 'Load again',

  'crmSync.mapping.heading': 'Field mapping',
  'crmSync.mapping.intro':
    'Which CRM field fills which Kanjo field. Defaults are filled in; change, add or remove rows. Each field may be used once.',
  'crmSync.mapping.accounts': 'Account ↔ customer',
  'crmSync.mapping.linkedContacts': 'Contact of an account ↔ contact person',
  'crmSync.mapping.unlinkedContacts': 'Contact ↔ individual customer',
  'crmSync.mapping.unlinkedHint':
    'The display name is made from First_Name and Last_Name automatically, so it is not listed.',
  'crmSync.mapping.kanjo': 'Kanjo field',
  'crmSync.mapping.crm': 'CRM field',
  'crmSync.mapping.row': 'Row {n}',
  'crmSync.mapping.choose': 'Choose…',
  'crmSync.mapping.customMark': '{label} · custom',
  'crmSync.mapping.add': 'Add a row',
  'crmSync.mapping.remove': 'Remove',
  'crmSync.mapping.removeLabel': 'Remove row {n}',
  'crmSync.mapping.reset': 'Reset to defaults',
  'crmSync.mapping.resetDone': '{table}: the default mapping is back. Save to keep it.',
  'crmSync.mapping.empty': 'No fields are mapped; only the record’s name is synced.',
  'crmSync.mapping.full': 'At most {max} rows.',
  'crmSync.mapping.incomplete': 'Choose both fields, or remove the row.',
  'crmSync.mapping.notContactField': 'Choose a contact person field.',
  'crmSync.mapping.duplicateKanjo': 'This Kanjo field is already mapped in another row.',
  'crmSync.mapping.duplicateCrm': 'This CRM field is already mapped in another row.',

  'crmSync.custom.heading': 'Kanjo custom fields ({count}/{max})',
  'crmSync.custom.intro':
    'A CRM field with no Kanjo field to go to? Create a custom field on customers here; it then appears in the Kanjo field lists above.',
  'crmSync.custom.none': 'No custom fields yet.',
  'crmSync.custom.full': 'All {max} custom fields are in use.',
  'crmSync.custom.label': 'Label',
  'crmSync.custom.key': 'Key',
  'crmSync.custom.keyHint':
    'Made from the label; lowercase letters, digits and _ (e.g. sales_region). It cannot change later.',
  'crmSync.custom.type': 'Type',
  'crmSync.custom.options': 'Choices',
  'crmSync.custom.optionsHint': 'One choice a line.',
  'crmSync.custom.create': 'Create field',
  'crmSync.custom.creating': 'Creating…',
  'crmSync.custom.created': 'Custom field “{label}” created. Choose it in a mapping row.',
  'crmSync.custom.keyShape': 'Start with a letter; use lowercase letters, digits and _ only.',
  'crmSync.custom.keyTaken': 'Another custom field already has this key.',
  'crmSync.custom.optionsRequired': 'Give at least one choice.',
  'crmSync.custom.type.text': 'Text',
  'crmSync.custom.type.number': 'Number',
  'crmSync.custom.type.date': 'Date',
  'crmSync.custom.type.boolean': 'Yes / no',
  'crmSync.custom.type.select': 'List of choices',

  'crmSync.items.heading': 'Items',
  'crmSync.items.intro': 'Kanjo items and CRM Products can be kept in step too.',
  'crmSync.items.legend': 'Item sync',
  'crmSync.items.off': 'Off',
  'crmSync.items.offBody': 'Items and Products are not synced.',
  'crmSync.items.fetch': 'Fetch from the CRM only',
  'crmSync.items.fetchBody': 'CRM Products become Kanjo items. A duplicate would appear in Kanjo.',
  'crmSync.items.both': 'Sync both ways',
  'crmSync.items.bothBody':
    'Kanjo items are sent to the CRM first, then Products come back. A duplicate would appear in the CRM.',
  'crmSync.items.duplicates': 'When a Product matches an existing item',
  'crmSync.items.duplicatesHint':
    'A match is the same name (Product_Name), and the same SKU (Product_Code) when there is one.',
  'crmSync.items.mappingHeading': 'How item fields match',
  'crmSync.items.mappingHint': 'Made automatically; it cannot be changed.',

  'crmSync.conflict.heading': 'When both sides changed',
  'crmSync.conflict.intro':
    'Only a field changed in both places since the last sync is a conflict; other changes simply go across.',
  'crmSync.conflict.legend': 'Which change is kept',
  'crmSync.conflict.crmWins': 'The CRM wins (recommended)',
  'crmSync.conflict.crmWinsBody':
    'Like the reference product. Example: the phone is changed to 03-1111 in the CRM and to 03-2222 in Kanjo; after sync both show 03-1111.',
  'crmSync.conflict.kanjoWins': 'Kanjo wins',
  'crmSync.conflict.kanjoWinsBody':
    'Example: the same two changes; after sync both show 03-2222 and the CRM is updated.',
  'crmSync.conflict.ask': 'Ask me',
  'crmSync.conflict.askBody':
    'Example: the phone keeps its value on each side and a conflict waits in Conflicts, showing both values, until someone chooses.',

  'crmSync.auto.heading': 'Automatic sync',
  'crmSync.auto.enabled': 'Sync automatically',
  'crmSync.auto.enabledHint': 'Without it, sync runs only when someone reconnects or asks for it.',
  'crmSync.auto.interval': 'Every (minutes)',
  'crmSync.auto.intervalHint': 'From {min} to {max} minutes (a day).',
  'crmSync.auto.intervalRange': 'Enter a whole number of minutes from {min} to {max}.',
  'crmSync.auto.minutes': 'min',

  'crmSync.save': 'Save sync rules',
  'crmSync.saving': 'Saving…',
  'crmSync.discard': 'Discard changes',
  'crmSync.unsaved': 'You have unsaved changes.',
  'crmSync.notice.saved': 'Sync rules saved. They apply from the next sync.',
  'crmSync.notice.paused': 'Sync is paused.',
  'crmSync.notice.resumed': 'Sync resumed.',
  'crmSync.error.offline': 'You are offline. Your changes are still here; save again once online.',
  'crmSync.error.mappingInvalid':
    'Some field pairs cannot be mapped. The reasons are shown on the rows below.',
  'crmSync.error.validation': 'Some choices need attention; see the messages below.',
  'crmSync.error.viewNotFound':
    'The CRM no longer has the chosen {module} view. Choose one of its views again, or all records.',

  'crmSync.kanjoField.displayName': 'Display name',
  'crmSync.kanjoField.companyName': 'Company name',
  'crmSync.kanjoField.email': 'Email',
  'crmSync.kanjoField.phone': 'Phone',
  'crmSync.kanjoField.mobile': 'Mobile',
  'crmSync.kanjoField.fax': 'Fax',
  'crmSync.kanjoField.website': 'Website',
  'crmSync.kanjoField.notes': 'Notes',
  'crmSync.kanjoField.billingStreet': 'Billing street',
  'crmSync.kanjoField.billingCity': 'Billing city',
  'crmSync.kanjoField.billingState': 'Billing state / prefecture',
  'crmSync.kanjoField.billingPostalCode': 'Billing postal code',
  'crmSync.kanjoField.billingCountry': 'Billing country',
  'crmSync.kanjoField.shippingStreet': 'Shipping street',
  'crmSync.kanjoField.shippingCity': 'Shipping city',
  'crmSync.kanjoField.shippingState': 'Shipping state / prefecture',
  'crmSync.kanjoField.shippingPostalCode': 'Shipping postal code',
  'crmSync.kanjoField.shippingCountry': 'Shipping country',
  'crmSync.kanjoField.contactFirstName': 'First name',
  'crmSync.kanjoField.contactLastName': 'Last name',
  'crmSync.kanjoField.contactEmail': 'Email',
  'crmSync.kanjoField.contactPhone': 'Phone',
  'crmSync.kanjoField.contactMobile': 'Mobile',
  'crmSync.itemField.name': 'Name',
  'crmSync.itemField.sku': 'SKU',
  'crmSync.itemField.rate': 'Rate',
  'crmSync.itemField.description': 'Description',
  'crmSync.itemField.unit': 'Unit',
  'crmSync.itemField.active': 'Active',
} satisfies Record<string, string>;

export type CrmSyncMessageKey = keyof typeof crmSyncEn;
