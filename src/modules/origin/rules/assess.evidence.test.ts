import { describe, expect, it } from 'vitest';
import { assessOrigin, loadRuleSet, OriginRuleError, type BillOfMaterialsLine } from './index.js';
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
const codes = (reasons: readonly { code: string }[]) => reasons.map((reason) => reason.code);

const regionalFabric = () => knitFabric('GT', cottonYarn('HN', rawCotton('US')));

describe('materials of unknown origin', () => {
  it('make the outcome insufficient evidence when they decide it, not a failure', () => {
    const fabric: BillOfMaterialsLine = { ...regionalFabric(), trace: undefined, originating: 'unknown' };
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: [fabric, sewingThread('HN'), wovenLabel()],
    });
    expect(result.outcome).toBe('insufficient_evidence');
    expect(result.criterion).toBeNull();
    expect(result.worksheet.materials[0]).toMatchObject({ status: 'unknown', shiftOk: false });
    expect(result.reasons).toContainEqual({
      code: 'MATERIAL_ORIGIN_UNKNOWN',
      params: { materialIndex: 0, description: 'knitted cotton jersey, dyed' },
    });
  });

  it('do not block a claim they cannot change', () => {
    const label: BillOfMaterialsLine = { ...wovenLabel(), originCountry: 'GT', originating: 'unknown' };
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: [regionalFabric(), sewingThread('HN'), label],
    });
    expect(result.outcome).toBe('qualifies');
    expect(codes(result.reasons)).toContain('MATERIAL_ORIGIN_UNKNOWN_NOT_DECISIVE');
  });

  it('travel up the trace: yarn of unknown origin leaves the fabric, then the garment, undecided', () => {
    const yarn: BillOfMaterialsLine = { ...chineseYarn(), originCountry: 'HN', originating: 'unknown' };
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: [knitFabric('GT', yarn), sewingThread('HN'), wovenLabel()],
    });
    expect(result.outcome).toBe('insufficient_evidence');
    expect(result.worksheet.materials[0]?.trace?.outcome).toBe('insufficient_evidence');
    expect(result.worksheet.materials[0]).toMatchObject({ status: 'unknown', statusSource: 'declared' });
  });
});

describe('evidence', () => {
  it('is optional by default, and required on request for materials declared originating', () => {
    const uncertified: BillOfMaterialsLine = { ...sewingThread('HN'), evidence: undefined };
    const materials = [regionalFabric(), uncertified, wovenLabel()];
    expect(assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials }).outcome).toBe('qualifies');

    const strict = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials,
      options: { requireEvidence: true },
    });
    expect(strict.outcome).toBe('insufficient_evidence');
    expect(strict.worksheet.materials[1]).toMatchObject({
      status: 'unknown',
      statusSource: 'evidence_missing',
    });
    expect(codes(strict.reasons)).toEqual(
      expect.arrayContaining(['MATERIAL_ORIGIN_UNEVIDENCED', 'MATERIAL_ORIGIN_UNKNOWN']),
    );

    const certified = [regionalFabric(), sewingThread('HN'), wovenLabel()];
    const withEvidence = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: certified,
      options: { requireEvidence: true },
    });
    expect(withEvidence.outcome).toBe('qualifies');
  });

  it('lets a provenance trace overrule a declaration, and records the conflict', () => {
    const declaredOriginating: BillOfMaterialsLine = {
      ...knitFabric('GT', chineseYarn()),
      originating: true,
    };
    const result = assessOrigin({
      ruleSet: cafta,
      product: tShirt('GT'),
      materials: [declaredOriginating, sewingThread('HN'), wovenLabel()],
    });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.reasons).toContainEqual({
      code: 'MATERIAL_ORIGIN_CONFLICTS_WITH_TRACE',
      params: {
        materialIndex: 0,
        description: 'knitted cotton jersey, dyed',
        declared: 'true',
        traced: 'non_originating',
      },
    });
  });
});

