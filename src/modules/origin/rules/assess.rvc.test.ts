import { describe, expect, it } from 'vitest';
import { testsOf } from './evaluate.js';
import {
  assessOrigin,
  loadRuleSet,
  type BillOfMaterialsLine,
  type ClaimedGood,
  type OriginAssessment,
} from './index.js';

const rvcTests = (result: OriginAssessment) =>
  result.worksheet.evaluation === null
    ? []
    : testsOf(result.worksheet.evaluation).flatMap((test) =>
        test.type === 'rvc' ? [[test.method, test.percent, test.verdict]] : [],
      );

const usmca = loadRuleSet('USMCA');
const cafta = loadRuleSet('CAFTA-DR');

const line = (
  description: string,
  hs: string,
  originCountry: string,
  originating: boolean | 'unknown',
  valueMinor: number,
): BillOfMaterialsLine => ({ description, hs, originCountry, originating, valueMinor });

describe('USMCA 8544.70 optical fibre cable: CTSH except 70.02/90.01, or from them with RVC 60 % TV / 50 % NC', () => {
  const cable = (overrides: Partial<ClaimedGood> = {}): ClaimedGood => ({
    hs: '8544.70',
    producedIn: 'MX',
    transactionValueMinor: 1_000_000,
    netCostMinor: 800_000,
    ...overrides,
  });
  const materials = (fibreValue: number): BillOfMaterialsLine[] => [
    line('optical fibres', '9001.10', 'JP', false, fibreValue),
    line('polyethylene sheathing', '3901.10', 'US', true, 100_000),
    line('steel strength member', '7217.10', 'MX', true, 50_000),
    line('aramid yarn', '5402.11', 'CN', false, 70_000),
  ];

  it('does not qualify when VNM is 420 000: TV 58.00 % and NC 47.50 % are both short', () => {
    const result = assessOrigin({ ruleSet: usmca, product: cable(), materials: materials(350_000) });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.worksheet.vnmMinor).toBe(420_000);
    // (1 000 000 − 420 000) / 1 000 000 and (800 000 − 420 000) / 800 000
    const rvc = result.reasons
      .filter((reason) => reason.code === 'RVC_BELOW_MINIMUM')
      .map((reason) => reason.params);
    expect(rvc).toEqual([
      { path: '/any/1/all/1/any/0', method: 'transaction_value', percent: 58, min: 60 },
      { path: '/any/1/all/1/any/1', method: 'net_cost', percent: 47.5, min: 50 },
    ]);
    // Alternative (A) fails on the excepted fibre, and 35 % of TV is far above de minimis.
    expect(result.reasons).toContainEqual(
      expect.objectContaining({
        code: 'TARIFF_SHIFT_NOT_MET',
        params: expect.objectContaining({ finding: 'excluded_source' }),
      }),
    );
  });

  it('qualifies on transaction value when VNM is 370 000 (63.00 %), the fibre passing as an allowed source', () => {
    const result = assessOrigin({ ruleSet: usmca, product: cable(), materials: materials(300_000) });
    expect(result).toMatchObject({ outcome: 'qualifies', criterion: 'product_specific_rule' });
    expect(result.worksheet.rvc).toMatchObject({
      method: 'transaction_value',
      percent: 63,
      min: 60,
      ok: true,
      valueBasisMinor: 1_000_000,
      vnmMinor: 370_000,
      vomMinor: 150_000,
    });
    expect(result.worksheet.materials[0]).toMatchObject({
      shiftOk: true,
      shiftFinding: 'listed_source',
      shiftLevel: 'CTSH',
    });
  });

  it('qualifies on net cost alone: TV 59.00 % fails, NC 490 000 / 900 000 = 54.44 % passes', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: cable({ netCostMinor: 900_000 }),
      materials: materials(340_000),
    });
    expect(result.outcome).toBe('qualifies');
    expect(result.worksheet.rvc).toMatchObject({ method: 'net_cost', percent: 54.44, ok: true });
    expect(result.reasons.map((reason) => reason.code)).toEqual([
      'QUALIFIES_PRODUCT_SPECIFIC_RULE',
      'RVC_MET',
    ]);
  });

  it('is insufficient evidence when TV fails and the net cost was not declared', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: cable({ netCostMinor: undefined }),
      materials: materials(340_000),
    });
    expect(result.outcome).toBe('insufficient_evidence');
    expect(result.reasons).toContainEqual({
      code: 'VALUE_MISSING',
      params: { path: '/any/1/all/1/any/1', field: 'netCostMinor' },
    });
  });

  it('tells an unknown origin that cannot matter from the missing net cost that does', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: cable({ netCostMinor: undefined }),
      materials: [...materials(340_000), line('cable ties', '3926.90', 'US', 'unknown', 1_000)],
    });
    // TV: 58.90 % if the ties are non-originating, 59.00 % if originating: short either way.
    expect(result.outcome).toBe('insufficient_evidence');
    // The worksheet shows the test that left the rule undecided: net cost, not computable.
    expect(result.worksheet.rvc).toMatchObject({ method: 'net_cost', percent: null, ok: null });
    const tv =
      result.worksheet.evaluation && testsOf(result.worksheet.evaluation).find((test) => test.type === 'rvc');
    expect(tv).toMatchObject({
      method: 'transaction_value',
      percent: 58.9,
      percentIfUnknownOriginating: 59,
      verdict: 'fail',
    });
    expect(result.reasons.map((reason) => reason.code)).toEqual(
      expect.arrayContaining(['VALUE_MISSING', 'MATERIAL_ORIGIN_UNKNOWN_NOT_DECISIVE']),
    );
    expect(result.reasons.map((reason) => reason.code)).not.toContain('MATERIAL_ORIGIN_UNKNOWN');
  });

  it('rounds only the reported percentage: 59.996 % shows as 60.00 and 49.995 % as 50.00, both failing', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: cable({ transactionValueMinor: 2_500_000, netCostMinor: 2_000_000 }),
      materials: [line('optical fibres', '9001.10', 'JP', false, 1_000_100)],
    });
    expect(result.outcome).toBe('does_not_qualify');
    const evaluated = result.reasons
      .filter((reason) => reason.code === 'RVC_BELOW_MINIMUM')
      .map((reason) => [reason.params.method, reason.params.percent]);
    expect(evaluated).toEqual([
      ['transaction_value', 60], // 1 499 900 / 2 500 000
      ['net_cost', 50], // 999 900 / 2 000 000
    ]);
  });

  it('reports the RVC if an unknown-origin material proved originating, and calls the outcome undecided', () => {
    const unknownSheathing = materials(300_000).map((material) =>
      material.hs === '3901.10' ? { ...material, originating: 'unknown' as const } : material,
    );
    const result = assessOrigin({ ruleSet: usmca, product: cable(), materials: unknownSheathing });
    expect(result.outcome).toBe('insufficient_evidence');
    // Pessimistic VNM 470 000: TV 53.00 %; if the sheathing is originating, VNM 370 000: 63.00 %.
    expect(result.worksheet.rvc).toMatchObject({
      method: 'transaction_value',
      percent: 53,
      percentIfUnknownOriginating: 63,
    });
    expect(result.worksheet.unknownOriginValueMinor).toBe(100_000);
    expect(result.reasons).toContainEqual({
      code: 'MATERIAL_ORIGIN_UNKNOWN',
      params: { materialIndex: 1, description: 'polyethylene sheathing' },
    });
  });
});

