import { describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from '../../declarations/demo/generator.js';
import type { DeclarationInput } from '../../declarations/index.js';
import { CriteriaError, compileCriteria } from './compile.js';
import { ProfileBodySchema, type Criterion, type ProfileBody } from './criteria.schema.js';
import { declarationFacts } from './facts.js';
import { compileList, type CompiledList } from './lists.js';
import { Ruleset } from './ruleset.js';

function declaration(items: { hs: string; origin: string; kg: number; value: number }[]): DeclarationInput {
  const d = generateDeclaration(seededRandom(7), { lrn: 'RULES-1', office: 'JMKIN01' });
  const template = d.goodsItems[0]!;
  d.goodsItems = items.map((it, i) => ({
    ...template,
    sequence: i + 1,
    hsCode: it.hs,
    originCountry: it.origin,
    netMassKg: it.kg,
    grossMassKg: it.kg * 1.05,
    customsValue: it.value,
  }));
  d.exportCountry = 'CN';
  return d;
}

const lists = new Map<string, CompiledList>([
  ['tobacco', compileList('l1', 'tobacco', 3, { kind: 'hs', description: '', entries: ['2401-2403'] })],
  [
    'watch-importers',
    compileList('l2', 'watch-importers', 1, { kind: 'parties', description: '', entries: ['JM-IMP-1002'] }),
  ],
  [
    'asian-routes',
    compileList('l3', 'asian-routes', 2, { kind: 'routes', description: '', entries: ['CN>*', 'VN>JM'] }),
  ],
  [
    'usual-values',
    compileList('l4', 'usual-values', 1, {
      kind: 'reference-values',
      description: '',
      entries: [{ hs: '2402', valuePerKg: 30 }],
    }),
  ],
]);

const facts = (d: DeclarationInput, aeo = false) => declarationFacts(d, { partyAeo: aeo });
const test = (c: Criterion, d: DeclarationInput) => {
  const compiled = compileCriteria(c, lists);
  const f = facts(d);
  return f.items.filter((it) => compiled.test(f.declaration, it.values)).map((it) => it.sequence);
};

const cheapCigarettes: Criterion = {
  all: [
    { field: 'hsCode', op: 'prefix', value: '2402' },
    { field: 'unitValuePerKg', op: 'lt', value: 5 },
  ],
};

describe('criteria', () => {
  it('requires one goods item to satisfy the whole tree (HS 2402 and unit value under 5 on the same item)', () => {
    const mixed = declaration([
      { hs: '240220', origin: 'PY', kg: 1000, value: 30_000 },
      { hs: '610910', origin: 'CN', kg: 1000, value: 2_000 },
    ]);
    expect(test(cheapCigarettes, mixed)).toEqual([]);
    const cheap = declaration([
      { hs: '610910', origin: 'CN', kg: 1000, value: 14_000 },
      { hs: '240220', origin: 'PY', kg: 1000, value: 4_000 },
    ]);
    expect(test(cheapCigarettes, cheap)).toEqual([2]);
  });

  it('combines with any and not, and reads HS ranges, routes, parties and reference values from lists', () => {
    const d = declaration([{ hs: '240310', origin: 'US', kg: 100, value: 1000 }]);
    expect(test({ field: 'hsCode', op: 'inList', list: 'tobacco' }, d)).toEqual([1]);
    expect(test({ field: 'route', op: 'inList', list: 'asian-routes' }, d)).toEqual([1]);
    expect(test({ not: { field: 'route', op: 'inList', list: 'asian-routes' } }, d)).toEqual([]);
    expect(
      test(
        {
          any: [
            { field: 'originCountry', op: 'eq', value: 'cn' },
            { field: 'originCountry', op: 'in', value: ['US'] },
          ],
        },
        d,
      ),
    ).toEqual([1]);
    d.parties.importer = { tin: 'JM-IMP-1002', name: 'Island Pharma Distributors' };
    expect(test({ field: 'importer', op: 'inList', list: 'watch-importers' }, d)).toEqual([1]);
    const cig = declaration([{ hs: '240220', origin: 'PY', kg: 1000, value: 9_000 }]);
    // 9 per kg against a usual 30: a ratio of 0.3.
    expect(test({ field: 'unitValueVsReference', op: 'lt', value: 0.5, list: 'usual-values' }, cig)).toEqual([
      1,
    ]);
    expect(test({ field: 'unitValueVsReference', op: 'lt', value: 0.2, list: 'usual-values' }, cig)).toEqual(
      [],
    );
  });

  it('reports every problem with its pointer: wrong operator, wrong value type, unknown list, wrong list kind', () => {
    const bad: Criterion = {
      all: [
        { field: 'aeo', op: 'prefix', value: 'x' },
        { field: 'netMassKg', op: 'eq', value: 'heavy' },
        { field: 'importer', op: 'inList', list: 'no-such-list' },
        { field: 'hsCode', op: 'inList', list: 'watch-importers' },
      ],
    };
    try {
      compileCriteria(bad, lists);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CriteriaError);
      expect((err as CriteriaError).errors.map((e) => [e.pointer, e.code])).toEqual([
        ['/criteria/all/0', 'RISK_CRITERION_OPERATOR'],
        ['/criteria/all/1', 'RISK_CRITERION_VALUE'],
        ['/criteria/all/2', 'RISK_LIST_UNKNOWN'],
        ['/criteria/all/3', 'RISK_LIST_KIND'],
      ]);
    }
  });
});

