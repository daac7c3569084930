import { containerCheckDigit } from '../../../platform/reference/index.js';
import type { DeclarationInput } from '../declaration.schema.js';
import {
  CONTAINER_OWNERS,
  DEMO_CARRIERS,
  DEMO_DECLARANTS,
  DEMO_GOODS,
  DEMO_IMPORTERS,
  DEMO_SELLERS,
  type DemoParty,
} from './demo-data.js';

/** Mulberry32: a small seeded PRNG, so demo data and benchmarks are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid ISO 6346 container number from an owner code and a serial. */
export function containerNumber(owner: string, serial: number): string {
  const first10 = `${owner}${String(serial % 1_000_000).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

export interface GenerateOptions {
  lrn: string;
  declarant?: DemoParty;
  office?: string;
  itemCount?: number;
  now?: Date;
}

const OFFICES = ['JMKIN01', 'JMKIN01', 'JMKIN01', 'JMMBJ01', 'GTSTC01', 'HNPCR01', 'PAMIT01'];
const round2 = (n: number) => Math.round(n * 100) / 100;

/** A believable import declaration with valid codes, containers and totals. */
export function generateDeclaration(random: () => number, options: GenerateOptions): DeclarationInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const declarant = options.declarant ?? pick(DEMO_DECLARANTS);
  const importer = pick(DEMO_IMPORTERS);
  const seller = pick(DEMO_SELLERS);
  const carrier = pick(DEMO_CARRIERS);
  const itemCount = options.itemCount ?? 1 + Math.floor(random() * random() * 4);
  const owner = pick(CONTAINER_OWNERS);
  const containerCount = 1 + Math.floor(random() * 2);
  const containers = Array.from({ length: containerCount }, () => ({
    number: containerNumber(owner, Math.floor(random() * 1_000_000)),
  }));
  const goodsItems = Array.from({ length: itemCount }, (_, i) => {
    const g = pick(DEMO_GOODS);
    const net = Math.round(g.massKg[0] + random() * (g.massKg[1] - g.massKg[0]));
    const gross = Math.round(net * (1.03 + random() * 0.08));
    const value = round2(net * g.usdPerKg * (0.7 + random() * 0.6));
    return {
      sequence: i + 1,
      hsCode: g.hs,
      description: g.description,
      originCountry: pick(g.origins),
      netMassKg: net,
      grossMassKg: gross,
      packages: Math.max(1, Math.round(net / (5 + random() * 40))),
      customsValue: value,
      currency: 'USD',
      procedureCode: '4000',
      sellerTin: seller.tin,
      documents: [],
    };
  });
  const amount = round2(goodsItems.reduce((s, g) => s + g.customsValue, 0));
  const now = options.now ?? new Date();
  return {
    lrn: options.lrn,
    type: 'import',
    office: options.office ?? pick(OFFICES),
    parties: {
      declarant: { tin: declarant.tin, name: declarant.name, address: { country: declarant.country } },
      importer: { tin: importer.tin, name: importer.name, address: { country: importer.country } },
      seller: { tin: seller.tin, name: seller.name, address: { country: seller.country } },
      carrier: { tin: carrier.tin, name: carrier.name },
    },
    transport: {
      mode: '1',
      meansName: 'MSC ANNA',
      containers,
      loadingLocation: seller.country === 'US' ? 'USMIA' : 'CNNGB',
      goodsLocation: 'JMKIN',
    },
    exportCountry: seller.country,
    incoterm: 'CIF',
    invoice: { number: `INV-${options.lrn}`, amount, currency: 'USD' },
    goodsItems,
    documents: [
      { kind: 'invoice', reference: `INV-${options.lrn}`, issuedOn: now.toISOString().slice(0, 10) },
      { kind: 'bill_of_lading', reference: `BL${Math.floor(random() * 1e9)}` },
    ],
    expectedArrivalAt: new Date(now.getTime() + (1 + random() * 5) * 86_400_000).toISOString(),
  };
}