describe('USMCA 8708.21 seat belts: CTH, or from 8708.99 with RVC 70 % net cost', () => {
  const seatBelt: ClaimedGood = {
    hs: '8708.21',
    producedIn: 'MX',
    transactionValueMinor: 2_500,
    netCostMinor: 2_000,
  };
  const webbing = line('polyester webbing', '5806.32', 'CN', false, 300);
  const buckle = line('buckle', '8708.99', 'US', true, 400);

  it('does not qualify with a Chinese retractor of 8708.99: RVC (2 000 − 800) / 2 000 = 60.00 % < 70 %', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: seatBelt,
      materials: [webbing, line('retractor', '8708.99', 'CN', false, 500), buckle],
    });
    expect(result.outcome).toBe('does_not_qualify');
    // The first evaluated RVC test is reported: the rule's only one.
    expect(result.worksheet.rvc).toMatchObject({ method: 'net_cost', percent: 60, min: 70, ok: false });
    // Alternative (A): the retractor stays in heading 87.08, 500 / 2 500 = 20 % of TV, beyond de minimis.
    expect(result.worksheet.deMinimis).toMatchObject({ basis: 'value', sharePercent: 20, ok: false });
  });

  it('qualifies under the heading change when the retractor is only 8.00 % of TV: de minimis by value', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: seatBelt,
      materials: [webbing, line('retractor', '8708.99', 'CN', false, 200), buckle],
    });
    expect(result.outcome).toBe('qualifies');
    expect(result.worksheet.deMinimis).toMatchObject({
      applies: true,
      basis: 'value',
      sharePercent: 8,
      ok: true,
    });
    expect(result.reasons).toContainEqual({
      code: 'DE_MINIMIS_APPLIED',
      params: { path: '/any/0', basis: 'value', sharePercent: 8, thresholdPercent: 10 },
    });
  });
});

