import { describe, expect, it } from 'vitest';
import { auc } from './metrics.js';
import { seededRandom } from './random.js';
import { RiskFeaturePipeline, type KeyField, type RiskFeatureInput } from './features.js';

function declaration(overrides: Partial<RiskFeatureInput> = {}): RiskFeatureInput {
  return {
    date: '2020-03-02',
    officeId: '40',
    processType: 'B',
    importType: '11',
    importUse: '21',
    paymentType: '11',
    modeOfTransport: '10',
    declarantId: 'D1',
    importerId: 'I1',
    sellerId: 'S1',
    courierId: null,
    hs6: '620822',
    departureCountry: 'CN',
    originCountry: 'CN',
    originIndicator: 'B',
    taxRate: 8,
    taxType: 'A',
    netMassKg: 100,
    itemPrice: 5000,
    ...overrides,
  };
}

/** Importers with a few declarations each and coin-flip labels: nothing real to learn. */
function noisyImporters(n: number, seed: number): { inputs: RiskFeatureInput[]; labels: number[] } {
  const random = seededRandom(seed);
  const inputs = Array.from({ length: n }, (_, i) => declaration({ importerId: `I${Math.floor(i / 3)}` }));
  const labels = inputs.map(() => (random.next() < 0.3 ? 1 : 0));
  return { inputs, labels };
}

const importerOnly = { keys: [['importerId']] as KeyField[][], smoothing: 2, folds: 5 };

function column(
  pipeline: RiskFeaturePipeline,
  matrix: { rows: number; values: Float32Array },
  name: string,
): number[] {
  const c = pipeline.featureNames.indexOf(name);
  expect(c).toBeGreaterThanOrEqual(0);
  return Array.from(matrix.values.subarray(c * matrix.rows, (c + 1) * matrix.rows));
}

describe('RiskFeaturePipeline out-of-fold target statistics', () => {
  it("never lets a training row's own label change its own encoding", () => {
    const { inputs, labels } = noisyImporters(300, 1);
    const before = RiskFeaturePipeline.fit(inputs, labels, importerOnly);
    for (const i of [0, 17, 150, 299]) {
      const flipped = [...labels];
      flipped[i] = 1 - flipped[i]!;
      const after = RiskFeaturePipeline.fit(inputs, flipped, importerOnly);
      const rateBefore = column(before.pipeline, before.matrix, 'fraudRate:importerId');
      const rateAfter = column(after.pipeline, after.matrix, 'fraudRate:importerId');
      expect(rateAfter[i]).toBe(rateBefore[i]);
      // The flip does reach the other rows of the same importer in other folds.
      expect(rateAfter.some((v, j) => j !== i && v !== rateBefore[j])).toBe(true);
    }
  });

  it('does not separate coin-flip labels, where an in-sample rate would', () => {
    const { inputs, labels } = noisyImporters(3000, 2);
    const { pipeline, matrix } = RiskFeaturePipeline.fit(inputs, labels, importerOnly);
    const outOfFold = column(pipeline, matrix, 'fraudRate:importerId');
    // The leaky construction: each row's rate includes its own label.
    const inSample = inputs.map((d) => {
      const group = inputs
        .map((e, j) => (e.importerId === d.importerId ? labels[j]! : -1))
        .filter((l) => l >= 0);
      return (group.reduce((a, b) => a + b, 0) + 2 * 0.3) / (group.length + 2);
    });
    expect(auc(inSample, labels)).toBeGreaterThan(0.75);
    expect(Math.abs(auc(outOfFold, labels) - 0.5)).toBeLessThan(0.05);
  });

  it('encodes a new declaration with the full training statistics, and an unseen one with the prior', () => {
    const inputs = [
      declaration({ importerId: 'A' }),
      declaration({ importerId: 'A' }),
      declaration({ importerId: 'A' }),
      declaration({ importerId: 'B' }),
    ];
    const { pipeline } = RiskFeaturePipeline.fit(inputs, [1, 1, 0, 0], importerOnly);
    const rate = pipeline.featureNames.indexOf('fraudRate:importerId');
    const count = pipeline.featureNames.indexOf('declarations:importerId');
    const prior = 2 / 4;
    const seen = pipeline.transformOne(declaration({ importerId: 'A' }));
    expect(seen[rate]).toBeCloseTo((2 + 2 * prior) / (3 + 2), 6);
    expect(seen[count]).toBe(3);
    const unseen = pipeline.transformOne(declaration({ importerId: 'never-seen' }));
    expect(unseen[rate]).toBeCloseTo(prior, 6);
    expect(unseen[count]).toBe(0);
  });

  it('counts the other declarations of a key on training rows, itself excluded', () => {
    const inputs = [
      declaration({ importerId: 'A' }),
      declaration({ importerId: 'A' }),
      declaration({ importerId: 'B' }),
    ];
    const { pipeline, matrix } = RiskFeaturePipeline.fit(inputs, [1, 0, 0], importerOnly);
    expect(column(pipeline, matrix, 'declarations:importerId')).toEqual([1, 1, 0]);
  });
});

