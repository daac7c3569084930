/** Alarm texts in English and Spanish from the domain's catalogues (`{name}` placeholders filled from details). */
import en from '../domain/messages.en.json' with { type: 'json' };
import es from '../domain/messages.es.json' with { type: 'json' };
export { ALARM_SEVERITIES, ALARM_STATUSES, ALARM_TYPES } from '../domain/index.js';

type Lang = 'en' | 'es';

const CATALOGUES: Record<Lang, Record<string, string>> = { en, es };

const NUMBER: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 2, useGrouping: false }),
  es: new Intl.NumberFormat('es', { maximumFractionDigits: 2, useGrouping: false }),
};
// The UTC minute, as each language writes a date: "2026-11-26 15:17 UTC", "26/11/2026 15:17 UTC".
const INSTANT: Record<Lang, (d: Date) => string> = {
  en: (d) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  es: (d) =>
    `${new Intl.DateTimeFormat('es', {
      timeZone: 'UTC',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(d)
      .replace(',', '')} UTC`,
};

function show(value: unknown, key: string, lang: Lang): string {
  if (typeof value === 'number') {
    // An instant (epoch ms) reads as its UTC minute.
    if (/At$/.test(key) && value > 1e11) return INSTANT[lang](new Date(value));
    return NUMBER[lang].format(value);
  }
  // Coordinates keep the decimal point in both languages, as positions are written.
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'number' ? v.toFixed(4) : String(v))).join(', ');
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** `{ en, es }` texts of an alarm. */
export function translateAlarm(type: string, details: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of ['en', 'es'] as const) {
    const template = CATALOGUES[lang][type] ?? type;
    out[lang] = template.replace(/\{(\w+)\}/g, (_m, key: string) => show(details[key], key, lang));
  }
  return out;
}
