import { describe, expect, it } from 'vitest';
import en from './messages.en.json' with { type: 'json' };
import es from './messages.es.json' with { type: 'json' };
import { pickLanguage, translateAll } from './i18n.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('message catalogues', () => {
  it('has every English key in Spanish and no extra one', () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same interpolation parameters in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const flat = (o: object) =>
      Object.fromEntries(
        keys(o).map((k) => [
          k,
          k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o) as string,
        ]),
      );
    const e = flat(en);
    const s = flat(es);
    for (const k of Object.keys(e)) expect(params(s[k]!), k).toEqual(params(e[k]!));
  });

  it('picks the best supported language from Accept-Language', () => {
    expect(pickLanguage('es-GT,es;q=0.9,en;q=0.5')).toBe('es');
    expect(pickLanguage('fr-CA,en;q=0.8')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('interpolates a message in both languages', () => {
    expect(translateAll('error.HS_UNKNOWN', { value: '999999' })).toEqual({
      en: 'HS code 999999 does not exist in the HS 2022 nomenclature',
      es: 'El código SA 999999 no existe en la nomenclatura SA 2022',
    });
  });
});