describe('CAFTA-DR 8507.10 lead-acid batteries: CTH, or CTSH with RVC 35 % build-up / 45 % build-down', () => {
  const battery: ClaimedGood = { hs: '8507.10', producedIn: 'CR', adjustedValueMinor: 6_000 };
  const plates = line('lead plates', '8507.90', 'CN', false, 2_100);
  const lead = line('refined lead', '7801.10', 'MX', false, 900); // Mexico is not a CAFTA-DR party
  const container = line('battery case', '8507.90', 'GT', true, 600);
  const acid = line('sulphuric acid', '2807.00', 'US', true, 300);

  it('does not qualify: build-up 900 / 6 000 = 15.00 %, build-down (6 000 − 3 400) / 6 000 = 43.33 %', () => {
    const separators = line('separators', '8507.90', 'CN', false, 400);
    const result = assessOrigin({
      ruleSet: cafta,
      product: battery,
      materials: [plates, lead, container, acid, separators],
    });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.worksheet).toMatchObject({ vnmMinor: 3_400, vomMinor: 900, valueBasisMinor: 6_000 });
    const percents = result.reasons
      .filter((reason) => reason.code === 'RVC_BELOW_MINIMUM')
      .map((reason) => [reason.params.method, reason.params.percent, reason.params.min]);
    expect(percents).toEqual([
      ['build_up', 15, 35],
      ['build_down', 43.33, 45],
    ]);
  });

  it('qualifies by build-up alone: 2 200 / 6 000 = 36.67 % while build-down is 43.33 %', () => {
    const separators = line('separators', '8507.90', 'CN', false, 400);
    const terminals = line('terminals', '8507.90', 'HN', true, 1_300);
    const result = assessOrigin({
      ruleSet: cafta,
      product: battery,
      materials: [plates, lead, container, acid, separators, terminals],
    });
    expect(result.outcome).toBe('qualifies');
    expect(result.worksheet.rvc).toMatchObject({
      method: 'build_up',
      percent: 36.67,
      ok: true,
      vomMinor: 2_200,
    });
    expect(rvcTests(result)).toEqual([
      ['build_up', 36.67, 'pass'],
      ['build_down', 43.33, 'fail'], // (6 000 − 3 400) / 6 000
    ]);
  });

  it('qualifies by build-down alone: (6 000 − 3 000) / 6 000 = 50.00 % while build-up is 15.00 %', () => {
    const result = assessOrigin({
      ruleSet: cafta,
      product: battery,
      materials: [plates, lead, container, acid],
    });
    expect(result.outcome).toBe('qualifies');
    expect(result.worksheet.rvc).toMatchObject({ method: 'build_down', percent: 50, min: 45, ok: true });
  });

  it('fails the `and` when a material stays in 8507.10, however high the RVC', () => {
    const cells = line('battery cells', '8507.10', 'CN', false, 1_000);
    const terminals = line('terminals', '8507.90', 'HN', true, 1_300);
    const result = assessOrigin({
      ruleSet: cafta,
      product: battery,
      materials: [cells, container, acid, terminals],
    });
    expect(result.outcome).toBe('does_not_qualify');
    // Both RVC tests pass, build-up 2 200 / 6 000 and build-down (6 000 − 1 000) / 6 000 …
    expect(rvcTests(result)).toEqual([
      ['build_up', 36.67, 'pass'],
      ['build_down', 83.33, 'pass'],
    ]);
    // … yet alternative (B) fails on its CTSH: the cells do not change subheading.
    const alternativeB =
      result.worksheet.evaluation?.type === 'or' ? result.worksheet.evaluation.children[1] : undefined;
    expect(alternativeB).toMatchObject({ type: 'and', verdict: 'fail' });
    expect(result.worksheet.materials[0]).toMatchObject({ shiftOk: false, shiftFinding: 'no_change' });
    // 1 000 / 6 000 = 16.67 % fails de minimis under both alternatives.
    expect(result.worksheet.deMinimis).toMatchObject({ basis: 'value', sharePercent: 16.67, ok: false });
  });
});
