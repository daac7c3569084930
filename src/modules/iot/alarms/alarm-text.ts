/** Alarm texts in English and Spanish from the domain's catalogues (`{name}` placeholders filled from details). */
import en from '../domain/messages.en.json' with { type: 'json' };
import es from '../domain/messages.es.json' with { type: 'json' };
export { ALARM_SEVERITIES, ALARM_STATUSES, ALARM_TYPES } from '../domain/index.js';

const CATALOGUES: Record<'en' | 'es', Record<string, string>> = { en, es };

function show(value: unknown, key: string): string {
  if (typeof value === 'number') {
    // An instant (epoch ms) reads as its UTC minute: "2026-11-26 15:17 UTC".
    if (/At$/.test(key) && value > 1e11)
      return `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return String(Math.round(value * 100) / 100);
  }
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
    out[lang] = template.replace(/\{(\w+)\}/g, (_m, key: string) => show(details[key], key));
  }
  return out;
}
