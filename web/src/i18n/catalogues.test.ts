import { describe, expect, it } from 'vitest';
import apiEn from '../../../src/platform/i18n/messages.en.json';
import apiEs from '../../../src/platform/i18n/messages.es.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf key, with i18next plural suffixes folded (`total_one`, `total_other` → `total`). */
function keys(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), v]);
    } else for (const [kk, vv] of keys(v, path)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (texts: string[]) =>
  [...new Set(texts.flatMap((t) => t.match(/{{\s*\w+\s*}}/g) ?? []))].sort();

describe('console translations', () => {
  const english = keys(en);

  it('has every English key in Spanish', () => {
    const spanish = keys(es);
    expect([...english.keys()].filter((k) => !spanish.has(k))).toEqual([]);
  });

  it('has no Spanish key that English lacks', () => {
    expect([...keys(es).keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('uses the same placeholders in Spanish as in English', () => {
    const spanish = keys(es);
    const differing = [...english].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(spanish.get(k) ?? []).join(),
    );
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('scaffolds French and Portuguese with English keys only (the rest falls back to English)', () => {
    for (const partial of [fr, pt]) {
      const k = [...keys(partial).keys()];
      expect(k.length).toBeGreaterThan(10);
      expect(k.filter((key) => !english.has(key))).toEqual([]);
    }
  });

  it('words every plural in each form its language counts in (Spanish says "1.000.000 alarmas", not English)', () => {
    const missing = (tree: Tree, lang: string) => {
      const leaves = [...keys(tree)].flatMap(([base, texts]) => (texts.length > 1 ? [base] : []));
      const flat = new Set<string>();
      const walk = (t: Tree, prefix = '') => {
        for (const [k, v] of Object.entries(t))
          if (typeof v === 'string') flat.add(prefix ? `${prefix}.${k}` : k);
          else walk(v, prefix ? `${prefix}.${k}` : k);
      };
      walk(tree);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      return leaves.flatMap((base) =>
        categories.filter((c) => !flat.has(`${base}_${c}`)).map((c) => `${lang}: ${base}_${c}`),
      );
    };
    expect([...missing(en, 'en'), ...missing(es, 'es')]).toEqual([]);
  });

  it('shares the API catalogue: Spanish has every English error, problem and notification text', () => {
    const a = keys(apiEn);
    const b = keys(apiEs);
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual([]);
  });
});
