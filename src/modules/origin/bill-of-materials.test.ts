import { describe, expect, it } from 'vitest';
import type { ProductionStep, ProductFacts } from '../provenance/index.js';
import { claimFromTree, incompleteSteps, materialLine } from './bill-of-materials.js';

const facts = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  description: 'single cotton yarn',
  hsCode: '5205.12',
  countryOfOrigin: 'HN',
  valueMinor: 150,
  currency: 'USD',
  netWeightKg: 0.18,
  whollyObtained: false,
  originating: 'unknown',
  processes: [],
  ...over,
});
const step = (over: Partial<ProductionStep> = {}): ProductionStep => ({
  identifier: 'https://id.gs1.org/01/09506000000028/10/YRN',
  eventId: 'ni:///sha-256;aa?ver=CBV2.0',
  partyTin: 'HN-IMP-3001',
  signature: 'valid',
  ledger: { state: 'anchored', batchId: 1, entryIndex: 0 },
  facts: facts(),
  inputs: [],
  ...over,
});
const cotton = step({
  identifier: 'https://id.gs1.org/01/09506000000011/10/COT',
  facts: facts({
    description: 'raw cotton',
    hsCode: '5201.00',
    countryOfOrigin: 'US',
    valueMinor: 80,
    whollyObtained: true,
  }),
});

describe('bill of materials from a provenance trace', () => {
  it('turns a verified transformation into a material with its own trace, down to wholly obtained cotton', () => {
    const line = materialLine(step({ inputs: [cotton] }));
    expect(line).toMatchObject({
      hs: '5205.12',
      originCountry: 'HN',
      originating: 'unknown',
      valueMinor: 150,
      evidence: [{ kind: 'provenance_event', reference: 'ni:///sha-256;aa?ver=CBV2.0' }],
      trace: {
        producedIn: 'HN',
        materials: [{ hs: '5201.00', trace: { whollyObtained: true, materials: [] } }],
      },
    });
  });

  it('gives no trace and no evidence for a step whose signature fails or whose anchor was revoked', () => {
    for (const bad of [
      step({ signature: 'altered', inputs: [cotton] }),
      step({ ledger: { state: 'revoked', batchId: 1, entryIndex: 0 }, inputs: [cotton] }),
    ]) {
      const line = materialLine(bad);
      expect(line.trace).toBeUndefined();
      expect(line.evidence).toEqual([]);
      expect(line.originating).toBe('unknown');
    }
  });

  it('keeps a declared status for a commissioned material and names steps missing master data', () => {
    expect(
      materialLine(step({ facts: facts({ originating: false, countryOfOrigin: 'CN' }) })).originating,
    ).toBe(false);
    const missing = step({ inputs: [step({ identifier: 'urn:x:label', facts: facts({ hsCode: null }) })] });
    expect(incompleteSteps(missing)).toEqual(['urn:x:label']);
  });

  it('claims the good at its traced value on both value bases', () => {
    const garment = step({
      facts: facts({ hsCode: '6109.10', countryOfOrigin: 'GT', valueMinor: 500, processes: ['sewn'] }),
      inputs: [cotton],
    });
    expect(claimFromTree(garment).product).toMatchObject({
      hs: '6109.10',
      producedIn: 'GT',
      transactionValueMinor: 500,
      adjustedValueMinor: 500,
      processes: ['sewn'],
    });
  });
});
