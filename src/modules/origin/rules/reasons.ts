import type { EvaluationNode, MaterialFacts, TestOutcome } from './evaluate.js';
import { testsOf } from './evaluate.js';
import { formatHsCode } from './hs-range.js';

/**
 * Stable codes of the reasons an assessment gives. Callers translate them with `messages.en.json` /
 * `messages.es.json`, interpolating `params`.
 */
export const ORIGIN_REASON_CODES = [
  'QUALIFIES_WHOLLY_OBTAINED',
  'QUALIFIES_ORIGINATING_MATERIALS_ONLY',
  'QUALIFIES_PRODUCT_SPECIFIC_RULE',
  'PRODUCED_OUTSIDE_TERRITORY',
  'PRODUCT_SPECIFIC_RULE_NOT_FOUND',
  'BILL_OF_MATERIALS_EMPTY',
  'WHOLLY_OBTAINED_CONTRADICTED',
  'NOT_WHOLLY_OBTAINED',
  'MATERIAL_ORIGIN_UNKNOWN',
  'MATERIAL_ORIGIN_UNKNOWN_NOT_DECISIVE',
  'MATERIAL_ORIGIN_UNEVIDENCED',
  'MATERIAL_CLAIMED_ORIGINATING_OUTSIDE_TERRITORY',
  'MATERIAL_ORIGIN_CONFLICTS_WITH_TRACE',
  'TARIFF_SHIFT_NOT_MET',
  'DE_MINIMIS_APPLIED',
  'DE_MINIMIS_EXCEEDED',
  'DE_MINIMIS_EXCLUDED',
  'DE_MINIMIS_NOT_ALLOWED',
  'RVC_MET',
  'RVC_BELOW_MINIMUM',
  'VALUE_MISSING',
  'WEIGHT_MISSING',
  'PROCESS_NOT_PERFORMED',
  'PROCESS_NOT_DECLARED',
  'MATERIAL_MUST_BE_ORIGINATING',
] as const;

export type OriginReasonCode = (typeof ORIGIN_REASON_CODES)[number];

/** One reason for an outcome: a code for the message catalogue and its interpolation parameters. */
export interface OriginReason {
  readonly code: OriginReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export const reason = (
  code: OriginReasonCode,
  params: Record<string, string | number> = {},
): OriginReason => ({
  code,
  params,
});

function materialParams(materials: readonly MaterialFacts[], index: number): Record<string, string | number> {
  const material = materials[index];
  return {
    materialIndex: index,
    description: material?.description ?? '',
    hs: material === undefined ? '' : formatHsCode(material.code),
  };
}

const VALUE_FIELD = {
  transaction_value: 'transactionValueMinor',
  net_cost: 'netCostMinor',
  build_down: 'adjustedValueMinor',
  build_up: 'adjustedValueMinor',
} as const;

function reasonsOfTest(
  test: TestOutcome,
  materials: readonly MaterialFacts[],
  valueDenominatorField: string,
): OriginReason[] {
  const path = test.path === '' ? '/' : test.path;
  switch (test.type) {
    case 'tariff_shift': {
      const reasons = test.materials
        .filter((shift) => shift.shiftOk === false)
        .map((shift) =>
          reason('TARIFF_SHIFT_NOT_MET', {
            path,
            ...materialParams(materials, shift.materialIndex),
            level: test.level,
            finding: shift.finding,
          }),
        );
      const minimis = test.deMinimis;
      if (!minimis.applies) return reasons;
      const figures = {
        path,
        basis: minimis.basis,
        sharePercent: minimis.sharePercent ?? '',
        thresholdPercent: minimis.thresholdPercent,
      };
      if (!minimis.allowedByRule) reasons.push(reason('DE_MINIMIS_NOT_ALLOWED', { path }));
      for (const index of minimis.excludedMaterials) {
        reasons.push(reason('DE_MINIMIS_EXCLUDED', { path, ...materialParams(materials, index) }));
      }
      if (minimis.missing === 'good_value') {
        reasons.push(reason('VALUE_MISSING', { path, field: valueDenominatorField }));
      } else if (minimis.missing !== null) {
        reasons.push(
          reason('WEIGHT_MISSING', { path, of: minimis.missing === 'good_weight' ? 'good' : 'material' }),
        );
      }
      if (minimis.sharePercent !== null && minimis.allowedByRule && minimis.excludedMaterials.length === 0) {
        reasons.push(reason(minimis.ok === true ? 'DE_MINIMIS_APPLIED' : 'DE_MINIMIS_EXCEEDED', figures));
      }
      return reasons;
    }
    case 'rvc':
      if (test.percent === null) return [reason('VALUE_MISSING', { path, field: VALUE_FIELD[test.method] })];
      return [
        reason(test.ok === true ? 'RVC_MET' : 'RVC_BELOW_MINIMUM', {
          path,
          method: test.method,
          percent: test.percent,
          min: test.min,
        }),
      ];
    case 'production_process':
      if (test.verdict === 'pass') return [];
      return [
        reason(test.declared ? 'PROCESS_NOT_PERFORMED' : 'PROCESS_NOT_DECLARED', {
          path,
          process: test.process,
        }),
      ];
    case 'materials_originating':
      return test.notOriginating.map((index) =>
        reason('MATERIAL_MUST_BE_ORIGINATING', { path, ...materialParams(materials, index) }),
      );
    case 'wholly_obtained':
      return test.verdict === 'pass' ? [] : [reason('NOT_WHOLLY_OBTAINED', { path })];
  }
}

/**
 * Reasons from an evaluated rule. When the rule is met, only the tests that decided it speak; otherwise every
 * test that failed or could not be decided does, so that each alternative's shortfall is on the record.
 */
export function reasonsOfEvaluation(
  evaluation: EvaluationNode,
  materials: readonly MaterialFacts[],
  valueDenominatorField: string,
): OriginReason[] {
  const tests = testsOf(evaluation).filter((test) =>
    evaluation.verdict === 'pass' ? test.applied : test.verdict !== 'pass',
  );
  return tests.flatMap((test) => reasonsOfTest(test, materials, valueDenominatorField));
}