describe('RiskFeaturePipeline quantities', () => {
  it('derives unit value, its gap to the usual for the HS6, and date parts', () => {
    const usual = Array.from({ length: 6 }, () => declaration({ itemPrice: 999, netMassKg: 99 }));
    const { pipeline } = RiskFeaturePipeline.fit(usual, [0, 0, 0, 0, 0, 1], importerOnly);
    const row = pipeline.transformOne(declaration({ itemPrice: 99, netMassKg: 99, date: '2021-01-03' }));
    const at = (name: string): number => row[pipeline.featureNames.indexOf(name)]!;
    expect(at('logUnitValue')).toBeCloseTo(Math.log(100) - Math.log(100), 6);
    expect(at('unitValueVsHs6')).toBeCloseTo(Math.log(100) - Math.log(1000), 5);
    expect(at('month')).toBe(1);
    expect(at('weekday')).toBe(0);
    expect(at('logDeclaredDuty')).toBeCloseTo(Math.log1p(99 * 0.08), 5);
  });

  it('leaves a missing mass missing instead of inventing one', () => {
    const { pipeline } = RiskFeaturePipeline.fit([declaration(), declaration()], [0, 1], importerOnly);
    const row = pipeline.transformOne(declaration({ netMassKg: null }));
    expect(row[pipeline.featureNames.indexOf('logNetMass')]).toBeNaN();
    expect(row[pipeline.featureNames.indexOf('logUnitValue')]).toBeNaN();
  });

  it('reads a missing origin as unknown, not as an origin that differs from departure', () => {
    const { pipeline } = RiskFeaturePipeline.fit([declaration(), declaration()], [0, 1], importerOnly);
    const differs = (o: Partial<RiskFeatureInput>) =>
      pipeline.transformOne(declaration(o))[pipeline.featureNames.indexOf('originDiffersFromDeparture')];
    expect(differs({ originCountry: '' })).toBeNaN();
    expect(differs({ originCountry: 'VN' })).toBe(1);
    expect(differs({})).toBe(0);
  });

  it('names every column and maps HS4/HS2 and pairs back to declaration fields', () => {
    const { pipeline } = RiskFeaturePipeline.fit([declaration(), declaration()], [0, 1], {
      keys: [['hs4'], ['importerId', 'hs6']],
    });
    expect(pipeline.featureNames).toHaveLength(pipeline.featureCount);
    expect(pipeline.featureSources).toHaveLength(pipeline.featureCount);
    expect(pipeline.featureSources[pipeline.featureNames.indexOf('fraudRate:hs4')]).toBe('hs6');
    expect(pipeline.featureSources[pipeline.featureNames.indexOf('declarations:importerId×hs6')]).toBe(
      'importerId×hs6',
    );
  });

  it('gives identical vectors after a JSON round trip', () => {
    const { inputs, labels } = noisyImporters(200, 3);
    const { pipeline } = RiskFeaturePipeline.fit(inputs, labels);
    const copy = RiskFeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    const probe = declaration({ importerId: 'I7', sellerId: 'new', hs6: '999999' });
    expect(Array.from(copy.transformOne(probe))).toEqual(Array.from(pipeline.transformOne(probe)));
  });

  it('refuses to fit on nothing', () => {
    expect(() => RiskFeaturePipeline.fit([], [])).toThrow(
      expect.objectContaining({ code: 'FEATURES_NO_TRAINING_ROWS' }),
    );
  });
});
