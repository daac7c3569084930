import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclarationCsv } from './csv.js';
import type { RiskFeatureInput } from './features.js';
import {
  declaredDuty,
  evaluateModel,
  FraudModel,
  labelledDeclarations,
  trainFraudModel,
  type LabelledDeclaration,
} from './model.js';

/** The first `rows` declarations of a shipped file (the files are in date order). */
function shipped(file: string, rows: number): LabelledDeclaration[] {
  const text = readFileSync(new URL(`../../../../assets/fraud/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  return labelledDeclarations(parseDeclarationCsv(lines.slice(0, rows + 1).join('\n')));
}

const train = shipped('df_syn_train_eng.csv', 4000); // January–February 2020
const later = shipped('df_syn_valid_eng.csv', 1500); // January 2021
const small = { booster: { rounds: 60, maxLeaves: 15, learningRate: 0.15 } };
const model = trainFraudModel({ train, params: small });

const logit = (p: number): number => Math.log(p / (1 - p));

describe('trainFraudModel', () => {
  it('ranks the declarations of a later period far better than chance', () => {
    const evaluation = evaluateModel(model, later, [5, 10]);
    const baseRate = evaluation.frauds / evaluation.rows;
    expect(evaluation.rows).toBe(1500);
    expect(evaluation.auc).toBeGreaterThan(0.7);
    expect(evaluation.budgets['5']!.precision).toBeGreaterThan(3 * baseRate);
    expect(evaluation.budgets['10']!.recall).toBeGreaterThan(0.2);
  });

  it('records what it was trained on and measures the validation period when given one', () => {
    const withValid = trainFraudModel({
      train: train.slice(0, 1500),
      valid: later.slice(0, 500),
      params: small,
    });
    expect(withValid.summary.trainRows).toBe(1500);
    expect(withValid.summary.validation?.rows).toBe(500);
    expect(withValid.summary.rounds).toBe(60);
  });

  it('refuses labels of a single class', () => {
    const compliant = train.filter((d) => d.fraud === 0).slice(0, 50);
    expect(() => trainFraudModel({ train: compliant })).toThrow(
      expect.objectContaining({ code: 'MODEL_NO_FRAUD_AND_COMPLIANT' }),
    );
  });
});

describe('FraudModel.score', () => {
  it('explains each score exactly: base log-odds plus the contributions give the log-odds', () => {
    for (const { input } of later.slice(0, 20)) {
      const score = model.score(input, Number.POSITIVE_INFINITY);
      const total = score.contributions.reduce((sum, c) => sum + c.contribution, score.baseLogOdds);
      expect(Math.abs(total - logit(score.probability))).toBeLessThan(1e-6);
      for (const group of score.contributions) {
        expect(group.features.reduce((sum, f) => sum + f.contribution, 0)).toBeCloseTo(
          group.contribution,
          12,
        );
      }
      expect(new Set(score.contributions.map((c) => c.source)).size).toBe(score.contributions.length);
    }
  });

  it('lists the largest reasons first, at most the requested number', () => {
    const { contributions } = model.score(later[0]!.input, 3);
    expect(contributions.length).toBeLessThanOrEqual(3);
    const sizes = contributions.map((c) => Math.abs(c.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('puts the revenue at stake at P(fraud) × declared duty', () => {
    const input = later[3]!.input;
    const score = model.score(input);
    expect(declaredDuty(input)).toBeCloseTo(((input.itemPrice ?? 0) * input.taxRate) / 100, 6);
    expect(score.revenueAtStake).toBeCloseTo(score.probability * declaredDuty(input), 6);
  });

  it('scores a declaration unlike any seen in training', () => {
    const stranger: RiskFeatureInput = {
      ...later[0]!.input,
      importerId: 'NEVER-SEEN',
      declarantId: 'NEW-BROKER',
      sellerId: null,
      courierId: null,
      hs6: '999999',
      netMassKg: null,
      itemPrice: 12.5,
      date: '2031-07-04',
    };
    const score = model.score(stranger);
    expect(score.probability).toBeGreaterThan(0);
    expect(score.probability).toBeLessThan(1);
    expect(model.probabilities([stranger])[0]).toBeCloseTo(score.probability, 12);
  });
});

describe('FraudModel serialisation', () => {
  it('gives identical scores and explanations after a JSON round trip', () => {
    const copy = FraudModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const { input } of later.slice(0, 25)) expect(copy.score(input)).toEqual(model.score(input));
    expect(copy.featureSchema).toEqual(model.featureSchema);
  });

  it('rejects JSON that is not a fraud model', () => {
    expect(() => FraudModel.fromJSON({ ...model.toJSON(), format: 'something-else' } as never)).toThrow(
      expect.objectContaining({ code: 'MODEL_BAD_JSON' }),
    );
  });
});

describe('evaluateModel', () => {
  it('reports budgets by their percentage and revenue caught by revenue-at-stake ranking', () => {
    const byProbability = evaluateModel(model, later, [1, 5]);
    const byRevenue = evaluateModel(model, later, [1, 5], 'revenueAtStake');
    expect(Object.keys(byProbability.budgets)).toEqual(['1', '5']);
    expect(byRevenue.budgets['5']!.revenue).toBeGreaterThanOrEqual(byProbability.budgets['5']!.revenue);
  });
});
