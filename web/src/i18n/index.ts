import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import apiEn from '../../../src/platform/i18n/messages.en.json';
import apiEs from '../../../src/platform/i18n/messages.es.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';

/**
 * Languages of the console. English and Spanish are complete; French and Portuguese are scaffolded and fall back to
 * English key by key. The `api` namespace is the platform's own message catalogue (src/platform/i18n), so that
 * the console shows exactly the texts the API sends for each error code.
 */
export const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'aduana.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return !!value && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's language when supported, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = (globalThis.navigator?.language ?? 'en').slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export function hasRememberedLanguage(): boolean {
  return isLanguage(localStorage.getItem(STORAGE_KEY));
}

/** Switches the language and remembers it for the next visit. */
export async function changeLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18n.changeLanguage(lang);
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  initAsync: false,
  showSupportNotice: false,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: ['console', 'api'],
  defaultNS: 'console',
  resources: {
    en: { console: en, api: apiEn },
    es: { console: es, api: apiEs },
    fr: { console: fr },
    pt: { console: pt },
  },
  interpolation: { escapeValue: false },
  returnNull: false,
});

const syncDocument = (lang: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
};
syncDocument(i18n.language);
i18n.on('languageChanged', syncDocument);