describe('origin criteria other than the product-specific rule', () => {
  it('accepts green coffee grown in Honduras as wholly obtained', () => {
    const result = assessOrigin({
      ruleSet: cafta,
      product: { hs: '0901.11', producedIn: 'HN', adjustedValueMinor: 1_000, whollyObtained: true },
      materials: [],
    });
    expect(result).toMatchObject({ outcome: 'qualifies', criterion: 'wholly_obtained' });
  });

  it('refuses coffee roasted in the United States from Colombian green coffee: no change of chapter', () => {
    const green = {
      description: 'green coffee',
      hs: '0901.11',
      originCountry: 'CO',
      originating: false,
      valueMinor: 700,
    };
    for (const ruleSet of [cafta, usmca]) {
      const result = assessOrigin({
        ruleSet,
        product: { hs: '0901.21', producedIn: 'US', adjustedValueMinor: 1_000, transactionValueMinor: 1_000 },
        materials: [green],
      });
      expect(result.outcome, ruleSet.agreement).toBe('does_not_qualify');
      expect(result.worksheet.deMinimis, ruleSet.agreement).toMatchObject({
        basis: 'value',
        sharePercent: 70,
        ok: false,
      });
    }
  });

  it('keeps USMCA de minimis away from raw cane sugar refined into sugar, even at 5 % of value', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: { hs: '1701.99', producedIn: 'MX', transactionValueMinor: 1_000 },
      materials: [
        {
          description: 'raw cane sugar',
          hs: '1701.14',
          originCountry: 'BR',
          originating: false,
          valueMinor: 50,
        },
        {
          description: 'raw cane sugar',
          hs: '1701.14',
          originCountry: 'MX',
          originating: true,
          valueMinor: 600,
        },
      ],
    });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.worksheet.deMinimis).toMatchObject({ sharePercent: 5, ok: false, excludedMaterials: [0] });
    expect(codes(result.reasons)).toContain('DE_MINIMIS_EXCLUDED');
  });

  it('accepts a good made only of originating materials though the sample has no rule for it', () => {
    const chair = { hs: '9403.60', producedIn: 'CR', adjustedValueMinor: 10_000 };
    const wood = {
      description: 'sawn teak',
      hs: '4407.29',
      originCountry: 'CR',
      originating: true,
      valueMinor: 4_000,
    };
    expect(assessOrigin({ ruleSet: cafta, product: chair, materials: [wood] })).toMatchObject({
      outcome: 'qualifies',
      criterion: 'originating_materials_only',
      rule: null,
    });
    const screws = {
      description: 'screws',
      hs: '7318.12',
      originCountry: 'CN',
      originating: false,
      valueMinor: 100,
    };
    const withScrews = assessOrigin({ ruleSet: cafta, product: chair, materials: [wood, screws] });
    expect(withScrews.outcome).toBe('insufficient_evidence');
    expect(withScrews.reasons).toContainEqual({
      code: 'PRODUCT_SPECIFIC_RULE_NOT_FOUND',
      params: { hs: '9403.60' },
    });
  });

  it('counts only the parties it is given: with Canada left out, Canadian materials are non-originating', () => {
    const result = assessOrigin({
      ruleSet: usmca,
      product: { hs: '8544.70', producedIn: 'MX', transactionValueMinor: 1_000, netCostMinor: 800 },
      materials: [
        {
          description: 'copper conductors',
          hs: '7408.11',
          originCountry: 'CA',
          originating: true,
          valueMinor: 100,
        },
      ],
      partyCountries: ['MX', 'US'],
    });
    expect(result.worksheet.materials[0]).toMatchObject({
      status: 'non_originating',
      statusSource: 'outside_territory',
    });
    expect(result.outcome).toBe('qualifies'); // 7408 → 8544.70 is a change of subheading
  });
});

describe('malformed claims', () => {
  function pointersOf(run: () => unknown): string[] {
    try {
      run();
    } catch (error) {
      if (error instanceof OriginRuleError && error.code === 'ORIGIN_REQUEST_INVALID') {
        return (error.details.issues ?? []).map((issue) => issue.pointer);
      }
      throw error;
    }
    throw new Error('expected the claim to be refused');
  }

  it('are refused with a pointer to each bad field', () => {
    const pointers = pointersOf(() =>
      assessOrigin({
        ruleSet: cafta,
        product: { ...tShirt('GT'), hs: '61' },
        materials: [
          { ...wovenLabel(), valueMinor: 12.5 },
          { ...wovenLabel(), originCountry: 'china' },
        ],
      }),
    );
    expect(pointers).toEqual(['/product/hs', '/materials/0/valueMinor', '/materials/1/originCountry']);
  });

  it('refuse a weight beyond what whole milligrams count exactly (was a RangeError from BigInt)', () => {
    const pointers = pointersOf(() =>
      assessOrigin({
        ruleSet: cafta,
        product: { ...tShirt('GT'), weightKg: 1e308 },
        materials: [{ ...wovenLabel(), weightKg: 9_000_000_001 }],
      }),
    );
    expect(pointers).toEqual(['/product/weightKg', '/materials/0/weightKg']);
    const heaviest = assessOrigin({
      ruleSet: cafta,
      product: { ...tShirt('GT'), weightKg: 9_000_000_000 },
      materials: [{ ...wovenLabel(), weightKg: 9_000_000_000 }],
    });
    expect(heaviest.outcome).toBeDefined();
  });

  it('refuse a provenance trace deeper than the engine follows', () => {
    let line: BillOfMaterialsLine = rawCotton('US');
    for (let depth = 0; depth < 20; depth += 1) line = { ...cottonYarn('HN', line), originating: 'unknown' };
    expect(() => assessOrigin({ ruleSet: cafta, product: tShirt('GT'), materials: [line] })).toThrow(
      expect.objectContaining({ code: 'ORIGIN_TRACE_TOO_DEEP' }),
    );
  });
});
