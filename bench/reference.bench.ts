/**
 * Reference data benchmark: cold load time and memory of each dataset, then lookups per second for HS codes,
 * countries and container numbers, each against a plain Map lookup over the same keys in the same run.
 *
 *   npx tsx bench/reference.bench.ts [secondsPerCase=1]
 *
 * Prints a table, then one line of JSON.
 */
import {
  checkContainerNumber,
  checkHsCode,
  containerCheckDigit,
  getCountry,
  getCurrency,
  getHs,
  getSeaport,
  isKnownHsCode,
  listCountries,
  listHsSubheadings,
} from '../src/platform/reference/index.js';

const secondsPerCase = Number(process.argv[2] ?? '1');

interface ColdLoad {
  dataset: string;
  ms: number;
  rssMiB: number;
  heapMiB: number;
}

interface Throughput {
  case: string;
  keys: number;
  opsPerSec: number;
  nsPerOpP50: number;
  nsPerOpP99: number;
  baselineOpsPerSec: number;
  vsBaseline: number;
}

const MiB = 1024 * 1024;

function coldLoad(dataset: string, firstLookup: () => unknown): ColdLoad {
  const before = process.memoryUsage();
  const start = process.hrtime.bigint();
  firstLookup();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const after = process.memoryUsage();
  return {
    dataset,
    ms: round(ms, 1),
    rssMiB: round((after.rss - before.rss) / MiB, 1),
    heapMiB: round((after.heapUsed - before.heapUsed) / MiB, 1),
  };
}

/** Runs `lookup` over every key, batch after batch, for about `seconds`; returns ops/s and per-op percentiles. */
function measure(keys: readonly string[], lookup: (key: string) => unknown, seconds: number) {
  let sink = 0;
  const pass = (): number => {
    const start = process.hrtime.bigint();
    for (const key of keys) if (lookup(key) !== undefined) sink++;
    return Number(process.hrtime.bigint() - start);
  };
  for (let i = 0; i < 20; i++) pass(); // warm-up, lets the JIT settle
  const perOp: number[] = [];
  let totalNs = 0;
  while (totalNs < seconds * 1e9) {
    const ns = pass();
    totalNs += ns;
    perOp.push(ns / keys.length);
  }
  perOp.sort((a, b) => a - b);
  const percentile = (p: number): number =>
    perOp[Math.min(perOp.length - 1, Math.floor(p * perOp.length))] ?? 0;
  if (sink < 0) console.error(sink); // keeps the lookups observable
  return {
    opsPerSec: (perOp.length * keys.length) / (totalNs / 1e9),
    p50: percentile(0.5),
    p99: percentile(0.99),
  };
}

function compare(name: string, keys: readonly string[], lookup: (key: string) => unknown): Throughput {
  process.stderr.write(`measuring ${name} (${keys.length} keys)…\n`);
  const table = new Map(keys.map((key) => [key, lookup(key)]));
  const baseline = measure(keys, (key) => table.get(key), secondsPerCase);
  const subject = measure(keys, lookup, secondsPerCase);
  return {
    case: name,
    keys: keys.length,
    opsPerSec: Math.round(subject.opsPerSec),
    nsPerOpP50: round(subject.p50, 1),
    nsPerOpP99: round(subject.p99, 1),
    baselineOpsPerSec: Math.round(baseline.opsPerSec),
    vsBaseline: round(subject.opsPerSec / baseline.opsPerSec, 2),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run checks the same container numbers. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rssAtStart = process.memoryUsage().rss;
const cold = [
  coldLoad('HS 2022', () => getHs('080810')),
  coldLoad('ISO 3166 countries', () => getCountry('JM')),
  coldLoad('ISO 4217 currencies', () => getCurrency('XCD')),
  coldLoad('Seaports', () => getSeaport('JMKIN')),
];
const rssLoadedMiB = round((process.memoryUsage().rss - rssAtStart) / MiB, 1);

// HS: every subheading, a national 10-digit code for each, and some that fail (headings, unknown, malformed).
const subheadings = listHsSubheadings().map((entry) => entry.code);
const hsKeys = [
  ...subheadings,
  ...subheadings.map((code) => `${code}0010`),
  ...subheadings.slice(0, 500).map((code) => code.slice(0, 4)),
  ...subheadings.slice(0, 500).map((code) => `${code.slice(0, 4)}99`),
  ...subheadings.slice(0, 200).map((code) => `${code.slice(0, 4)}.${code.slice(4)}`),
];
const countryKeys = [...listCountries().map((country) => country.alpha2), 'XK', 'EU', 'jm', 'AN'];
const next = random(6346);
const letter = (): string => String.fromCharCode(65 + Math.floor(next() * 26));
const containerKeys = Array.from({ length: 10_000 }, (_, i) => {
  const first10 = `${letter()}${letter()}${letter()}U${String(Math.floor(next() * 1e6)).padStart(6, '0')}`;
  const digit = containerCheckDigit(first10);
  return `${first10}${i % 10 === 0 ? (digit + 1) % 10 : digit}`; // one in ten has a wrong check digit
});

const results = [
  compare('HS isKnownHsCode', hsKeys, (key) => (isKnownHsCode(key) ? true : undefined)),
  compare('HS checkHsCode', hsKeys, checkHsCode),
  compare('HS getHs', hsKeys, getHs),
  compare('country getCountry', countryKeys, getCountry),
  compare('container checkContainerNumber', containerKeys, checkContainerNumber),
];

const memory = process.memoryUsage();
console.log('Cold load (first lookup, this process)');
console.log(
  `${'dataset'.padEnd(22)}${'ms'.padStart(8)}${'ΔRSS MiB'.padStart(10)}${'Δheap MiB'.padStart(11)}`,
);
for (const c of cold) {
  console.log(
    `${c.dataset.padEnd(22)}${c.ms.toFixed(1).padStart(8)}${c.rssMiB.toFixed(1).padStart(10)}${c.heapMiB.toFixed(1).padStart(11)}`,
  );
}
console.log(`all four loaded: +${rssLoadedMiB} MiB RSS; now RSS ${round(memory.rss / MiB, 1)} MiB\n`);
console.log('Lookups (baseline: Map.get over the same keys, same run)');
console.log(
  `${'case'.padEnd(33)}${'keys'.padStart(7)}${'ops/s'.padStart(14)}${'p50 ns'.padStart(9)}${'p99 ns'.padStart(9)}${'Map ops/s'.padStart(14)}${'×Map'.padStart(7)}`,
);
for (const r of results) {
  console.log(
    `${r.case.padEnd(33)}${String(r.keys).padStart(7)}${r.opsPerSec.toLocaleString('en').padStart(14)}${r.nsPerOpP50.toFixed(1).padStart(9)}${r.nsPerOpP99.toFixed(1).padStart(9)}${r.baselineOpsPerSec.toLocaleString('en').padStart(14)}${r.vsBaseline.toFixed(2).padStart(7)}`,
  );
}
console.log(
  JSON.stringify({
    bench: 'reference',
    node: process.version,
    secondsPerCase,
    coldLoad: cold,
    rssLoadedMiB,
    rssMiB: round(memory.rss / MiB, 1),
    lookups: results,
  }),
);
