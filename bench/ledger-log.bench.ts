/**
 * Local transparency log benchmark: tree appends, inclusion and consistency proofs at 1k / 100k /
 * 1M leaves, and checkpoint signing, verification and witness cosigning.
 * Baseline (same run): plain SHA-256 of the same leaf data, without any tree.
 *
 *   npx tsx bench/ledger-log.bench.ts            # all sizes
 *   npx tsx bench/ledger-log.bench.ts 1000 100000
 *
 * Prints a table, then one line of JSON. Progress goes to stderr.
 */
import { hash as sha256 } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  MemoryTreeStore,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  TransparencyLog,
  checkFinality,
  compileWitnessPolicy,
  cosignCheckpoint,
  cosignatureSigner,
  createWitnessState,
  generateKeys,
  noteSigner,
  noteVerifier,
  openCheckpoint,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  addSignatureLines,
  type Hash,
} from '../src/modules/ledger/log/index.js';

const SIZES = process.argv.slice(2).map(Number).filter(Number.isSafeInteger);
const TREE_SIZES = SIZES.length > 0 ? SIZES : [1_000, 100_000, 1_000_000];
const PROOF_SAMPLES = 2_000;
const SIGNATURE_OPS = 2_000;
const ORIGIN = 'aduana.gob.example/ledger';

// A forced collection before and after building each tree makes the memory figures meaningful.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const progress = (message: string): void => {
  process.stderr.write(`[ledger-log bench] ${message}\n`);
};

let seed = 0x9e3779b9;
function randomBelow(bound: number): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.floor((seed / 2 ** 32) * bound);
}

function percentile(sortedNs: readonly number[], p: number): number {
  return sortedNs[Math.min(sortedNs.length - 1, Math.floor((p / 100) * sortedNs.length))]!;
}

/** Times `op` once per sample; returns p50 / p99 in microseconds. */
function latency(samples: number, op: (i: number) => void): { p50Us: number; p99Us: number } {
  const ns: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = process.hrtime.bigint();
    op(i);
    ns.push(Number(process.hrtime.bigint() - start));
  }
  ns.sort((a, b) => a - b);
  return { p50Us: percentile(ns, 50) / 1000, p99Us: percentile(ns, 99) / 1000 };
}

/** Runs `op` `count` times; returns operations per second. */
function throughput(count: number, op: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) op(i);
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Leaf data as the engine stores it: the anchor kind byte then a 32-byte batch root. */
function leafData(count: number): Uint8Array[] {
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < count; i += 1) {
    const data = Buffer.alloc(33);
    data.writeUInt32BE(i, 29);
    data.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 1);
    leaves.push(data);
  }
  return leaves;
}

interface TreeFigures {
  size: number;
  baselineSha256PerS: number;
  appendsPerS: number;
  rootUs: number;
  inclusionProveUs: { p50Us: number; p99Us: number };
  inclusionVerifyUs: { p50Us: number; p99Us: number };
  consistencyProveUs: { p50Us: number; p99Us: number };
  consistencyVerifyUs: { p50Us: number; p99Us: number };
  proofHashes: number;
  reservedMiB: number;
  heapDeltaMiB: number;
}

