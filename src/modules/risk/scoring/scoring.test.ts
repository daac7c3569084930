import { describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from '../../declarations/demo/generator.js';
import type { DeclarationInput } from '../../declarations/index.js';
import { declaredDuty } from '../model/index.js';
import { csvSlice, SMALL_BOOSTER, TRAIN_CSV } from '../test-support.js';
import { loadArtifact, trainRiskModel } from '../training/train-model.js';
import { riskInputsOf } from './risk-input.js';
import { explainDrivingItem, scoreDeclaration } from './scorer.js';
import { TariffReference } from './tariff.js';

const trained = await trainRiskModel({ trainCsv: csvSlice(TRAIN_CSV, 1500) }, { booster: SMALL_BOOSTER });
const serving = loadArtifact(3, trained.artifact);

function declaration(): DeclarationInput {
  const d = generateDeclaration(seededRandom(5), { lrn: 'SCORE-1', office: 'JMKIN01', itemCount: 3 });
  d.invoice.currency = 'USD';
  d.goodsItems[1]!.currency = 'EUR';
  d.exchangeRates = { EUR: 1.1 };
  d.goodsItems[2]!.preferentialOrigin = { agreement: 'CAFTA-DR', country: 'GT' };
  delete d.parties.importer;
  return d;
}

describe('riskInputsOf', () => {
  it('maps each goods item onto the model input in the conventions of the data it learnt from', () => {
    const d = declaration();
    const lodgedAt = new Date('2026-03-10T15:00:00Z');
    const tariff = TariffReference.fromJSON({
      version: 1,
      hs6: {},
      hs4: {},
      hs2: {},
      overall: { rate: 8, type: 'A' },
    });
    const [first, second, third] = riskInputsOf(d, lodgedAt, tariff);
    expect(first!.input).toMatchObject({
      date: '2026-03-10',
      officeId: 'JMKIN01',
      modeOfTransport: '10',
      importType: '40',
      importUse: '00',
      importerId: d.parties.declarant.tin,
      hs6: d.goodsItems[0]!.hsCode!.slice(0, 6),
      taxRate: 8,
      taxType: 'A',
      netMassKg: d.goodsItems[0]!.netMassKg,
      itemPrice: d.goodsItems[0]!.customsValue,
    });
    expect(second!.input.itemPrice).toBeCloseTo(d.goodsItems[1]!.customsValue! * 1.1, 9);
    expect(third!.input).toMatchObject({ taxType: 'FGT1', originIndicator: 'P' });
    expect([first, second, third].map((x) => x!.sequence)).toEqual([1, 2, 3]);
  });
});

describe('riskInputsOf on a reduced data set', () => {
  it('reads an item without commodity code, origin, masses or value as missing features', () => {
    const d = declaration();
    d.additionalType = 'J';
    delete d.exportCountry;
    delete d.transport.loadingLocation;
    const g = d.goodsItems[0]!;
    for (const k of [
      'hsCode',
      'originCountry',
      'netMassKg',
      'grossMassKg',
      'customsValue',
      'currency',
    ] as const)
      delete g[k];
    const [first] = riskInputsOf(d, new Date('2026-03-10T15:00:00Z'), serving.tariff);
    expect(first!.input).toMatchObject({
      hs6: '',
      originCountry: '',
      departureCountry: '',
      taxType: '',
      netMassKg: null,
      itemPrice: null,
    });
    expect(first!.input.taxRate).toBeNaN();
    const score = scoreDeclaration(serving, d, new Date('2026-03-10T15:00:00Z'));
    expect(Number.isFinite(score.probability)).toBe(true);
    expect(Number.isFinite(score.revenueAtStake)).toBe(true);
  });
});

describe('scoreDeclaration', () => {
  it('takes the riskiest item as the probability, adds up revenue at stake, and explains the driving item', () => {
    const d = declaration();
    const at = new Date('2026-03-10T15:00:00Z');
    const score = scoreDeclaration(serving, d, at);
    const inputs = riskInputsOf(d, at, serving.tariff);
    const p = serving.model.probabilities(inputs.map((i) => i.input));
    const top = p.indexOf(Math.max(...p));
    expect(score.modelVersion).toBe(3);
    expect(score.probability).toBe(p[top]);
    expect(score.drivingItem).toBe(inputs[top]!.sequence);
    expect(score.revenueAtStake).toBeCloseTo(
      inputs.reduce((s, it, i) => s + p[i]! * declaredDuty(it.input), 0),
      6,
    );
    expect(score.items.map((i) => i.probability)).toEqual([...p]);
    const logit = Math.log(score.probability / (1 - score.probability));
    const explained = serving.model.score(inputs[top]!.input, 1000);
    const sum = explained.baseLogOdds + explained.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(logit, 6);
    expect(score.contributions.length).toBeGreaterThan(0);
    expect(score.contributions.length).toBeLessThanOrEqual(5);
  });

  it('scores without explaining at lodgement, and explains the driving item later exactly as it would have', () => {
    const d = declaration();
    const at = new Date('2026-03-10T15:00:00Z');
    const full = scoreDeclaration(serving, d, at);
    const quick = scoreDeclaration(serving, d, at, { explain: false });
    expect(quick.contributions).toEqual([]);
    expect(quick.baseLogOdds).toBeNull();
    expect({ ...quick, contributions: full.contributions, baseLogOdds: full.baseLogOdds }).toEqual(full);
    expect(explainDrivingItem(serving, d, at, quick.drivingItem)).toEqual({
      baseLogOdds: full.baseLogOdds,
      contributions: full.contributions,
    });
    expect(explainDrivingItem(serving, d, at, 999)).toBeNull();
  });

  it('stores with the model a tariff reference that falls back from subheading to heading, chapter and overall', () => {
    const json = serving.tariff.toJSON();
    const hs6 = Object.keys(json.hs6)[0]!;
    expect(serving.tariff.lineOf(`${hs6}90`)).toEqual(json.hs6[hs6]);
    expect(serving.tariff.lineOf('999999')).toEqual(json.overall);
  });
});
