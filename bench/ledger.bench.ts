/**
 * bench:ledger — the ledger's costs, all measured in this run on in-memory PGlite:
 *  - signed EPCIS events recorded per second, anchored through the transparency log in batches
 *    (recording, outbox delivery, batching, log append, checkpoint signing), against the baseline of the
 *    same events recorded without anchoring;
 *  - inclusion-proof generation (batch path + log inclusion) and offline verification;
 *  - checkpoint cosigning latency between two local instances acting as each other's witness over HTTP;
 *  - the EVM engine on an in-process chain: OpenAttestation documents anchored per second (one root per
 *    batch) and gas per document, direct and through the ERC-2771 forwarder.
 *
 *   npm run bench:ledger -- [--events 1000] [--batch 256] [--proofs 200] [--rounds 20] [--documents 2000]
 */
import oa from '@govtechsg/open-attestation';
import { Wallet } from 'ethers';
import pino from 'pino';
import type { Role } from '../src/platform/auth/roles.js';
import { createApp, type Aduana } from '../src/platform/app.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/database/database.js';
import { seedDemoUsers } from '../src/modules/declarations/demo/seed.js';
import { DevChain } from '../src/modules/ledger/evm/dev-chain.js';
import { EvmLedger } from '../src/modules/ledger/evm/evm-ledger.js';
import { checkInclusionEvidence } from '../src/modules/ledger/log/evidence.js';
import { decodeBase64 } from '../src/modules/ledger/log/keys.js';
import { hashLeaf, verifyInclusion } from '../src/modules/ledger/log/merkle.js';
import { administrationKeys, freePorts, provisionedApiKey } from '../src/modules/ledger/test-support.js';
import { commissioning, partySigner } from '../src/modules/provenance/test-support.js';
import { eventHashId, PROVENANCE_ITEM_KIND } from '../src/modules/provenance/index.js';
import { percentiles, printTable } from './lib/report.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1000);
const BATCH = arg('batch', 256);
const PROOFS = arg('proofs', 200);
const ROUNDS = arg('rounds', 20);
const DOCUMENTS = arg('documents', 2000);
const log = (s: string) => process.stderr.write(`${s}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function platform(overrides: Partial<Config> = {}): Promise<Aduana> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const config = loadConfig(
    {},
    {
      port: 0,
      logLevel: 'silent',
      outboxPollMs: 3_600_000,
      ledgerBatchIntervalMs: 3_600_000,
      ledgerBatchSize: BATCH,
      mqttPort: 0,
      mqttWsPort: -1,
      ...overrides,
    },
  );
  const app = await createApp(config, { database, logger: pino({ level: 'silent' }) });
  await seedDemoUsers(app.auth);
  return app;
}

/** N signed commissioning events for the demo trader GT-BRK-0002, ready to record. */
async function signedEvents(app: Aduana, tag: string) {
  const signer = partySigner();
  const principal = {
    kind: 'user' as const,
    id: 'bench',
    name: 'bench',
    roles: ['trader' as Role],
    partyTin: 'GT-BRK-0002',
    office: null,
    locale: 'en',
  };
  const key = await app.provenance.service.registerKey(principal, Buffer.from(signer.publicKey, 'base64'));
  return Array.from({ length: EVENTS }, (_, i) => {
    const event = commissioning(`https://id.gs1.org/01/09506000000011/10/${tag}-${i}`, {
      country: 'GT',
      hs: '6109.10',
      description: 'T-shirt lot',
      valueMinor: 500 + i,
      kg: 0.2,
    });
    return {
      principal,
      input: { event, keyId: key.key_id, signature: Buffer.from(signer.sign(eventHashId(event)), 'base64') },
    };
  });
}

async function recordingRun(anchor: boolean) {
  const app = await platform();
  const events = await signedEvents(app, anchor ? 'A' : 'B');
  const start = process.hrtime.bigint();
  for (const [i, e] of events.entries()) {
    await app.provenance.service.record(e.principal, e.input);
    if (i % Math.max(1, Math.floor(EVENTS / 5)) === 0)
      log(`${anchor ? 'anchored' : 'baseline'}: ${i}/${EVENTS}`);
  }
  let batches = 0;
  if (anchor) {
    await app.dispatcher.drain();
    // Batches may also have been sealed in the background as they filled; each is one log entry.
    batches = (await app.ledger.publishCheckpoint()).checkpoint.size;
  }
  const seconds = ms(start) / 1000;
  return { app, events, perSecond: EVENTS / seconds, batches };
}

