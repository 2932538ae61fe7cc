import { en, type Catalog, type MessageKey } from './en';
import { ja } from './ja';

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogs: Record<Locale, Catalog> = { en, ja };
const STORAGE_KEY = 'kanjo.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

function readStoredLocale(): Locale | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (private mode, policies); the browser language is the fallback.
    return undefined;
  }
}

function browserLocale(): Locale {
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

// The SPA never renders on a server (ssr = false), so one module-level locale
// per browser tab is the whole truth; no request can see another's state.
let current = $state<Locale>(readStoredLocale() ?? browserLocale());

/**
 * The UI language. Reading `i18n.locale` inside a component or `$derived` is
 * reactive; `i18n.set()` also remembers the choice on this device.
 *
 * @example
 * i18n.set('ja');
 */
export const i18n = {
  get locale(): Locale {
    return current;
  },
  set(locale: Locale): void {
    current = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not fatal: the choice lasts for this tab and, when signed in, on the account.
    }
  },
};

/**
 * Translates a catalog key in the current language, filling `{name}` placeholders.
 *
 * @example
 * t('validation.tooLong', { max: 200 }); // "Use at most 200 characters."
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
