/**
 * The ledger module: the {@link Ledger} port and its engines (the local RFC 6962 transparency log in the
 * platform database, witnessed by partner administrations; or an EVM document store), anchoring of
 * other modules' records in batches, witness cosigning in both directions, `ledger.checkpoint` events,
 * and `verify`, which re-derives every anchored root from the database.
 *
 * Public face: other modules use only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { AnyDb } from '../../platform/database/database.js';
import type { DomainEvent, OutboxDispatcher } from '../../platform/events/outbox.js';
import type { Logger } from '../../platform/logger.js';
import { AnchoringService } from './anchoring.service.js';
import { createLedgerEngine } from './ledger.engine.js';
import { loadLedgerKeys } from './ledger-keys.js';
import type { Ledger } from './ledger.port.js';
import { LedgerRepository } from './ledger.repository.js';
import { registerLedgerRoutes } from './ledger.routes.js';
import { LedgerService, anchorItemOf } from './ledger.service.js';
import type { AnchorSource, LedgerVerifyReport } from './ledger.verify.js';
import type { TransparencyLog } from './log/log.js';
import { WitnessClient } from './witness.client.js';
import { WitnessService } from './witness.service.js';

export type {
  AnchorInput,
  AnchorReceipt,
  InclusionEvidence,
  Ledger,
  LedgerCheckpoint,
  LedgerEngineName,
  LedgerVerification,
  RevocationReceipt,
  RevocationRecord,
} from './ledger.port.js';
export {
  batchRoot,
  type AnchorItem,
  type AnchorState,
  type AnchorStatus,
  type ItemProof,
} from './anchoring.service.js';
export type { AnchorSource, Divergence, LedgerVerifyReport } from './ledger.verify.js';
export { LEDGER_EVENTS, type CheckpointView } from './ledger.service.js';
export { ledgerMigrations } from './migrations/index.js';
export { isLedgerLogError, LedgerLogError } from './log/errors.js';
export { ledgerProblem } from './ledger.routes.js';
export { generateKeys, SIGNATURE_TYPE_COSIGNATURE_V1 } from './log/keys.js';
export type { WitnessOutcome } from './witness.client.js';

/** Event types whose records the ledger anchors (payloads may name the record with `ledgerAnchor`). */
export const ANCHORED_EVENT_TYPES = [
  'provenance.recorded',
  'origin.assessed',
  'iot.alarm-raised',
  'iot.alarm-cleared',
  'risk.decided',
] as const;

export interface LedgerModule {
  /** The port, backed by the configured engine. */
  readonly ledger: Ledger;
  /** The transparency log engine (absent when the EVM engine is configured). */
  readonly log: TransparencyLog | undefined;
  readonly anchoring: AnchoringService;
  readonly service: LedgerService;
  readonly witness: WitnessService;
  /** Lets a module's records be re-derived by `verify` (see {@link AnchorSource}). */
  registerSource(source: AnchorSource): void;
  registerRoutes(app: FastifyInstance): void;
  /** Anchors the records named by {@link ANCHORED_EVENT_TYPES} events as they are delivered. */
  subscribe(dispatcher: OutboxDispatcher): void;
  /** Seal, sign, publish `ledger.checkpoint` and gather cosignatures now (tests, CLI, benchmarks). */
  publishCheckpoint: LedgerService['publishCheckpoint'];
  verify(): Promise<LedgerVerifyReport & { runId: number }>;
  /** Public keys and configuration, for partners. */
  info(): Record<string, unknown>;
  /** Starts the batching timer. */
  start(): void;
  stop(): Promise<void>;
}

/** Builds the ledger module: keys (created on first start), engine, anchoring, witnesses and routes. */
export async function createLedgerModule(
  db: AnyDb,
  config: Config,
  deps: { logger: Logger; onCommit?: () => void; fetch?: typeof fetch },
): Promise<LedgerModule> {
  const repo = new LedgerRepository(db);
  const keys = await loadLedgerKeys(db, config);
  const engine = await createLedgerEngine(db, config, keys);
  const anchoring = new AnchoringService(repo, engine.ledger, config.ledgerBatchSize);
  const witness = new WitnessService(repo, keys.witnessSignerKey, config.ledgerFollowedLogs);
  await witness.init();
  const witnessClient =
    engine.log === undefined
      ? undefined
      : new WitnessClient(
          repo,
          engine.log,
          config.ledgerWitnesses,
          Math.min(config.ledgerWitnessThreshold, Math.max(1, config.ledgerWitnesses.length)),
          deps.logger,
          deps.fetch,
        );
  const onCommit = deps.onCommit ?? (() => undefined);
  const service = new LedgerService(
    db,
    repo,
    engine.ledger,
    engine.log,
    anchoring,
    witnessClient,
    deps.logger,
    onCommit,
  );

  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<unknown> = Promise.resolve();
  let sealing = false;
  const runTick = (fullBatchesOnly = false) => {
    tick = tick
      .then(async () => {
        // With witnesses, every tick also retries those that have not cosigned the latest checkpoint.
        if (
          (await anchoring.pendingCount()) > 0 ||
          (witnessClient !== undefined && config.ledgerWitnesses.length > 0)
        )
          await service.publishCheckpoint({ fullBatchesOnly });
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'ledger batch failed; will retry'));
    return tick;
  };

  const info = () => ({
    engine: engine.ledger.engine,
    origin: engine.log?.origin ?? null,
    logKey: engine.log?.verifierKey ?? null,
    witnessName: witness.name,
    witnessKey: witness.verifierKey,
    witnesses: witnessClient?.configured ?? [],
    threshold: witnessClient?.threshold ?? null,
    followedLogs: config.ledgerFollowedLogs.map((l) => l.origin),
    batchSize: config.ledgerBatchSize,
    batchIntervalMs: config.ledgerBatchIntervalMs,
    ...engine.describe(),
  });

  return {
    ledger: engine.ledger,
    log: engine.log,
    anchoring,
    service,
    witness,
    registerSource: (source) => service.registerSource(source),
    registerRoutes: (app) => registerLedgerRoutes(app, { service, anchoring, witness, info }),
    subscribe(dispatcher) {
      const enqueue = async (events: DomainEvent[]) => {
        await anchoring.enqueue(events.map(anchorItemOf));
        // A full batch seals at once (once: records arriving meanwhile wait for the next batch).
        if (!sealing && (await anchoring.pendingCount()) >= config.ledgerBatchSize) {
          sealing = true;
          void runTick(true).finally(() => {
            sealing = false;
          });
        }
      };
      dispatcher.subscribe({
        name: 'ledger.anchoring',
        types: [...ANCHORED_EVENT_TYPES],
        handle: (event) => enqueue([event]),
        handleBatch: enqueue,
      });
    },
    publishCheckpoint: () => service.publishCheckpoint(),
    verify: () => service.verify(),
    info,
    start() {
      timer = setInterval(() => void runTick(), config.ledgerBatchIntervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await tick;
      await engine.close();
    },
  };
}
