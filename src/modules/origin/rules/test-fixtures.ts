/**
 * Provenance traces used by the tests and the benchmark: a cotton T-shirt (HS 6109.10) traced
 * cotton (5201) → yarn (5205) → knit fabric (6006) → garment. Values in US cents, weights in kilograms.
 *
 * Per garment: adjusted/transaction value 500, weight 0.200 kg; fabric 260 (0.184 kg), sewing thread 12
 * (0.004 kg), woven label 8 (0.002 kg). The fabric's own value is 260, made from yarn worth 150 (0.180 kg) and
 * dye worth 20 (0.002 kg); the yarn from cotton worth 80 (0.200 kg).
 */
import type { BillOfMaterialsLine, ClaimedGood } from './assessment.schema.js';

export const CUT_AND_SEWN = 'cut_or_knit_to_shape_and_sewn_or_otherwise_assembled';

/** Raw cotton grown and ginned in `country`: wholly obtained there. */
export function rawCotton(country: string): BillOfMaterialsLine {
  return {
    description: 'raw cotton, not carded or combed',
    hs: '5201.00',
    originCountry: country,
    originating: 'unknown',
    valueMinor: 80,
    weightKg: 0.2,
    trace: { whollyObtained: true, materials: [] },
  };
}

/** Single cotton yarn spun in `country` from `cotton`. */
export function cottonYarn(country: string, cotton: BillOfMaterialsLine): BillOfMaterialsLine {
  return {
    description: 'single cotton yarn, combed fibres',
    hs: '5205.12',
    originCountry: country,
    originating: 'unknown',
    valueMinor: 150,
    weightKg: 0.18,
    trace: { materials: [cotton] },
  };
}

/** Cotton yarn spun in China: produced outside the territory of either agreement. */
export function chineseYarn(): BillOfMaterialsLine {
  return {
    description: 'single cotton yarn, combed fibres',
    hs: '5205.12',
    originCountry: 'CN',
    originating: false,
    valueMinor: 150,
    weightKg: 0.18,
  };
}

/** Knit and dyed cotton fabric produced in `country` from `yarn` and German reactive dye. */
export function knitFabric(
  country: string,
  yarn: BillOfMaterialsLine,
  weightKg = 0.184,
): BillOfMaterialsLine {
  return {
    description: 'knitted cotton jersey, dyed',
    hs: '6006.22',
    originCountry: country,
    originating: 'unknown',
    valueMinor: 260,
    weightKg,
    trace: {
      materials: [
        yarn,
        {
          description: 'reactive dye',
          hs: '3204.16',
          originCountry: 'DE',
          originating: false,
          valueMinor: 20,
          weightKg: 0.002,
        },
      ],
    },
  };
}

/** Cotton sewing thread, declared originating with a supplier's certification. */
export function sewingThread(country: string): BillOfMaterialsLine {
  return {
    description: 'cotton sewing thread',
    hs: '5204.11',
    originCountry: country,
    originating: true,
    valueMinor: 12,
    weightKg: 0.004,
    evidence: [{ kind: 'certification_of_origin', reference: `CO-THREAD-${country}-001` }],
  };
}

/** Woven brand label made in China. */
export function wovenLabel(): BillOfMaterialsLine {
  return {
    description: 'woven brand label',
    hs: '5807.10',
    originCountry: 'CN',
    originating: false,
    valueMinor: 8,
    weightKg: 0.002,
  };
}

/** The T-shirt, cut and sewn in `country`, with both value bases at 500. */
export function tShirt(country: string, overrides: Partial<ClaimedGood> = {}): ClaimedGood {
  return {
    description: "men's cotton T-shirt, knitted",
    hs: '6109.10',
    producedIn: country,
    transactionValueMinor: 500,
    adjustedValueMinor: 500,
    weightKg: 0.2,
    processes: [CUT_AND_SEWN],
    ...overrides,
  };
}
