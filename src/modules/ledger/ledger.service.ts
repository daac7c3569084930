import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';
import type { AnyDb } from '../../platform/database/database.js';
import { publishEvents, type DomainEvent } from '../../platform/events/outbox.js';
import type { Logger } from '../../platform/logger.js';
import type { AnchorItem, AnchoringService } from './anchoring.service.js';
import type { Ledger } from './ledger.port.js';
import type { LedgerRepository } from './ledger.repository.js';
import { verifyLedger, type AnchorSource, type LedgerVerifyReport } from './ledger.verify.js';
import { openCheckpoint } from './log/checkpoint.js';
import { encodeBase64 } from './log/keys.js';
import type { TransparencyLog } from './log/log.js';
import { noteVerifier } from './log/note.js';
import type { WitnessClient, WitnessOutcome } from './witness.client.js';

/** Events the ledger module publishes. */
export const LEDGER_EVENTS = { checkpoint: 'ledger.checkpoint' } as const;

/** A checkpoint as shown to people and partners. */
export interface CheckpointView {
  readonly engine: Ledger['engine'];
  readonly size: number;
  /** Base64 root hash (the EVM engine: the latest block hash). */
  readonly rootHash: string;
  /** The signed note with its witness cosignatures (log), or the chain reference (EVM). */
  readonly attestation: string;
  readonly createdAt: string | null;
  readonly cosignatures: readonly { readonly witness: string; readonly cosignedAt: string }[];
  /** k-of-n finality; `null` when no witnesses are configured or for the EVM engine. */
  readonly final: boolean | null;
  readonly threshold: number | null;
}

/**
 * An event payload may name the record to anchor (`ledgerAnchor: {kind, itemId, digest}` with a hex
 * SHA-256 digest); otherwise the event itself is anchored by the digest of its canonical JSON.
 */
export function anchorItemOf(event: DomainEvent): AnchorItem {
  const named = event.payload.ledgerAnchor as
    { kind?: unknown; itemId?: unknown; digest?: unknown } | undefined;
  if (
    named !== undefined &&
    typeof named.kind === 'string' &&
    typeof named.itemId === 'string' &&
    typeof named.digest === 'string' &&
    /^[0-9a-f]{64}$/.test(named.digest)
  ) {
    return { kind: named.kind, itemId: named.itemId, digest: Buffer.from(named.digest, 'hex') };
  }
  const canonical = canonicalJson({
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    payload: event.payload,
  });
  return {
    kind: event.type,
    itemId: `${event.aggregateId}#${event.seq}`,
    digest: createHash('sha256')
      .update(canonical ?? '')
      .digest(),
  };
}

/** Checkpoints, witness rounds and verification runs over the ledger port. */
export class LedgerService {
  private lastPublished = -1;
  readonly sources = new Map<string, AnchorSource>();

  constructor(
    private readonly db: AnyDb,
    private readonly repo: LedgerRepository,
    readonly ledger: Ledger,
    readonly log: TransparencyLog | undefined,
    readonly anchoring: AnchoringService,
    readonly witnessClient: WitnessClient | undefined,
    private readonly logger: Logger,
    private readonly onCommit: () => void,
  ) {}

  registerSource(source: AnchorSource): void {
    if (this.sources.has(source.kind)) throw new Error(`duplicate anchor source ${source.kind}`);
    this.sources.set(source.kind, source);
  }

  /**
   * Seals pending records into batches, signs a checkpoint if the ledger grew, publishes
   * `ledger.checkpoint`, and asks the witnesses to cosign it.
   */
  async publishCheckpoint(options: { fullBatchesOnly?: boolean } = {}): Promise<{
    checkpoint: CheckpointView;
    batches: number;
    witnesses: WitnessOutcome[];
  }> {
    const sealed = await this.anchoring.sealPending(options);
    const checkpoint = await this.ledger.checkpoint();
    if (checkpoint.size > this.lastPublished) {
      await publishEvents(this.db, [
        {
          type: LEDGER_EVENTS.checkpoint,
          aggregateType: 'ledger',
          aggregateId: this.log?.origin ?? this.ledger.engine,
          payload: {
            engine: this.ledger.engine,
            size: checkpoint.size,
            rootHash: encodeBase64(checkpoint.rootHash),
            batches: sealed.map((b) => b.id),
          },
        },
      ]);
      this.lastPublished = checkpoint.size;
      this.onCommit();
    }
    const witnesses =
      (await this.witnessClient?.requestCosignatures().catch((err: unknown) => {
        this.logger.warn({ err }, 'witness round failed');
        return [];
      })) ?? [];
    return { checkpoint: await this.latestCheckpoint(), batches: sealed.length, witnesses };
  }

  /** The latest checkpoint with its cosignatures and finality. */
  async latestCheckpoint(): Promise<CheckpointView> {
    if (this.log === undefined) {
      const cp = await this.ledger.checkpoint();
      return {
        engine: this.ledger.engine,
        size: cp.size,
        rootHash: encodeBase64(cp.rootHash),
        attestation: cp.attestation,
        createdAt: null,
        cosignatures: [],
        final: null,
        threshold: null,
      };
    }
    const [latest] = await this.checkpoints(1);
    if (latest !== undefined) return latest;
    const cp = await this.ledger.checkpoint();
    return (
      (await this.checkpoints(1))[0] ?? {
        engine: this.ledger.engine,
        size: cp.size,
        rootHash: encodeBase64(cp.rootHash),
        attestation: cp.attestation,
        createdAt: null,
        cosignatures: [],
        final: null,
        threshold: null,
      }
    );
  }

  /** Stored checkpoints, newest first, with witness cosignatures and finality. */
  async checkpoints(limit: number): Promise<CheckpointView[]> {
    if (this.log === undefined) return [await this.latestCheckpoint()];
    const rows = await this.repo.checkpointPage(limit);
    const cosigs = await this.repo.cosignaturesOf(rows.map((r) => r.size));
    const verifier = noteVerifier(this.log.verifierKey);
    return rows.map((row) => {
      const { checkpoint } = openCheckpoint(row.note, verifier);
      const finality = this.witnessClient?.finality(row.note);
      return {
        engine: this.ledger.engine,
        size: checkpoint.size,
        rootHash: encodeBase64(checkpoint.rootHash),
        attestation: row.note,
        createdAt: row.createdAt.toISOString(),
        cosignatures: cosigs
          .filter((c) => c.size === row.size)
          .map((c) => ({ witness: c.witness, cosignedAt: c.cosignedAt.toISOString() })),
        final: finality?.final ?? null,
        threshold: this.witnessClient?.threshold ?? null,
      };
    });
  }

  /** Runs `verifyLedger` and records the run (the console shows the last one). */
  async verify(): Promise<LedgerVerifyReport & { runId: number }> {
    const report = await verifyLedger({
      repo: this.repo,
      ledger: this.ledger,
      log: this.log,
      sources: this.sources,
    });
    const runId = await this.repo.saveVerifyRun(
      new Date(report.startedAt),
      new Date(report.finishedAt),
      report.ok,
      report,
    );
    return { ...report, runId };
  }

  latestVerifyRun() {
    return this.repo.latestVerifyRun();
  }

  witnessAttempts() {
    return this.repo.witnessAttempts();
  }
}
