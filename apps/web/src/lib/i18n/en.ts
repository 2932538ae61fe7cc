import { crmEn } from './crm.en';
import { crmAutomationEn } from './crm-automation.en';
import { crmDealsEn } from './crm-deals.en';
import { crmHistoryEn } from './crm-history.en';
import { crmLinkRepairEn } from './crm-link-repair.en';
import { crmSyncEn } from './crm-sync.en';
import { crmSetupEn } from './crm-setup.en';
import { crmReachEn } from './crm-reach.en';
import { documentsEn } from './documents.en';
import { printEn } from './print.en';
import { mailEn } from './mail.en';
import { numberingEn } from './numbering.en';
import { recordsEn } from './records.en';
import { receivablesEn } from './receivables.en';
import { panelEn } from './panel.en';
import { sessionEn } from './session.en';
import { authEn } from './auth.en';

/**
 * The English catalog is the source of truth: every other language must have
 * each of these keys (see `Catalog`). `{name}` placeholders are filled by `t()`.
 */
export const en = {
  'app.name': 'Kanjo',
  'app.tagline': 'Invoices and quotes that work offline and stay in step with your CRM.',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'language.label': 'Language',
  'language.en': 'English',
  'language.ja': '日本語',
  'language.saveFailed':
    'Your language is saved on this device; it will reach your account next time you are online.',

  'nav.label': 'Main',
  'nav.invoices': 'Invoices',
  'nav.quotes': 'Quotes',
  'nav.salesOrders': 'Sales orders',
  'nav.salesOrdersShort': 'Orders',
  'nav.customers': 'Customers',
  'nav.items': 'Items',
  'nav.settings': 'Settings',

  'userMenu.open': 'account menu',
  'userMenu.signedInAs': 'Signed in as',
  'userMenu.logout': 'Log out',

  'auth.email': 'Email',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 10 characters.',
  'auth.showPassword': 'Show password',

  'login.title': 'Log in',
  'login.heading': 'Welcome back',
  'login.intro': 'Log in to your organization.',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.noAccount': 'New to Kanjo?',
  'login.toSignup': 'Create an organization',

  'signup.title': 'Create your organization',
  'signup.heading': 'Create your organization',
  'signup.intro': 'You will be its owner. You can invite your team later.',
  'signup.organizationName': 'Organization name',
  'signup.organizationHint': 'As it should appear on your invoices.',
  'signup.baseCurrency': 'Base currency',
  'signup.baseCurrencyHint': 'Totals and reports use this currency.',
  'signup.language': 'Language',
  'signup.submit': 'Create organization',
  'signup.submitting': 'Creating…',
  'signup.haveAccount': 'Already have an account?',
  'signup.toLogin': 'Log in',

  'validation.required': 'This field is required.',
  'validation.unknownField': 'This field is not recognised.',
  'validation.email': 'Enter a valid email address, such as name@example.com.',
  'validation.passwordLength': 'Use at least 10 characters.',
  'validation.tooLong': 'Use at most {max} characters.',
  'validation.text.surrogate':
    'This text holds a broken character (half of a surrogate pair): retype it.',
  'validation.text.lineBreak': 'Use a single line, without line breaks.',
  'validation.text.control':
    'Remove the invisible control characters (such as NUL or a carriage return).',
  'validation.text.bidi':
    'Remove the characters that change the text direction (U+202A–U+202E, U+2066–U+2069).',
  'validation.date.range': 'Use a date from {min} to {max}.',
  'validation.money.line': 'This line’s amount (quantity × rate) is too large.',
  'validation.money.total': 'The document’s total is too large.',
  'validation.money.converted':
    'At this exchange rate the total in the base currency is too large.',

  'error.heading': 'We could not do that',
  'error.INVALID_CREDENTIALS': 'The email or password is wrong.',
  'error.EMAIL_TAKEN': 'An account with this email already exists. Log in instead?',
  'error.EMAIL_TAKEN.field': 'This email is already registered.',
  'error.TOO_MANY_ATTEMPTS': 'Too many failed attempts. Try again in {seconds} seconds.',
  'error.VALIDATION_FAILED': 'Some fields need your attention.',
  'error.OFFLINE':
    'You appear to be offline, or the Kanjo server cannot be reached. Check your connection and try again.',
  'error.UNKNOWN': 'Something went wrong. Please try again.',
  'error.notFound': 'There is no page at this address.',

  'page.invoices.title': 'Invoices',
  'page.invoices.empty': 'Your invoices will appear here.',
  'page.quotes.title': 'Quotes',
  'page.quotes.empty': 'Your quotes will appear here.',
  'page.salesOrders.title': 'Sales orders',
  'page.salesOrders.empty': 'Your sales orders will appear here.',
  'page.customers.title': 'Customers',
  'page.customers.empty': 'Your customers will appear here.',
  'page.items.title': 'Items',
  'page.items.empty': 'Your products and services will appear here.',
  'page.comingWithSync':
    'The list arrives with local-first sync: it will open instantly and keep working without a connection.',
  'page.settings.title': 'Settings',
  'page.settings.organization': 'Organization',
  'page.settings.name': 'Name',
  'page.settings.baseCurrency': 'Base currency',
  'page.settings.yourAccount': 'Your account',
  'page.settings.role': 'Role',

  'role.owner': 'Owner',
  'role.admin': 'Admin',
  'role.accountant': 'Accountant',
  'role.sales': 'Sales',
  ...recordsEn,
  ...receivablesEn,
  ...documentsEn,
  ...printEn,
  ...mailEn,
  ...numberingEn,
  ...crmEn,
  ...crmSyncEn,
  ...crmSetupEn,
  ...crmReachEn,
  ...crmHistoryEn,
  ...crmLinkRepairEn,
  ...crmDealsEn,
  ...crmAutomationEn,
  ...panelEn,
  ...sessionEn,
  ...authEn,
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** A complete translation: the compiler rejects a catalog that misses a key. */
export type Catalog = Record<MessageKey, string>;
