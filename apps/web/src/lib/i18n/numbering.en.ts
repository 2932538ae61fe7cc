/**
 * Messages of the document numbering settings. Spread into `en`; `numbering.ja.ts` must have every key.
 */
export const numberingEn = {
  'numbering.title': 'Numbering',
  'numbering.link': 'Document numbering',
  'numbering.linkHint': 'Prefix, next number and digits of quotes, sales orders and invoices.',
  'numbering.back': 'Settings',
  'numbering.intro':
    'Kanjo gives each document its number when it is sent or issued, on the server, so two devices never give out the same one. Set how each series continues.',
  'numbering.kind.quote': 'Quotes',
  'numbering.kind.salesOrder': 'Sales orders',
  'numbering.kind.invoice': 'Invoices',
  'numbering.prefix': 'Prefix',
  'numbering.prefixHint': 'Up to 20 characters, e.g. INV- or 2026-. May be empty.',
  'numbering.next': 'Next number',
  'numbering.digits': 'Minimum digits',
  'numbering.digitsHint': 'Shorter numbers are padded with zeros; 1 to 12.',
  'numbering.preview': 'Next document: {number}',
  'numbering.lastUsed': 'Last used: {number}',
  'numbering.neverUsed': 'No document of this series yet.',
  'numbering.save': 'Save numbering',
  'numbering.saving': 'Saving…',
  'numbering.saved': 'Numbering saved.',
  'numbering.readOnly': 'Only owners and admins change the numbering.',
  'numbering.loading': 'Loading the numbering…',
  'numbering.offline': 'The numbering is kept on the server: connect to see and change it.',
  'numbering.failed': 'The numbering could not be loaded.',
  'numbering.retry': 'Try again',
  'numbering.used': '{number} is already used: the next number must be at least {next}.',
  'numbering.usedAlert': 'A number you chose is already on a document. Choose a higher one.',
  'numbering.invalidNext': 'Enter a whole number from 1.',
  'numbering.invalidDigits': 'Enter a whole number from 1 to 12.',
} as const;

export type NumberingMessageKey = keyof typeof numberingEn;
