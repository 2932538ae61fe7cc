/**
 * Messages of "Search in CRM" in the customer picker and of the deal
 * automation page. Spread into `en`; `crm-automation.ja.ts` must have every key.
 */
export const crmAutomationEn = {
  'crmSearch.tabs': 'Where to find the customer',
  'crmSearch.tab.kanjo': 'Kanjo customers',
  'crmSearch.tab.crm': 'Search in CRM',
  'crmSearch.label': 'Search the CRM',
  'crmSearch.placeholder': 'Account or contact name',
  'crmSearch.hint':
    'An account name, or a contact’s first or last name. Choosing a record imports it into Kanjo.',
  'crmSearch.short': 'Type at least 2 characters to search.',
  'crmSearch.searching': 'Searching the CRM…',
  'crmSearch.results.Accounts': 'CRM accounts matching “{query}”',
  'crmSearch.results.Contacts': 'CRM contacts matching “{query}”',
  'crmSearch.empty.Accounts': 'No CRM account matches “{query}”.',
  'crmSearch.empty.Contacts': 'No CRM contact matches “{query}”.',
  'crmSearch.inKanjo': 'Already in Kanjo',
  'crmSearch.import': 'Import',
  'crmSearch.importing': 'Importing…',
  'crmSearch.select': 'Select',
  'crmSearch.blocked': 'Not importable',
  'crmSearch.imported': '{name} was imported from the CRM and chosen as the customer.',
  'crmSearch.selected': '{name} was chosen as the customer.',
  'crmSearch.offline':
    'Searching the CRM needs the network. Pick a Kanjo customer, or try again once you are online.',
  'crmSearch.retry': 'Try again',
  'crmSearch.error.notConnected':
    'No CRM is connected. An owner or admin can connect one in Settings → CRM.',
  'crmSearch.error.disabled':
    'Sync with the CRM is switched off, so CRM records cannot be searched or imported.',
  'crmSearch.error.paused':
    'Sync with the CRM is paused. An owner or admin can resume it in Settings → CRM → Sync rules.',
  'crmSearch.error.authExpired':
    'The CRM connection has expired. An owner or admin can renew it in Settings → CRM.',
  'crmSearch.error.rateLimited': 'The CRM is limiting requests right now. Try again in a minute.',
  'crmSearch.error.crmUnavailable': 'The CRM could not be reached. Try again shortly.',
  'crmSearch.error.forbidden': 'Your role cannot import customers from the CRM.',
  'crmSearch.error.notFound': 'This record is no longer in the CRM.',
  'crmSearch.error.outsideView':
    'This record is outside the CRM view chosen in the sync rules, and importing on demand is off.',
  'crmSearch.error.notAllowed': 'The sync rules do not allow importing this record.',
  'crmSearch.error.notArrived':
    'The customer was imported but has not reached this device yet. It will be under “Kanjo customers” after the next sync.',
  'crmSearch.error.skipped':
    'Not imported: the duplicate rule “skip” keeps it apart from a Kanjo customer. {message}',
  'crmSearch.error.syncRunning': 'A CRM sync is running. Try again in a moment.',
  'crmSearch.error.other': 'The CRM search failed: {message}',
  'crmSearch.error.unknown': 'Something went wrong. Please try again.',

  'crmAutomation.title': 'Deal automation',
  'crmAutomation.back': 'CRM',
  'crmAutomation.intro':
    'When a CRM deal is created, won or lost, Kanjo can make or update its quote, invoice or sales order.',
  'crmAutomation.link': 'Deal automation',
  'crmAutomation.linkHint':
    'Create quotes and invoices from CRM deals as they move through their stages, and see what was done.',
  'crmAutomation.loading': 'Loading the automation rules…',
  'crmAutomation.loadFailed': 'The automation rules could not be loaded.',
  'crmAutomation.retry': 'Try again',
  'crmAutomation.offline':
    'Deal automation needs the network. The rules and the log appear once you are online.',
  'crmAutomation.readOnly':
    'Only owners and admins can change these rules. You can read them, run a dry run and see the log.',

  'crmAutomation.how.heading': 'How it works',
  'crmAutomation.how.probability':
    'Won and lost are read from the stage’s probability in the CRM: 100% is won (such as Closed Won), 0% is lost (such as Closed Lost). Stage names do not matter.',
  'crmAutomation.how.once':
    'Each rule acts at most once per deal, however often the deal changes or a change is reported again.',
  'crmAutomation.how.people':
    'Once a person sends or edits a document automation made, deal changes leave it alone.',
  'crmAutomation.how.linked':
    'Only deals linked to a customer synced with the CRM are acted on; other deals are logged as skipped.',
  'crmAutomation.how.content':
    'A created document has one line from the deal: its name, amount and description, with the deal owner as salesperson and the deal’s currency, taxed at the rate set below.',

  'crmAutomation.rules.heading': 'Rules',
  'crmAutomation.enabled': 'Turn deal automation on',
  'crmAutomation.enabledHint':
    'When off, deal changes do nothing; the rules below are kept for later.',
  'crmAutomation.enabledSince': 'On since {time}. Deal changes before then are not acted on.',
  'crmAutomation.created.legend': 'When a deal is created',
  'crmAutomation.created.createQuote': 'Create a draft quote for the deal',
  'crmAutomation.line.legend': 'The line of a document made from a deal',
  'crmAutomation.line.taxRate': 'Tax rate',
  'crmAutomation.line.taxRateHint':
    'The deal’s amount is the line’s price before tax. Leave it blank for no tax.',
  'crmAutomation.line.taxRateInvalid': 'Enter a percentage from 0 to 100, such as 10 or 8.',
  'crmAutomation.won.legend': 'When a deal is won (probability 100%)',
  'crmAutomation.won.acceptQuote': 'Mark the deal’s automated quote accepted',
  'crmAutomation.won.create': 'Then create',
  'crmAutomation.won.none': 'Nothing',
  'crmAutomation.won.noneBody': 'No invoice or sales order is made.',
  'crmAutomation.won.invoice': 'An invoice',
  'crmAutomation.won.invoiceBody': 'Bill the deal’s amount to its customer.',
  'crmAutomation.won.salesOrder': 'A sales order',
  'crmAutomation.won.salesOrderBody': 'Confirm the order first; invoice it later.',
  'crmAutomation.won.issue': 'As',
  'crmAutomation.won.draft': 'A draft',
  'crmAutomation.won.draftBody': 'Someone checks it and issues it by hand.',
  'crmAutomation.won.issued': 'Issued',
  'crmAutomation.won.issuedBody':
    'The invoice is issued (the sales order confirmed) with its number at once.',
  'crmAutomation.lost.legend': 'When a deal is lost (probability 0%)',
  'crmAutomation.lost.declineQuote': 'Mark the deal’s automated quote declined',
  'crmAutomation.lost.voidDocument':
    'Void the deal’s automated invoice or sales order (not once a payment is recorded)',
  'crmAutomation.save': 'Save rules',
  'crmAutomation.saving': 'Saving…',
  'crmAutomation.saved': 'Automation rules saved.',
  'crmAutomation.unsaved': 'You have unsaved changes.',
  'crmAutomation.discard': 'Discard changes',

  'crmAutomation.dry.heading': 'Dry run',
  'crmAutomation.dry.intro':
    'See what the saved rules would do to the current deals. Nothing is created or changed.',
  'crmAutomation.dry.run': 'Dry run',
  'crmAutomation.dry.running': 'Running…',
  'crmAutomation.dry.unsaved': 'The dry run uses the saved rules: save first to try your changes.',
  'crmAutomation.dry.empty': 'The rules would do nothing to the current deals.',
  'crmAutomation.dry.summary': 'What the rules would do, deal by deal:',

  'crmAutomation.log.heading': 'Log',
  'crmAutomation.log.intro': 'Every evaluation, newest first: what was done, or why not.',
  'crmAutomation.log.loading': 'Loading the log…',
  'crmAutomation.log.empty': 'Nothing has been logged yet.',
  'crmAutomation.log.more': 'Show older',
  'crmAutomation.log.loadingMore': 'Loading…',
  'crmAutomation.log.open': 'Open {document}',
  'crmAutomation.log.stage': 'Stage: {stage}',

  'crmAutomation.trigger.created': 'Deal created',
  'crmAutomation.trigger.won': 'Won',
  'crmAutomation.trigger.lost': 'Lost',

  'crmAutomation.kind.quote': 'quote',
  'crmAutomation.kind.invoice': 'invoice',
  'crmAutomation.kind.salesOrder': 'sales order',
  'crmAutomation.kindNew.quote': 'a quote',
  'crmAutomation.kindNew.invoice': 'an invoice',
  'crmAutomation.kindNew.salesOrder': 'a sales order',
  'crmAutomation.document.numbered': '{kind} {number}',
  'crmAutomation.document.unnumbered': 'the draft {kind}',
  'crmAutomation.document.unknown': 'the document',

  'crmAutomation.acted.create': 'Created {document}',
  'crmAutomation.acted.acceptQuote': 'Marked {document} accepted',
  'crmAutomation.acted.declineQuote': 'Marked {document} declined',
  'crmAutomation.acted.voidDocument': 'Voided {document}',
  'crmAutomation.planned.create': 'Would create {document}',
  'crmAutomation.planned.acceptQuote': 'Would mark {document} accepted',
  'crmAutomation.planned.declineQuote': 'Would mark {document} declined',
  'crmAutomation.planned.voidDocument': 'Would void {document}',
  'crmAutomation.skip.NOT_LINKED': 'Skipped: the deal is not linked to a synced customer',
  'crmAutomation.skip.RULE_OFF': 'Skipped: no rule is on for this',
  'crmAutomation.skip.ALREADY_DONE': 'Skipped: already done for this deal',
  'crmAutomation.skip.NO_DOCUMENT':
    'Skipped: automation made no invoice or sales order for this deal',
  'crmAutomation.skip.RELEASED': 'Skipped: {document} was changed by a person',
  'crmAutomation.skip.SENT': 'Skipped: {document} was already sent',
  'crmAutomation.skip.PAID': 'Skipped: {document} has payments',
  'crmAutomation.skip.ALREADY_FINAL': 'Skipped: {document} is already final',
  'crmAutomation.decision.failed': 'Failed: {reason}',
  'crmAutomation.decision.raw': '{message}',

  'crmAutomation.error.notConnected':
    'No CRM is connected. Connect one in Settings → CRM to use deal automation.',
  'crmAutomation.error.forbidden': 'Only owners and admins can change the automation rules.',
  'crmAutomation.error.invalid': 'The server refused these rules. Reload the page and try again.',
  'crmAutomation.error.disabled': 'Sync with the CRM is switched off.',
  'crmAutomation.error.paused': 'Sync with the CRM is paused; resume it to run the rules.',
  'crmAutomation.error.other': 'The server refused: {message}',
  'crmAutomation.error.unknown': 'Something went wrong. Please try again.',
  'crmAutomation.toConnection': 'Go to the CRM connection',
} satisfies Record<string, string>;

export type CrmAutomationMessageKey = keyof typeof crmAutomationEn;
