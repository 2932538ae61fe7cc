/**
 * What the organization prints on quotes, sales orders and invoices:
 * the settings form and the document page's PDF link.
 */
export const printEn = {
  'print.profile.title': 'On your documents',
  'print.profile.intro':
    'These details are printed on the PDFs of your quotes, sales orders and invoices.',
  'print.profile.readOnly': 'Only owners and admins can change these details.',
  'print.profile.legalName': 'Legal name',
  'print.profile.legalNameHint': 'Printed instead of "{name}" when set.',
  'print.profile.address': 'Address',
  'print.profile.phone': 'Phone',
  'print.profile.email': 'Billing email',
  'print.profile.website': 'Website',
  'print.profile.registrationNumber': 'Qualified invoice registration number',
  'print.profile.registrationNumberHint':
    'Japan: T followed by your 13-digit corporate number, as on your registration notice (e.g. T1234567890123).',
  'print.profile.registrationNumber.FORMAT':
    'Enter T followed by exactly 13 digits, e.g. T1234567890123.',
  'print.profile.registrationNumber.CHECK_DIGIT':
    'This number does not pass the check-digit test, so a digit is probably mistyped. Compare it with your registration notice.',
  'print.profile.logo': 'Logo',
  'print.profile.logoHint': 'PNG or JPEG, at most 256 KB. Printed at the top left.',
  'print.profile.logoChoose': 'Choose a logo',
  'print.profile.logoRemove': 'Remove logo',
  'print.profile.logoPreview': 'Your logo',
  'print.profile.logoType': 'The logo must be a PNG or JPEG image.',
  'print.profile.logoSize': 'The logo is {size} KB; use an image of at most 256 KB.',
  'print.profile.save': 'Save details',
  'print.profile.saving': 'Saving…',
  'print.profile.saved': 'Saved. New PDFs show these details.',
  'print.pdf.download': 'Download PDF',
  'print.pdf.offline': 'PDFs need the network: connect to download this one.',
} satisfies Record<string, string>;

export type PrintMessageKey = keyof typeof printEn;
