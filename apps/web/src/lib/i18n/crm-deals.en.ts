/**
 * Messages of CRM deals on documents: the deal picker, the linked
 * deal and CRM info, and a document's automation log.
 * Spread into `en`; `crm-deals.ja.ts` must have every key.
 */
export const crmDealsEn = {
  'crmDeals.picker.label': 'Deal',
  'crmDeals.picker.none': 'No deal',
  'crmDeals.picker.hint': 'The chosen customer’s deals in the CRM.',
  'crmDeals.picker.noCustomer': 'Choose a customer first to pick one of their deals.',
  'crmDeals.picker.noDeals': 'This customer has no deals in the CRM.',
  'crmDeals.picker.open': 'Open deals',
  'crmDeals.picker.closed': 'Won or lost',
  'crmDeals.picker.closes': 'closes {date}',
  'crmDeals.picker.locked': 'Linked by deal automation: this link cannot be removed.',
  'crmDeals.picker.lockedRefusal':
    'This document was made by deal automation: its deal link cannot be changed or removed.',
  'crmDeals.picker.notOfCustomer': 'This deal is not one of this customer’s: choose one of theirs.',
  'crmDeals.picker.missing': 'Deal no longer in the CRM',
  'crmDeals.picker.missingHint':
    'The linked deal was deleted in the CRM or is no longer linked to this customer.',

  'crmDeals.panel.heading': 'Deal',
  'crmDeals.panel.none': 'No deal is linked to this document.',
  'crmDeals.panel.change': 'Change deal',
  'crmDeals.panel.save': 'Save deal',
  'crmDeals.panel.saving': 'Saving…',
  'crmDeals.panel.saved': 'Deal saved.',
  'crmDeals.panel.cancel': 'Cancel',
  'crmDeals.field.name': 'Deal',
  'crmDeals.field.stage': 'Stage',
  'crmDeals.field.probability': 'Probability',
  'crmDeals.field.amount': 'Amount',
  'crmDeals.field.closingDate': 'Closing date',
  'crmDeals.field.owner': 'Owner',
  'crmDeals.probability': '{value}%',

  'crmDeals.info.open': 'View CRM info',
  'crmDeals.info.title': 'CRM info',
  'crmDeals.info.loading': 'Reading the CRM…',
  'crmDeals.info.fresh': 'Fresh from the CRM, read {time}.',
  'crmDeals.info.module.Accounts': 'CRM account',
  'crmDeals.info.module.Contacts': 'CRM contact',
  'crmDeals.info.deals': 'Deals',
  'crmDeals.info.noDeals': 'No deals.',
  'crmDeals.info.noFields': 'The CRM record has no fields to show.',
  'crmDeals.info.cached': 'Saved on this device, as of {age}.',
  'crmDeals.info.cachedNone': 'No deals of this customer are saved on this device.',
  'crmDeals.info.why.offline': 'You are offline: these are the deals saved on this device.',
  'crmDeals.info.why.gone':
    'The linked record is no longer in the CRM (deleted there?): these are the deals saved on this device.',
  'crmDeals.info.why.crm':
    'The CRM could not be reached just now: these are the deals saved on this device.',
  'crmDeals.info.why.failed':
    'The CRM info could not be loaded: these are the deals saved on this device.',
  'crmDeals.info.notLinked': 'This customer is not linked to a CRM record.',
  'crmDeals.info.retry': 'Try again',
  'crmDeals.info.close': 'Close',

  'crmDeals.automation.heading': 'Automation',
  'crmDeals.automation.made':
    'Made by deal automation on {date}; changes by a person stop further automatic changes.',
  'crmDeals.automation.released':
    'A person changed this document on {date}: deal changes no longer touch it.',
  'crmDeals.automation.loading': 'Loading the automation log…',
  'crmDeals.automation.offline': 'The automation log needs the network.',
  'crmDeals.automation.failed': 'The automation log could not be loaded.',
  'crmDeals.automation.retry': 'Try again',
  'crmDeals.automation.empty': 'No automation steps are logged for this document.',
  'crmDeals.automation.more': 'Only the latest steps are shown.',
  'crmDeals.automation.dryRun': 'Dry run',

  'crmDeals.log.acted.createQuote': '{stage} → created this quote',
  'crmDeals.log.acted.acceptQuote': '{stage} → marked this quote accepted',
  'crmDeals.log.acted.createDocument': '{stage} → created this document',
  'crmDeals.log.acted.declineQuote': '{stage} → declined this quote',
  'crmDeals.log.acted.voidDocument': '{stage} → voided this document',
  'crmDeals.log.failed.createQuote': '{stage}: creating the quote failed ({code})',
  'crmDeals.log.failed.acceptQuote': '{stage}: accepting this quote failed ({code})',
  'crmDeals.log.failed.createDocument': '{stage}: creating the document failed ({code})',
  'crmDeals.log.failed.declineQuote': '{stage}: declining this quote failed ({code})',
  'crmDeals.log.failed.voidDocument': '{stage}: voiding this document failed ({code})',
  'crmDeals.log.skip.NOT_LINKED': '{stage}: skipped, the deal is not linked to a synced customer',
  'crmDeals.log.skip.RULE_OFF': '{stage}: skipped, this automation rule is off',
  'crmDeals.log.skip.ALREADY_DONE': '{stage}: skipped, already done for this deal',
  'crmDeals.log.skip.NO_DOCUMENT': '{stage}: skipped, no automated document to change',
  'crmDeals.log.skip.RELEASED': '{stage}: skipped, a person changed this document',
  'crmDeals.log.skip.SENT': '{stage}: skipped, this document was already sent',
  'crmDeals.log.skip.PAID': '{stage}: skipped, this invoice has payments',
  'crmDeals.log.skip.ALREADY_FINAL': '{stage}: skipped, this document is already final',
} satisfies Record<string, string>;

export type CrmDealsMessageKey = keyof typeof crmDealsEn;
