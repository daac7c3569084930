/**
 * Rules-of-origin benchmark: assessments per second and per-assessment latency (p50/p99) of `assessOrigin` on
 * generated bills of materials of 5, 50 and 500 lines under USMCA 8544.70 (CTSH with exceptions, or CTSH with
 * RVC by transaction value or net cost), plus the traced T-shirt (cotton → yarn → fabric → garment). The
 * baseline, measured in the same run on the same BOMs, is the RVC arithmetic alone: summing the value of
 * non-originating materials and computing (TV − VNM) / TV in integer minor units.
 *
 *   npx tsx bench/origin-rules.bench.ts [secondsPerCase=1]
 *
 * Prints a table, then one line of JSON. Progress goes to stderr.
 */
import {
  assessOrigin,
  loadRuleSet,
  type BillOfMaterialsLine,
  type ClaimedGood,
} from '../src/modules/origin/rules/index.js';
import {
  cottonYarn,
  knitFabric,
  rawCotton,
  sewingThread,
  tShirt,
  wovenLabel,
} from '../src/modules/origin/rules/test-fixtures.js';

const secondsPerCase = Number(process.argv[2] ?? '1');
const BOMS_PER_CASE = 32;
const MiB = 1024 * 1024;

interface Claim {
  readonly product: ClaimedGood;
  readonly materials: readonly BillOfMaterialsLine[];
}

interface Row {
  case: string;
  materials: number;
  assessmentsPerSec: number;
  p50Us: number;
  p99Us: number;
  baselinePerSec: number;
  baselineP50Us: number;
  vsBaseline: number;
  qualifies: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run assesses the same BOMs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MATERIAL_CODES = [
  '9001.10',
  '7002.20',
  '3901.10',
  '7217.10',
  '5402.11',
  '7408.11',
  '3926.90',
  '8544.49',
];
const COUNTRIES = ['US', 'MX', 'CA', 'CN', 'JP', 'DE'];

/** A cable made in Mexico from `lines` materials; about two thirds of the value is regional. */
function generatedCable(lines: number, next: () => number): Claim {
  const materials: BillOfMaterialsLine[] = [];
  let total = 0;
  for (let index = 0; index < lines; index += 1) {
    const originCountry = COUNTRIES[Math.floor(next() * COUNTRIES.length)] ?? 'US';
    const regional = ['US', 'MX', 'CA'].includes(originCountry);
    const valueMinor = 100 + Math.floor(next() * 10_000);
    total += valueMinor;
    materials.push({
      description: `material ${index}`,
      hs: MATERIAL_CODES[Math.floor(next() * MATERIAL_CODES.length)] ?? '3901.10',
      originCountry,
      originating: regional ? (next() < 0.9 ? true : 'unknown') : false,
      valueMinor,
    });
  }
  const transactionValueMinor = Math.round(total * 1.6);
  return {
    product: {
      hs: '8544.70',
      producedIn: 'MX',
      transactionValueMinor,
      netCostMinor: Math.round(total * 1.3),
    },
    materials,
  };
}

/** The RVC arithmetic alone: VNM in minor units, then (TV − VNM) / TV in basis points, rounded half up. */
function rvcArithmetic(claim: Claim): bigint {
  let vnm = 0n;
  for (const material of claim.materials)
    if (material.originating !== true) vnm += BigInt(material.valueMinor);
  const tv = BigInt(claim.product.transactionValueMinor ?? 1);
  return ((tv - vnm) * 20_000n + tv) / (2n * tv);
}

function measure(claims: readonly Claim[], run: (claim: Claim) => unknown, seconds: number) {
  let sink = 0;
  for (let i = 0; i < 50; i += 1) for (const claim of claims) if (run(claim) !== undefined) sink += 1; // warm-up
  const latencies: number[] = [];
  let totalNs = 0;
  while (totalNs < seconds * 1e9) {
    for (const claim of claims) {
      const start = process.hrtime.bigint();
      if (run(claim) !== undefined) sink += 1;
      const ns = Number(process.hrtime.bigint() - start);
      latencies.push(ns);
      totalNs += ns;
    }
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  if (sink < 0) console.error(sink);
  return { perSec: latencies.length / (totalNs / 1e9), p50: percentile(0.5), p99: percentile(0.99) };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function benchCase(name: string, claims: readonly Claim[], agreement: 'USMCA' | 'CAFTA-DR'): Row {
  const ruleSet = loadRuleSet(agreement);
  process.stderr.write(`measuring ${name}…\n`);
  const assess = (claim: Claim) =>
    assessOrigin({ ruleSet, product: claim.product, materials: claim.materials });
  const qualifies = claims.filter((claim) => assess(claim).outcome === 'qualifies').length;
  const baseline = measure(claims, rvcArithmetic, secondsPerCase);
  const subject = measure(claims, assess, secondsPerCase);
  return {
    case: name,
    materials: claims[0]?.materials.length ?? 0,
    assessmentsPerSec: Math.round(subject.perSec),
    p50Us: round(subject.p50 / 1e3, 1),
    p99Us: round(subject.p99 / 1e3, 1),
    baselinePerSec: Math.round(baseline.perSec),
    baselineP50Us: round(baseline.p50 / 1e3, 2),
    vsBaseline: round(subject.perSec / baseline.perSec, 4),
    qualifies: round(qualifies / claims.length, 2),
  };
}

const rssAtStart = process.memoryUsage().rss;
const next = random(20_260_101);
const rows: Row[] = [5, 50, 500].map((lines) =>
  benchCase(
    `USMCA 8544.70, ${lines} lines`,
    Array.from({ length: BOMS_PER_CASE }, () => generatedCable(lines, next)),
    'USMCA',
  ),
);
const garment: Claim = {
  product: tShirt('GT'),
  materials: [knitFabric('GT', cottonYarn('HN', rawCotton('US'))), sewingThread('HN'), wovenLabel()],
};
rows.push(benchCase('CAFTA-DR T-shirt, traced 3 deep', [garment], 'CAFTA-DR'));
const memory = process.memoryUsage();

const header = [
  'case',
  'lines',
  'assess/s',
  'p50 µs',
  'p99 µs',
  'RVC-only/s',
  'RVC-only p50 µs',
  'vs RVC-only',
  'share qualifying',
];
const table = rows.map((row) => [
  row.case,
  String(row.materials),
  row.assessmentsPerSec.toLocaleString('en-US'),
  row.p50Us.toFixed(1),
  row.p99Us.toFixed(1),
  row.baselinePerSec.toLocaleString('en-US'),
  row.baselineP50Us.toFixed(2),
  `${(row.vsBaseline * 100).toFixed(2)} %`,
  row.qualifies.toFixed(2),
]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((cells) => cells[column]?.length ?? 0)),
);
const print = (cells: readonly string[]) =>
  console.log(
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
print(header);
print(widths.map((width) => '-'.repeat(width)));
table.forEach(print);
console.log(
  `\nmemory: rss ${round(memory.rss / MiB, 1)} MiB (+${round((memory.rss - rssAtStart) / MiB, 1)} MiB during run), heap used ${round(memory.heapUsed / MiB, 1)} MiB; ${BOMS_PER_CASE} BOMs per generated case; ${secondsPerCase} s per measurement; node ${process.version}`,
);
console.log(
  JSON.stringify({
    bench: 'origin-rules',
    secondsPerCase,
    bomsPerCase: BOMS_PER_CASE,
    rows,
    memory: { rssMiB: round(memory.rss / MiB, 1), heapUsedMiB: round(memory.heapUsed / MiB, 1) },
  }),
);
