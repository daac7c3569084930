import i18next, { type TFunction } from 'i18next';
import en from './messages.en.json' with { type: 'json' };
import es from './messages.es.json' with { type: 'json' };

/** Languages the platform answers in; the first is the fallback. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  showSupportNotice: false,
  lng: 'en',
  fallbackLng: 'en',
  // The catalogue is also the namespace `api`, as the console loads it, so that nested keys (`$t(api:party.…)`)
  // resolve the same in both.
  resources: { en: { translation: en, api: en }, es: { translation: es, api: es } },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Picks the best supported language from an Accept-Language header (`es-GT,es;q=0.9,en;q=0.5`). */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  return 'en';
}

/** Translation function for a language. */
export function translator(lang: Language): TFunction {
  return instance.getFixedT(lang);
}

/** A message in every supported language, e.g. for notifications that the trader and officer read later. */
export function translateAll(key: string, params: Record<string, unknown> = {}): Record<Language, string> {
  return { en: instance.t(key, { ...params, lng: 'en' }), es: instance.t(key, { ...params, lng: 'es' }) };
}

export function hasTranslation(key: string, lang: Language): boolean {
  return instance.exists(key, { lng: lang, fallbackLng: [] });
}