async function main() {
  // Baseline before and after the anchored run, averaged, so that load drifting on the machine is shared.
  log(`recording ${EVENTS} signed events without anchoring (baseline 1/2)`);
  const before = await recordingRun(false);
  await before.app.close();
  log(`recording ${EVENTS} signed events anchored in batches of ${BATCH}`);
  const anchored = await recordingRun(true);
  log(`recording ${EVENTS} signed events without anchoring (baseline 2/2)`);
  const after = await recordingRun(false);
  await after.app.close();
  const baseline = { perSecond: (before.perSecond + after.perSecond) / 2 };
  const app = anchored.app;

  log(`${PROOFS} inclusion proofs`);
  const generate: number[] = [];
  const verify: number[] = [];
  const logKey = app.ledger.log!.verifierKey;
  for (let i = 0; i < PROOFS; i += 1) {
    const event = anchored.events[(i * 7919) % EVENTS]!;
    const id = eventHashId(event.input.event);
    let start = process.hrtime.bigint();
    const proof = await app.ledger.anchoring.proof(PROVENANCE_ITEM_KIND, id);
    generate.push(ms(start));
    if (proof?.batch == null || proof.ledger == null) throw new Error('item not anchored');
    start = process.hrtime.bigint();
    const leaf = hashLeaf(Buffer.from(proof.digest, 'hex'));
    const batchOk = verifyInclusion(
      leaf,
      proof.batch.position,
      proof.batch.size,
      proof.batch.proof.map((h) => Buffer.from(h, 'hex')),
      Buffer.from(proof.batch.root, 'hex'),
    );
    const logOk = checkInclusionEvidence(
      {
        leafHash: Buffer.from(proof.ledger.entryId, 'hex'),
        index: proof.ledger.index,
        treeSize: proof.ledger.treeSize,
        proof: proof.ledger.proof.map((h) => Buffer.from(h, 'hex')),
        checkpoint: {
          size: proof.ledger.checkpoint.size,
          rootHash: decodeBase64(proof.ledger.checkpoint.rootHash)!,
          attestation: proof.ledger.checkpoint.attestation,
        },
      },
      logKey,
    ).valid;
    verify.push(ms(start));
    if (!batchOk || !logOk) throw new Error('proof did not verify');
  }
  await app.close();

  log(`${ROUNDS} cosigning rounds between two local instances`);
  const [portA, portB] = await freePorts(2);
  const jm = administrationKeys('bench.jm/ledger');
  const gt = administrationKeys('bench.gt/ledger');
  const keyAtGt = provisionedApiKey('JM', ['partner_administration']);
  const a = await platform({
    port: portA,
    ledgerOrigin: jm.origin,
    ledgerKeyFile: jm.logFile,
    ledgerWitnessKeyFile: jm.witnessFile,
    ledgerWitnesses: [
      { url: `http://127.0.0.1:${portB}`, vkey: gt.witness.verifierKey, apiKey: keyAtGt.key },
    ],
  });
  const b = await platform({
    port: portB,
    ledgerOrigin: gt.origin,
    ledgerKeyFile: gt.logFile,
    ledgerWitnessKeyFile: gt.witnessFile,
    ledgerFollowedLogs: [{ origin: jm.origin, vkey: jm.log.verifierKey }],
  });
  await b.auth.repository.insertApiKey({ ...keyAtGt.row, roles: keyAtGt.row.roles as Role[] });
  await Promise.all([a.listen(), b.listen()]);
  const cosign: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    await a.ledger.anchoring.enqueue([
      { kind: 'bench.record', itemId: `r${r}`, digest: hashLeaf(Buffer.from(`round ${r}`)) },
    ]);
    await a.ledger.anchoring.sealPending();
    const start = process.hrtime.bigint();
    const outcome = await a.ledger.publishCheckpoint();
    cosign.push(ms(start));
    if (outcome.checkpoint.final !== true) throw new Error('checkpoint not cosigned');
  }
  await Promise.all([a.close(), b.close()]);

  log(`EVM engine: ${DOCUMENTS} documents`);
  const issuer = new Wallet(Wallet.createRandom().privateKey);
  const relayer = new Wallet(Wallet.createRandom().privateKey);
  const chain = await DevChain.start({ funded: [issuer.address, relayer.address] });
  const provider = chain.provider();
  const directStore = await EvmLedger.deploy(issuer.connect(provider), {
    name: 'bench',
    withForwarder: false,
  });
  const relayedStore = await EvmLedger.deploy(issuer.connect(provider), {
    name: 'bench relayed',
    withForwarder: true,
  });
  const direct = new EvmLedger({ provider, issuer, contract: directStore.contract });
  const relayed = new EvmLedger({
    provider,
    issuer,
    contract: relayedStore.contract,
    relay: { forwarder: relayedStore.forwarder!, relayer: relayer.connect(provider) },
  });
  const evmRuns: {
    mode: string;
    perBatch: number;
    docsPerSecond: number;
    gasPerDocument: number;
    gasPerRoot: number;
  }[] = [];
  for (const [mode, ledger, perBatch] of [
    ['direct', direct, 1],
    ['direct', direct, 100],
    ['ERC-2771 relayed', relayed, 100],
  ] as const) {
    const docs = Math.min(DOCUMENTS, perBatch === 1 ? 200 : DOCUMENTS);
    const before = ledger.gasUsed;
    const start = process.hrtime.bigint();
    let roots = 0;
    for (let i = 0; i < docs; i += perBatch) {
      const wrapped = oa.wrapDocuments(
        Array.from({ length: Math.min(perBatch, docs - i) }, (_, j) => ({
          $template: { name: 'CO', type: 'EMBEDDED_RENDERER', url: 'https://aduana.local/renderer' },
          issuers: [
            {
              name: 'Aduana',
              documentStore: directStore.contract,
              identityProof: { type: 'DNS-TXT', location: 'aduana.local' },
            },
          ],
          certificateNumber: `CO-${mode}-${perBatch}-${i + j}`,
        })) as Parameters<typeof oa.wrapDocuments>[0],
      );
      await ledger.anchor({ root: Buffer.from(oa.utils.getMerkleRoot(wrapped[0]!), 'hex') });
      roots += 1;
    }
    const seconds = ms(start) / 1000;
    const gas = Number(ledger.gasUsed - before);
    evmRuns.push({
      mode,
      perBatch,
      docsPerSecond: round(docs / seconds, 1),
      gasPerDocument: Math.round(gas / docs),
      gasPerRoot: Math.round(gas / roots),
    });
  }
  provider.destroy();

  const g = percentiles(generate);
  const v = percentiles(verify);
  const c = percentiles(cosign);
  printTable(
    ['measure', 'value', 'unit', 'baseline / note'],
    [
      [
        'events recorded, anchored in batches',
        round(anchored.perSecond, 1),
        'events/s',
        `${round(baseline.perSecond, 1)} events/s without anchoring (${round((anchored.perSecond / baseline.perSecond) * 100, 1)} %)`,
      ],
      ['batches sealed', anchored.batches, 'batches', `batch size ${BATCH}`],
      [
        'inclusion proof generation p50 / p95',
        `${round(g.p50)} / ${round(g.p95)}`,
        'ms',
        'batch path + log inclusion from the database',
      ],
      [
        'inclusion proof verification p50 / p95',
        `${round(v.p50, 3)} / ${round(v.p95, 3)}`,
        'ms',
        'offline: batch path, log path, checkpoint signature',
      ],
      [
        'checkpoint cosigning, two instances p50 / p95',
        `${round(c.p50)} / ${round(c.p95)}`,
        'ms',
        'sign + HTTP witness consistency check + cosignature',
      ],
      ...evmRuns.map((r) => [
        `EVM ${r.mode}, ${r.perBatch} document(s) per root`,
        r.docsPerSecond,
        'documents/s',
        `${r.gasPerDocument} gas/document, ${r.gasPerRoot} gas/root`,
      ]),
    ],
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'ledger',
      events: EVENTS,
      batchSize: BATCH,
      anchoredEventsPerSecond: round(anchored.perSecond, 1),
      baselineEventsPerSecond: round(baseline.perSecond, 1),
      batches: anchored.batches,
      proofGenerationMs: { p50: round(g.p50, 3), p95: round(g.p95, 3) },
      proofVerificationMs: { p50: round(v.p50, 4), p95: round(v.p95, 4) },
      cosigningMs: { p50: round(c.p50), p95: round(c.p95), rounds: ROUNDS },
      evm: evmRuns,
    })}\n`,
  );
}

await main();
