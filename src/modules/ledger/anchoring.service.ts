import type { AnyDb, AnyTransaction } from '../../platform/database/database.js';
import type { InclusionEvidence, Ledger } from './ledger.port.js';
import { isLedgerLogError } from './log/errors.js';
import { encodeBase64 } from './log/keys.js';
import { hashLeaf, inclusionProof, treeHash, type Hash } from './log/merkle.js';
import type { BatchRow, ItemRow, LedgerRepository } from './ledger.repository.js';

/** Something to anchor: a module's record, identified by kind and id, with the digest the module re-derives. */
export interface AnchorItem {
  /** e.g. `provenance.event`, `origin.worksheet`, `document.batch`, or an event type. */
  readonly kind: string;
  readonly itemId: string;
  /** 32-byte digest of the record (SHA-256 of its canonical form). */
  readonly digest: Hash;
}

/** Where an item stands on the ledger. */
export type AnchorState = 'not-anchored' | 'pending' | 'anchored' | 'revoked';

export interface AnchorStatus {
  readonly state: AnchorState;
  readonly batchId: number | null;
  readonly entryIndex: number | null;
  readonly revocationReason: string | null;
}

/** Everything a third party needs to check an item against a signed ledger checkpoint. */
export interface ItemProof {
  readonly kind: string;
  readonly itemId: string;
  readonly digest: string;
  readonly state: AnchorState;
  /** RFC 6962 path from the item's digest (as leaf `H(0x00‖digest)`) to its batch root; null when anchored alone. */
  readonly batch: {
    readonly id: number;
    readonly root: string;
    readonly size: number;
    readonly position: number;
    readonly proof: readonly string[];
  } | null;
  readonly ledger: {
    readonly engine: Ledger['engine'];
    readonly entryId: string;
    readonly index: number;
    readonly treeSize: number;
    readonly proof: readonly string[];
    readonly checkpoint: { readonly size: number; readonly rootHash: string; readonly attestation: string };
  } | null;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Root of a batch: an RFC 6962 tree over the items' digests, each hashed as a leaf. */
export function batchRoot(digests: readonly Hash[]): Hash {
  const leaves = digests.map((d) => hashLeaf(d));
  return treeHash(leaves.length, (i) => leaves[i]!);
}

/**
 * Anchors modules' records through the {@link Ledger} port: small records (events, worksheets) are
 * queued and sealed in batches whose Merkle root becomes one ledger entry; batch roots that are already
 * Merkle roots (a document batch) are anchored on their own at once.
 */
export class AnchoringService {
  private sealing: Promise<BatchRow[]> = Promise.resolve([]);

  constructor(
    private readonly repo: LedgerRepository,
    private readonly ledger: Ledger,
    private readonly batchSize: number,
  ) {}

  /** Queues items for the next batch, in the caller's transaction when given (idempotent per kind and id). */
  enqueue(items: readonly AnchorItem[], trx?: AnyTransaction | AnyDb): Promise<void> {
    return this.repo.enqueue(trx, items);
  }

  /** Anchors an item's digest as an entry of its own now (for Merkle roots of document batches). */
  async anchorDirect(item: AnchorItem): Promise<{ entryId: Hash; index: number }> {
    const receipt = await this.ledger.anchor({ root: item.digest });
    await this.repo.enqueue(undefined, [{ ...item, entryId: receipt.leafHash }]);
    return { entryId: receipt.leafHash, index: receipt.index };
  }

  pendingCount(): Promise<number> {
    return this.repo.pendingCount();
  }

  /**
   * Seals pending items into batches and anchors their roots (only full batches with `fullBatchesOnly`,
   * so that records arriving during a seal wait for the next batch); one sealing at a time per process.
   */
  sealPending(options: { fullBatchesOnly?: boolean } = {}): Promise<BatchRow[]> {
    const minimum = options.fullBatchesOnly ? this.batchSize : 1;
    const run = this.sealing.then(
      () => this.sealAll(minimum),
      () => this.sealAll(minimum),
    );
    this.sealing = run.catch(() => []);
    return run;
  }

  private async sealAll(minimum: number): Promise<BatchRow[]> {
    const sealed: BatchRow[] = [];
    for (const batch of await this.repo.unanchoredBatches()) sealed.push(await this.anchorBatch(batch));
    for (;;) {
      const batch = await this.repo.claimBatch(
        this.batchSize,
        (digests) => {
          const root = batchRoot(digests);
          return { root, entryId: this.ledger.entryId({ root }) };
        },
        minimum,
      );
      if (batch === undefined) return sealed;
      sealed.push(await this.anchorBatch(batch));
    }
  }

