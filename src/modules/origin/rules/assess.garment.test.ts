import { describe, expect, it } from 'vitest';
import { assessOrigin, loadRuleSet, type BillOfMaterialsLine, type OriginAssessment } from './index.js';
import {
  chineseYarn,
  cottonYarn,
  knitFabric,
  rawCotton,
  sewingThread,
  tShirt,
  wovenLabel,
} from './test-fixtures.js';

const cafta = loadRuleSet('CAFTA-DR');
const usmca = loadRuleSet('USMCA');

const materialOf = (result: OriginAssessment, index: number) => {
  const material = result.worksheet.materials[index];
  if (material === undefined) throw new Error(`no material ${index}`);
  return material;
};
const codes = (result: OriginAssessment) => result.reasons.map((reason) => reason.code);

/** A Chinese woven-cotton pocket: heading 52.08 is excepted from the 6109 rule. 90 of 500 by value, 7.5 % by weight. */
const pocket: BillOfMaterialsLine = {
  description: 'printed cotton poplin pocket',
  hs: '5208.52',
  originCountry: 'CN',
  originating: false,
  valueMinor: 90,
  weightKg: 0.015,
};

/** US cotton → yarn spun in Honduras → fabric knit in Guatemala → T-shirt sewn in Guatemala. */
function caftaGarment(fabric: BillOfMaterialsLine = knitFabric('GT', cottonYarn('HN', rawCotton('US')))) {
  return [fabric, sewingThread('HN'), wovenLabel()];
}

describe('CAFTA-DR T-shirt traced from cotton to garment', () => {
  it('qualifies when the yarn is spun in the region from regional cotton', () => {
    const result = assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials: caftaGarment() });

    expect(result.outcome).toBe('qualifies');
    expect(result.criterion).toBe('product_specific_rule');
    expect(result.rule?.id).toBe('cafta-6109');
    expect(result.rule?.source.provision).toContain('Annex 4.1');
    expect(codes(result)).toEqual(['QUALIFIES_PRODUCT_SPECIFIC_RULE']);
    // 260 + 12 originating; the Chinese label (8) is the only non-originating material.
    expect(result.worksheet).toMatchObject({
      valueBasis: 'adjusted_value',
      valueBasisMinor: 500,
      vnmMinor: 8,
      vomMinor: 272,
    });
    expect(materialOf(result, 0)).toMatchObject({
      status: 'originating',
      statusSource: 'trace',
      valueSharePercent: 52, // 260 / 500
      weightSharePercent: 92, // 0.184 / 0.200
      shiftOk: null,
    });
    expect(materialOf(result, 1)).toMatchObject({ valueSharePercent: 2.4, weightSharePercent: 2 });
    expect(materialOf(result, 2)).toMatchObject({
      status: 'non_originating',
      statusSource: 'outside_territory',
      valueSharePercent: 1.6,
      shiftOk: true, // chapter 58 → chapter 61, not an excepted heading
      shiftLevel: 'CC',
      shiftFinding: 'changes_classification',
    });
    expect(result.worksheet.rvc).toBeNull();
    expect(result.worksheet.deMinimis).toMatchObject({ applies: false, basis: 'weight' });
  });

  it('decides each step of the trace by its own rule', () => {
    const result = assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials: caftaGarment() });
    const fabric = materialOf(result, 0).trace;
    // Fabric 6006.22 from Honduran yarn (originating) and German dye (3204: a change of chapter).
    expect(fabric).toMatchObject({
      outcome: 'qualifies',
      criterion: 'product_specific_rule',
      rule: { id: 'cafta-6001-6006' },
    });
    expect(fabric?.worksheet.materials.map((m) => m.valueSharePercent)).toEqual([57.69, 7.69]); // 150/260, 20/260
    const yarn = fabric?.worksheet.materials[0]?.trace;
    expect(yarn).toMatchObject({ outcome: 'qualifies', criterion: 'originating_materials_only' });
    expect(yarn?.worksheet.materials[0]?.trace).toMatchObject({
      outcome: 'qualifies',
      criterion: 'wholly_obtained',
    });
  });

  it('does not qualify when the yarn is Chinese: the fabric fails yarn-forward and the garment fails in turn', () => {
    const materials = caftaGarment(knitFabric('GT', chineseYarn()));
    const result = assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials });

    expect(result.outcome).toBe('does_not_qualify');
    const fabric = materialOf(result, 0);
    expect(fabric).toMatchObject({
      status: 'non_originating',
      statusSource: 'trace',
      shiftOk: false,
      shiftFinding: 'excluded_source', // 6006 is excepted from the 6109 rule
    });
    // Yarn 5205 is excepted from the fabric rule; by weight it is 0.180 / 0.184 = 97.83 % of the fabric.
    expect(fabric.trace?.worksheet.deMinimis).toMatchObject({
      applies: true,
      basis: 'weight',
      sharePercent: 97.83,
      ok: false,
    });
    expect(result.worksheet.deMinimis).toMatchObject({
      applies: true,
      basis: 'weight',
      sharePercent: 92,
      ok: false,
    });
    expect(result.worksheet).toMatchObject({ vnmMinor: 268, vomMinor: 12 }); // 260 + 8; 12
    expect(result.reasons).toContainEqual({
      code: 'TARIFF_SHIFT_NOT_MET',
      params: {
        path: '/all/0',
        materialIndex: 0,
        description: 'knitted cotton jersey, dyed',
        hs: '6006.22',
        level: 'CC',
        finding: 'excluded_source',
      },
    });
    expect(result.reasons).toContainEqual({
      code: 'DE_MINIMIS_EXCEEDED',
      params: { path: '/all/0', basis: 'weight', sharePercent: 92, thresholdPercent: 10 },
    });
  });

  it('rescues a non-originating woven pocket by weight de minimis even though its value share is 18 %', () => {
    const materials = [...caftaGarment(knitFabric('GT', cottonYarn('HN', rawCotton('US')), 0.169)), pocket];
    const result = assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials });

    expect(result.outcome).toBe('qualifies');
    expect(materialOf(result, 3)).toMatchObject({
      shiftOk: false,
      shiftFinding: 'excluded_source',
      valueSharePercent: 18, // 90 / 500: would fail a value test
      weightSharePercent: 7.5, // 0.015 / 0.200
    });
    expect(result.worksheet.deMinimis).toMatchObject({
      applies: true,
      basis: 'weight',
      sharePercent: 7.5,
      ok: true,
    });
    expect(codes(result)).toContain('DE_MINIMIS_APPLIED');

    const heavier = materials.map((line) => (line === pocket ? { ...pocket, weightKg: 0.025 } : line));
    const refused = assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials: heavier });
    expect(refused.outcome).toBe('does_not_qualify');
    expect(refused.worksheet.deMinimis).toMatchObject({ sharePercent: 12.5, ok: false });
  });

  it('needs the weight of the garment to weigh de minimis, and says so', () => {
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT', { weightKg: undefined }),
      materials: [...caftaGarment(), pocket],
    });
    expect(result.outcome).toBe('insufficient_evidence');
    expect(result.reasons).toContainEqual({ code: 'WEIGHT_MISSING', params: { path: '/all/0', of: 'good' } });
  });

  it('does not let de minimis rescue Chinese sewing thread, which chapter rule 4 requires to be regional', () => {
    // Declared originating, certificate and all: produced outside the territory, it cannot be.
    const chineseThread = sewingThread('CN');
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: [knitFabric('GT', cottonYarn('HN', rawCotton('US'))), chineseThread, wovenLabel()],
    });
    expect(result.outcome).toBe('does_not_qualify');
    // The thread (0.004 kg, 2 %) is within de minimis for the tariff shift …
    expect(result.worksheet.deMinimis).toMatchObject({ sharePercent: 2, ok: true });
    // … but fails the chapter rule.
    expect(codes(result)).toContain('MATERIAL_MUST_BE_ORIGINATING');
    expect(codes(result)).toContain('MATERIAL_CLAIMED_ORIGINATING_OUTSIDE_TERRITORY');
  });

  it('requires the garment to be cut and sewn in the region: undeclared is unknown, absent is a failure', () => {
    const undeclared = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT', { processes: undefined }),
      materials: caftaGarment(),
    });
    expect(undeclared.outcome).toBe('insufficient_evidence');
    expect(codes(undeclared)).toContain('PROCESS_NOT_DECLARED');

    const notSewn = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT', { processes: [] }),
      materials: caftaGarment(),
    });
    expect(notSewn.outcome).toBe('does_not_qualify');
    expect(codes(notSewn)).toContain('PROCESS_NOT_PERFORMED');
  });

  it('refuses a T-shirt sewn outside the territory whatever its materials', () => {
    const result = assessOrigin({ ruleSet: cafta, product: tShirt('CN'), materials: caftaGarment() });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.reasons[0]).toEqual({ code: 'PRODUCED_OUTSIDE_TERRITORY', params: { country: 'CN' } });
  });
});