function benchTree(size: number): TreeFigures {
  progress(`tree of ${size.toLocaleString('en')} leaves: generating leaf data`);
  const leaves = leafData(size);
  collectGarbage();
  const heapBefore = process.memoryUsage();

  progress(`  baseline: plain SHA-256 of every leaf`);
  let sink = 0;
  const baselineSha256PerS = throughput(size, (i) => {
    sink ^= sha256('sha256', leaves[i]!, 'buffer')[0]!;
  });

  progress(`  appends (leaf hash + tree update)`);
  const store = new MemoryTreeStore();
  const appendsPerS = throughput(size, (i) => {
    store.appendData(leaves[i]!);
  });
  collectGarbage();
  const heapAfter = process.memoryUsage();

  const rootStart = process.hrtime.bigint();
  const root = store.root();
  const rootUs = Number(process.hrtime.bigint() - rootStart) / 1000;

  progress(`  inclusion proofs (${PROOF_SAMPLES} random leaves)`);
  const indexes = Array.from({ length: PROOF_SAMPLES }, () => randomBelow(size));
  const proofs: Hash[][] = [];
  const inclusionProveUs = latency(PROOF_SAMPLES, (i) => {
    proofs.push(store.inclusionProof(indexes[i]!));
  });
  const leafHashes = indexes.map((i) => store.leafHash(i));
  let verified = 0;
  const inclusionVerifyUs = latency(PROOF_SAMPLES, (i) => {
    if (verifyInclusion(leafHashes[i]!, indexes[i]!, size, proofs[i]!, root)) verified += 1;
  });
  if (verified !== PROOF_SAMPLES) throw new Error('an inclusion proof failed to verify');

  progress(`  consistency proofs (${PROOF_SAMPLES} random old sizes)`);
  const oldSizes = Array.from({ length: PROOF_SAMPLES }, () => 1 + randomBelow(size - 1));
  const oldRoots = oldSizes.map((s) => store.root(s));
  const cproofs: Hash[][] = [];
  const consistencyProveUs = latency(PROOF_SAMPLES, (i) => {
    cproofs.push(store.consistencyProof(oldSizes[i]!, size));
  });
  verified = 0;
  const consistencyVerifyUs = latency(PROOF_SAMPLES, (i) => {
    if (verifyConsistency(oldSizes[i]!, size, oldRoots[i]!, root, cproofs[i]!)) verified += 1;
  });
  if (verified !== PROOF_SAMPLES) throw new Error('a consistency proof failed to verify');
  if (sink === -1) progress('unreachable');

  return {
    size,
    baselineSha256PerS,
    appendsPerS,
    rootUs,
    inclusionProveUs,
    inclusionVerifyUs,
    consistencyProveUs,
    consistencyVerifyUs,
    proofHashes: proofs[0]!.length,
    reservedMiB: store.reservedBytes / 2 ** 20,
    heapDeltaMiB:
      (heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers) / 2 ** 20,
  };
}

async function benchEngine(size: number): Promise<number> {
  progress(`engine: TransparencyLog.anchor × ${size.toLocaleString('en')} (memory storage)`);
  const log = new TransparencyLog({ origin: ORIGIN, signerKey: generateKeys(ORIGIN).signerKey });
  const roots = leafData(size).map((d) => d.subarray(1));
  const start = process.hrtime.bigint();
  for (const root of roots) await log.anchor({ root });
  return size / (Number(process.hrtime.bigint() - start) / 1e9);
}