  private async anchorBatch(batch: BatchRow): Promise<BatchRow> {
    const receipt = await this.ledger.anchor({ root: batch.root });
    await this.repo.markBatchAnchored(batch.id, receipt.index);
    return { ...batch, entryIndex: receipt.index };
  }

  /** Ledger status of items of one kind. */
  async status(kind: string, itemIds: readonly string[]): Promise<Map<string, AnchorStatus>> {
    const rows = await this.repo.items(kind, itemIds);
    const out = new Map<string, AnchorStatus>();
    for (const id of itemIds)
      out.set(id, { state: 'not-anchored', batchId: null, entryIndex: null, revocationReason: null });
    const batches = new Map<number, BatchRow | undefined>();
    for (const row of rows) {
      const entryId = await this.entryIdOf(row, batches);
      if (entryId === undefined) {
        out.set(row.itemId, {
          state: 'pending',
          batchId: row.batchId,
          entryIndex: null,
          revocationReason: null,
        });
        continue;
      }
      const verdict = await this.ledger.verify(entryId);
      const revocation =
        verdict.status === 'revoked' ? verdict.revocation.reason : (await this.memberRevocation(row))?.reason;
      out.set(row.itemId, {
        state:
          verdict.status === 'not-anchored' ? 'pending' : revocation !== undefined ? 'revoked' : 'anchored',
        batchId: row.batchId,
        entryIndex: verdict.status === 'not-anchored' ? null : verdict.evidence.index,
        revocationReason: revocation ?? null,
      });
    }
    return out;
  }

  /** Full proof of one item: its path to the batch root and the ledger's inclusion evidence of that root. */
  async proof(kind: string, itemId: string): Promise<ItemProof | undefined> {
    const [row] = await this.repo.items(kind, [itemId]);
    if (row === undefined) return undefined;
    const base = { kind, itemId, digest: hex(row.digest) };
    let batch: ItemProof['batch'] = null;
    let entryId: Hash | undefined = row.entryId ?? undefined;
    if (row.batchId !== null && row.position !== null) {
      const stored = await this.repo.batch(row.batchId);
      const members = await this.repo.batchItems(row.batchId);
      if (stored !== undefined) {
        const leaves = members.map((m) => hashLeaf(m.digest));
        batch = {
          id: stored.id,
          root: hex(stored.root),
          size: members.length,
          position: row.position,
          proof: inclusionProof(row.position, leaves.length, (i) => leaves[i]!).map(hex),
        };
        entryId = stored.entryIndex === null ? undefined : stored.entryId;
      }
    }
    if (entryId === undefined) return { ...base, state: 'pending', batch, ledger: null };
    let evidence: InclusionEvidence;
    try {
      evidence = await this.ledger.proveInclusion(entryId);
    } catch (error) {
      if (isLedgerLogError(error, 'LEDGER_UNKNOWN_ENTRY'))
        return { ...base, state: 'pending', batch, ledger: null };
      throw error;
    }
    const [status] = (await this.status(kind, [itemId])).values();
    return {
      ...base,
      state: status?.state ?? 'anchored',
      batch,
      ledger: {
        engine: this.ledger.engine,
        entryId: hex(entryId),
        index: evidence.index,
        treeSize: evidence.treeSize,
        proof: evidence.proof.map(hex),
        checkpoint: {
          size: evidence.checkpoint.size,
          rootHash: encodeBase64(evidence.checkpoint.rootHash),
          attestation: evidence.checkpoint.attestation,
        },
      },
    };
  }

  private async entryIdOf(
    row: ItemRow,
    batches: Map<number, BatchRow | undefined>,
  ): Promise<Hash | undefined> {
    if (row.entryId !== null) return row.entryId;
    if (row.batchId === null) return undefined;
    if (!batches.has(row.batchId)) batches.set(row.batchId, await this.repo.batch(row.batchId));
    const batch = batches.get(row.batchId);
    return batch === undefined || batch.entryIndex === null ? undefined : batch.entryId;
  }

  private memberRevocation(row: ItemRow) {
    return this.ledger.revocationOf(row.digest);
  }
}