describe('USMCA T-shirt traced across the United States and Mexico', () => {
  /** US cotton → yarn spun in the US → fabric knit in Mexico → T-shirt sewn in Mexico. */
  const usmcaGarment = (yarn: BillOfMaterialsLine) => [
    knitFabric('MX', yarn),
    sewingThread('US'),
    wovenLabel(),
  ];

  it('qualifies from US cotton and US yarn, with the same worksheet figures on a transaction-value basis', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: tShirt('MX'),
      materials: usmcaGarment(cottonYarn('US', rawCotton('US'))),
    });
    expect(result).toMatchObject({ outcome: 'qualifies', agreement: 'USMCA', rule: { id: 'usmca-6109' } });
    expect(result.rule?.source.provision).toContain('Annex 4-B');
    expect(result.worksheet).toMatchObject({ valueBasis: 'transaction_value', vnmMinor: 8, vomMinor: 272 });
    expect(materialOf(result, 0).trace?.rule?.id).toBe('usmca-6001-6006');
  });

  it('does not qualify with Chinese yarn', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: tShirt('MX'),
      materials: usmcaGarment(chineseYarn()),
    });
    expect(result.outcome).toBe('does_not_qualify');
    expect(materialOf(result, 0)).toMatchObject({ status: 'non_originating', shiftOk: false });
    expect(result.worksheet.deMinimis).toMatchObject({ basis: 'weight', sharePercent: 92, ok: false });
  });

  it('treats Guatemalan yarn as non-originating: Guatemala is not a USMCA party', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: tShirt('MX'),
      materials: usmcaGarment(cottonYarn('GT', rawCotton('US'))),
    });
    expect(result.outcome).toBe('does_not_qualify');
    expect(materialOf(result, 0).trace?.worksheet.materials[0]).toMatchObject({
      statusSource: 'outside_territory',
    });
  });
});
