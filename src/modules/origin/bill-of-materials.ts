import type { ProductionStep } from '../provenance/index.js';
import type { BillOfMaterialsLine, ClaimedGood, OriginEvidence } from './rules/index.js';

/** A production step that counts as evidence: its event still verifies and is not revoked on the ledger. */
function trusted(step: ProductionStep): boolean {
  return step.signature === 'valid' && step.ledger !== null && step.ledger.state !== 'revoked';
}

/** Steps of the tree that lack the master data a bill of materials needs (HS code, origin, value). */
export function incompleteSteps(step: ProductionStep): string[] {
  const own =
    step.facts === null ||
    step.facts.hsCode === null ||
    step.facts.countryOfOrigin === null ||
    step.facts.valueMinor === null
      ? [step.identifier]
      : [];
  return [...own, ...step.inputs.flatMap(incompleteSteps)];
}

/**
 * A provenance production step as a bill-of-materials line for the rules-of-origin engine: a step made
 * by a verified transformation carries its own inputs as a trace; a verified commissioning of a wholly
 * obtained material says so; anything unverified is of unknown origin.
 */
export function materialLine(step: ProductionStep): BillOfMaterialsLine {
  const facts = step.facts!;
  const ok = trusted(step);
  const evidence: OriginEvidence[] =
    ok && step.eventId !== null ? [{ kind: 'provenance_event', reference: step.eventId }] : [];
  const base = {
    description: facts.description ?? step.identifier,
    hs: facts.hsCode!,
    originCountry: facts.countryOfOrigin!,
    valueMinor: Math.round(facts.valueMinor!),
    ...(facts.netWeightKg === null ? {} : { weightKg: facts.netWeightKg }),
    evidence,
  };
  if (ok && step.inputs.length > 0) {
    return {
      ...base,
      originating: 'unknown',
      trace: {
        producedIn: facts.countryOfOrigin!,
        ...(facts.processes.length > 0 ? { processes: facts.processes } : {}),
        materials: step.inputs.map(materialLine),
      },
    };
  }
  if (ok && facts.whollyObtained) {
    return {
      ...base,
      originating: 'unknown',
      trace: { producedIn: facts.countryOfOrigin!, whollyObtained: true, materials: [] },
    };
  }
  return { ...base, originating: ok ? facts.originating : 'unknown' };
}

/** The claimed good and its bill of materials, from the production tree of the declared product. */
export function claimFromTree(
  tree: ProductionStep,
  hsOverride?: string,
): { product: ClaimedGood; materials: BillOfMaterialsLine[] } {
  const facts = tree.facts!;
  const value = Math.round(facts.valueMinor!);
  return {
    product: {
      ...(facts.description === null ? {} : { description: facts.description }),
      hs: hsOverride ?? facts.hsCode!,
      producedIn: facts.countryOfOrigin!,
      transactionValueMinor: value,
      adjustedValueMinor: value,
      ...(facts.netWeightKg === null ? {} : { weightKg: facts.netWeightKg }),
      ...(facts.whollyObtained ? { whollyObtained: true } : {}),
      ...(facts.processes.length > 0 ? { processes: facts.processes } : {}),
    },
    materials: tree.inputs.map(materialLine),
  };
}
