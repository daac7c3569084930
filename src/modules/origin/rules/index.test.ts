import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AGREEMENTS,
  loadRuleSet,
  ORIGIN_REASON_CODES,
  ORIGIN_RULE_ERROR_CODES,
  OriginRuleError,
  type Agreement,
} from './index.js';

const catalogue = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`./messages.${language}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('loadRuleSet', () => {
  it('loads and validates both sample rule sets, each rule citing its annex', () => {
    const annex: Record<Agreement, string> = { USMCA: 'Annex 4-B', 'CAFTA-DR': 'Annex 4.1' };
    for (const agreement of AGREEMENTS) {
      const ruleSet = loadRuleSet(agreement);
      expect(ruleSet.agreement).toBe(agreement);
      expect(ruleSet.rules.length).toBeGreaterThanOrEqual(8);
      for (const rule of ruleSet.rules) expect(rule.source.provision, rule.id).toContain(annex[agreement]);
    }
  });

  it('covers coffee, sugar, cotton, knit fabric, T-shirts, electrical goods and vehicles in each agreement', () => {
    for (const agreement of AGREEMENTS) {
      const chapters = new Set(
        loadRuleSet(agreement).rules.flatMap((rule) => rule.hs.map((hs) => hs.slice(0, 2))),
      );
      expect([...chapters].sort(), agreement).toEqual(['09', '17', '52', '60', '61', '85', '87']);
    }
  });

  it('returns the same frozen rule set on every call', () => {
    const first = loadRuleSet('USMCA');
    expect(loadRuleSet('USMCA')).toBe(first);
    expect(Object.isFrozen(first.rules[0]?.expression)).toBe(true);
  });

  it('refuses an agreement it has no rule set for', () => {
    expect(() => loadRuleSet('EU-MERCOSUR' as Agreement)).toThrow(OriginRuleError);
  });
});

describe('message catalogues', () => {
  it('hold the same keys in English and Spanish, covering every reason and error code', () => {
    const english = catalogue('en');
    const spanish = catalogue('es');
    expect(Object.keys(spanish).sort()).toEqual(Object.keys(english).sort());
    expect(Object.keys(english).sort()).toEqual([...ORIGIN_REASON_CODES, ...ORIGIN_RULE_ERROR_CODES].sort());
  });

  it('use the same placeholders in both languages', () => {
    const english = catalogue('en');
    const spanish = catalogue('es');
    for (const [key, text] of Object.entries(english)) {
      expect(placeholders(spanish[key] ?? ''), key).toEqual(placeholders(text));
    }
  });
});