function benchCheckpoints() {
  progress(`checkpoints: sign / verify / cosign / finality × ${SIGNATURE_OPS}`);
  const logKeys = generateKeys(ORIGIN);
  const signer = noteSigner(logKeys.signerKey);
  const verifier = noteVerifier(logKeys.verifierKey);
  const store = new MemoryTreeStore();
  for (const data of leafData(4096)) store.appendData(data);
  const checkpoint = { origin: ORIGIN, size: store.size, rootHash: store.root() };

  const signPerS = throughput(SIGNATURE_OPS, () => signCheckpoint(checkpoint, signer));
  const note = signCheckpoint(checkpoint, signer);
  const verifyPerS = throughput(SIGNATURE_OPS, () => openCheckpoint(note, verifier));

  const witnesses = ['cr', 'pa', 'do'].map((c) =>
    generateKeys(`aduana.${c}.example/witness`, SIGNATURE_TYPE_COSIGNATURE_V1),
  );
  const witnessSigner = cosignatureSigner(witnesses[0]!.signerKey);
  const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
  const rawCosignPerS = throughput(SIGNATURE_OPS, (i) => witnessSigner.cosign(text, 1_760_000_000 + i));

  // Full witness path: verify the log signature, the consistency proof from 2048, then cosign.
  const state = cosignCheckpoint(
    createWitnessState([{ origin: ORIGIN, verifierKey: logKeys.verifierKey }]),
    witnessSigner,
    {
      oldSize: 0,
      consistencyProof: [],
      checkpoint: signCheckpoint({ origin: ORIGIN, size: 2048, rootHash: store.root(2048) }, signer),
    },
    1_760_000_000,
  ).state;
  const request = { oldSize: 2048, consistencyProof: store.consistencyProof(2048), checkpoint: note };
  const witnessCosignPerS = throughput(SIGNATURE_OPS, (i) =>
    cosignCheckpoint(state, witnessSigner, request, 1_760_000_000 + i),
  );

  const lines = witnesses.map(
    (w) =>
      cosignCheckpoint(
        createWitnessState([{ origin: ORIGIN, verifierKey: logKeys.verifierKey }]),
        cosignatureSigner(w.signerKey),
        { oldSize: 0, consistencyProof: [], checkpoint: note },
        1_760_000_000,
      ).cosignature,
  );
  const cosigned = addSignatureLines(note, lines);
  const policy = compileWitnessPolicy({ threshold: 2, witnesses: witnesses.map((w) => w.verifierKey) });
  const finalityPerS = throughput(SIGNATURE_OPS, () => {
    if (!checkFinality(cosigned, verifier, policy).final) throw new Error('expected a final checkpoint');
  });
  return { signPerS, verifyPerS, rawCosignPerS, witnessCosignPerS, finality2of3PerS: finalityPerS };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const lat = (l: { p50Us: number; p99Us: number }): string => `${fmt(l.p50Us, 1)} / ${fmt(l.p99Us, 1)}`;

progress('warm-up (untimed): 20,000-leaf tree');
benchTree(20_000);
const loadBefore = loadavg()[0]!;
const trees = TREE_SIZES.map(benchTree);
const engineAnchorsPerS = await benchEngine(Math.min(100_000, Math.max(...TREE_SIZES)));
const checkpoints = benchCheckpoints();

const rows: [string, ...string[]][] = [
  ['tree size', ...trees.map((t) => fmt(t.size))],
  ['baseline: plain SHA-256 of leaves (/s)', ...trees.map((t) => fmt(t.baselineSha256PerS))],
  ['appends: leaf hash + tree update (/s)', ...trees.map((t) => fmt(t.appendsPerS))],
  ['appends vs baseline', ...trees.map((t) => `${fmt(t.appendsPerS / t.baselineSha256PerS, 2)}×`)],
  ['root at current size (µs)', ...trees.map((t) => fmt(t.rootUs, 1))],
  ['inclusion proof: build p50 / p99 (µs)', ...trees.map((t) => lat(t.inclusionProveUs))],
  ['inclusion proof: verify p50 / p99 (µs)', ...trees.map((t) => lat(t.inclusionVerifyUs))],
  ['consistency proof: build p50 / p99 (µs)', ...trees.map((t) => lat(t.consistencyProveUs))],
  ['consistency proof: verify p50 / p99 (µs)', ...trees.map((t) => lat(t.consistencyVerifyUs))],
  ['inclusion proof length (hashes)', ...trees.map((t) => fmt(t.proofHashes))],
  ['hash buffers reserved (MiB)', ...trees.map((t) => fmt(t.reservedMiB, 1))],
  ['heap + array buffers growth (MiB)', ...trees.map((t) => fmt(t.heapDeltaMiB, 1))],
];
const width = rows.reduce((w, [label]) => Math.max(w, label.length), 0);
const colWidth = rows.reduce((w, [, ...cells]) => Math.max(w, ...cells.map((c) => c.length)), 0);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const loadAfter = loadavg()[0]!;
console.log(
  `\nLocal transparency log — Node ${process.version}, ${process.arch}, ${availableParallelism()} × ${cpu}, ` +
    `1-min load ${fmt(loadBefore, 1)} → ${fmt(loadAfter, 1)}\n`,
);
for (const [label, ...cells] of rows) {
  console.log(`${label.padEnd(width)}  ${cells.map((c) => c.padStart(colWidth)).join('  ')}`);
}
console.log('');
const single: [string, string][] = [
  ['engine TransparencyLog.anchor, memory storage (/s)', fmt(engineAnchorsPerS)],
  ['checkpoint sign, Ed25519 note (/s)', fmt(checkpoints.signPerS)],
  ['checkpoint open + verify (/s)', fmt(checkpoints.verifyPerS)],
  ['cosignature/v1 sign only (/s)', fmt(checkpoints.rawCosignPerS)],
  ['witness: verify sig + consistency + cosign (/s)', fmt(checkpoints.witnessCosignPerS)],
  ['finality check, 2-of-3 cosigned note (/s)', fmt(checkpoints.finality2of3PerS)],
];
const singleWidth = single.reduce((w, [label]) => Math.max(w, label.length), 0);
for (const [label, value] of single) console.log(`${label.padEnd(singleWidth)}  ${value.padStart(12)}`);
console.log('');
console.log(
  JSON.stringify({
    bench: 'ledger-log',
    node: process.version,
    cpus: availableParallelism(),
    loadAverage: [loadBefore, loadAfter],
    trees,
    engineAnchorsPerS,
    checkpoints,
  }),
);
