import { describe, expect, it } from 'vitest';
import type { RiskFeatureInput } from './features.js';
import type { LabelledDeclaration } from './model.js';
import { seededRandom } from './random.js';
import { boosterGrid, tuneOnValidation } from './tuning.js';

function declarations(n: number, seed: number, year: number): LabelledDeclaration[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const mass = 1 + random.nextInt(1000);
    const price = 10 + random.nextInt(100_000);
    const input: RiskFeatureInput = {
      date: `${year}-0${1 + (i % 9)}-1${i % 9}`,
      officeId: String(random.nextInt(5)),
      processType: 'B',
      importType: '11',
      importUse: '21',
      paymentType: '11',
      modeOfTransport: '10',
      declarantId: `D${random.nextInt(30)}`,
      importerId: `I${random.nextInt(200)}`,
      sellerId: `S${random.nextInt(200)}`,
      courierId: null,
      hs6: `6208${10 + random.nextInt(20)}`,
      departureCountry: 'CN',
      originCountry: 'CN',
      originIndicator: 'B',
      taxRate: 8,
      taxType: 'A',
      netMassKg: mass,
      itemPrice: price,
    };
    // Low prices are fraud at offices 0–1 and high prices elsewhere: an interaction no single split
    // captures. Five per cent of labels are flipped.
    const lowPrice = price < 50_000;
    const pattern = Number(input.officeId) < 2 ? lowPrice : !lowPrice;
    const fraud = pattern !== random.next() < 0.05 ? 1 : 0;
    return { input, fraud };
  });
}

describe('boosterGrid', () => {
  it('lists every combination of the axes', () => {
    const grid = boosterGrid({ maxLeaves: [15, 31], learningRate: [0.05, 0.1, 0.2] });
    expect(grid).toHaveLength(6);
    expect(grid).toContainEqual({ booster: { maxLeaves: 31, learningRate: 0.2 } });
  });
});

describe('tuneOnValidation', () => {
  it('ranks a model that can learn the pattern above one that cannot', () => {
    const results = tuneOnValidation({
      train: declarations(1500, 1, 2020),
      valid: declarations(600, 2, 2021),
      candidates: [
        { booster: { rounds: 1, maxLeaves: 2, learningRate: 0.01 } },
        { booster: { rounds: 40, maxLeaves: 8, learningRate: 0.2 } },
      ],
    });
    expect(results.map((r) => r.candidate.booster?.rounds)).toEqual([40, 1]);
    expect(results[0]!.objective).toBeGreaterThan(0.8);
    expect(results[0]!.objective).toBeCloseTo(
      (results[0]!.evaluation.budgets['5']!.precision + results[0]!.evaluation.budgets['10']!.precision) / 2,
      12,
    );
  });
});