describe('Ruleset', () => {
  const profile = (id: string, body: Partial<ProfileBody> & Pick<ProfileBody, 'criteria' | 'action'>) => ({
    id,
    version: 2,
    body: ProfileBodySchema.parse({
      name: `profile ${id}`,
      status: 'active',
      reason: 'test reason',
      ...body,
    }),
  });
  const cheap = declaration([{ hs: '240220', origin: 'PY', kg: 1000, value: 3_000 }]);
  const scope = { office: 'JMKIN01', date: '2026-03-10' };

  it('applies the strongest channel among the hits (red beats yellow) and sums score weights', () => {
    const rs = Ruleset.compile(
      7,
      [
        profile('a', {
          criteria: { field: 'hsCode', op: 'inList', list: 'tobacco' },
          action: { channel: 'yellow', percent: 100 },
        }),
        profile('b', { criteria: cheapCigarettes, action: { channel: 'red', percent: 100 } }),
        profile('c', {
          criteria: { field: 'originCountry', op: 'eq', value: 'PY' },
          action: { scoreWeight: 15 },
        }),
      ],
      lists,
    );
    const v = rs.evaluate(facts(cheap), scope, Math.random);
    expect(v.channel).toBe('red');
    expect(v.scoreWeight).toBe(15);
    expect(v.hits.map((h) => [h.profileId, h.version, h.items])).toEqual([
      ['a', 2, [1]],
      ['b', 2, [1]],
      ['c', 2, [1]],
    ]);
    expect(v.hits[0]!.lists).toEqual([{ name: 'tobacco', version: 3 }]);
  });

  it('ignores drafts, profiles outside their validity dates and profiles scoped to other offices', () => {
    const rs = Ruleset.compile(
      1,
      [
        profile('draft', {
          status: 'draft',
          criteria: cheapCigarettes,
          action: { channel: 'red', percent: 100 },
        }),
        profile('expired', {
          validTo: '2026-03-09',
          criteria: cheapCigarettes,
          action: { channel: 'red', percent: 100 },
        }),
        profile('future', {
          validFrom: '2026-03-11',
          criteria: cheapCigarettes,
          action: { channel: 'red', percent: 100 },
        }),
        profile('elsewhere', {
          offices: ['GTSTC01'],
          criteria: cheapCigarettes,
          action: { channel: 'red', percent: 100 },
        }),
      ],
      lists,
    );
    expect(rs.evaluate(facts(cheap), scope, Math.random).hits).toEqual([]);
  });

  it('selects only the configured percentage of hits of a channel profile, recording the others as not applied', () => {
    const rs = Ruleset.compile(
      1,
      [profile('p', { criteria: cheapCigarettes, action: { channel: 'red', percent: 25 } })],
      lists,
    );
    const random = seededRandom(3);
    let applied = 0;
    for (let i = 0; i < 2000; i++) {
      const v = rs.evaluate(facts(cheap), scope, random);
      expect(v.hits).toHaveLength(1);
      if (v.channel === 'red') applied++;
      expect(v.hits[0]!.applied).toBe(v.channel === 'red');
    }
    expect(applied / 2000).toBeGreaterThan(0.22);
    expect(applied / 2000).toBeLessThan(0.28);
  });
});
