import { LogAuditor, type AuditReport, type TrustedTreeHead } from './audit.js';
import { formatCheckpoint, openCheckpoint, signCheckpoint } from './checkpoint.js';
import { anchorLeafHash, decodeEntry, encodeEntry, type LedgerEntry } from './entry.js';
import { LedgerLogError, isLedgerLogError } from './errors.js';
import type {
  AnchorInput,
  AnchorReceipt,
  InclusionEvidence,
  Ledger,
  LedgerCheckpoint,
  LedgerVerification,
  LedgerEngineName,
  RevocationRecord,
  RevocationReceipt,
} from '../ledger.port.js';
import { SIGNATURE_TYPE_ED25519, encodeVerifierKey, parseSignerKey } from './keys.js';
import { MemoryLogStorage, type LogStorage } from './memory-log-storage.js';
import {
  HASH_SIZE,
  assembleProof,
  foldRange,
  hashLeaf,
  hashesEqual,
  planConsistencyProof,
  planInclusionProof,
  planNodes,
  planTreeHash,
  verifyInclusion,
  type Hash,
  type ProofPlan,
} from './merkle.js';
import { addSignatureLines, noteSigner, noteVerifier, type NoteSigner, type NoteVerifier } from './note.js';
import type { AddCheckpointRequest } from './witness.js';

export interface TransparencyLogOptions {
  /** The log's origin line, e.g. `aduana.gob.example/ledger`; by convention also its key name. */
  readonly origin: string;
  /** This administration's log signer key (`PRIVATE+KEY+…`, type 0x01). A secret. */
  readonly signerKey: string;
  /** Where entries, subtree hashes and checkpoints live; in memory by default. */
  readonly storage?: LogStorage;
}

/**
 * The local transparency log engine (the embedded default {@link Ledger}): an append-only
 * RFC 6962 log over a {@link LogStorage}, signing C2SP checkpoints with this administration's key.
 * Writes are serialised within the process; a shared database must also serialise appends.
 */
export class TransparencyLog implements Ledger {
  readonly engine: LedgerEngineName = 'transparency-log';
  readonly origin: string;
  /** The vkey partners configure to verify this log's checkpoints. */
  readonly verifierKey: string;
  private readonly signer: NoteSigner;
  private readonly verifier: NoteVerifier;
  private readonly storage: LogStorage;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: TransparencyLogOptions) {
    const key = parseSignerKey(options.signerKey);
    this.origin = options.origin;
    this.signer = noteSigner(options.signerKey);
    this.verifierKey = encodeVerifierKey(key.name, SIGNATURE_TYPE_ED25519, key.publicKey);
    this.verifier = noteVerifier(this.verifierKey);
    this.storage = options.storage ?? new MemoryLogStorage();
    formatCheckpoint({ origin: this.origin, size: 0, rootHash: new Uint8Array(HASH_SIZE) }); // validates origin
  }

  /** The leaf hash under which `input` is anchored. @throws LedgerLogError LEDGER_INVALID_ANCHOR */
  entryId(input: AnchorInput): Hash {
    if ('root' in input && input.root.length !== HASH_SIZE) {
      throw new LedgerLogError('LEDGER_INVALID_ANCHOR', 'a root is 32 bytes');
    }
    return anchorLeafHash('root' in input ? input.root : input.data);
  }

  /** Anchors a batch root (32 bytes) or small data; anchoring the same thing twice returns the first receipt. */
  anchor(input: AnchorInput): Promise<AnchorReceipt> {
    const payload = 'root' in input ? input.root : input.data;
    if ('root' in input && input.root.length !== HASH_SIZE) {
      return Promise.reject(new LedgerLogError('LEDGER_INVALID_ANCHOR', 'a root is 32 bytes'));
    }
    return this.exclusive(async () => {
      const data = encodeEntry({ kind: 'anchor', payload });
      const leafHash = hashLeaf(data);
      const existing = await this.storage.findLeaf(leafHash);
      if (existing !== undefined) return { index: existing, leafHash, treeSize: await this.storage.size() };
      const index = await this.storage.append({ data, leafHash });
      return { index, leafHash, treeSize: index + 1 };
    });
  }

  /** Appends a revocation of an anchored entry. */
  revoke(leafHash: Hash, reason: string): Promise<RevocationReceipt> {
    return this.exclusive(async () => {
      const target = await this.readEntry(leafHash);
      if (target === undefined)
        throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'nothing is anchored under this hash');
      if (target.entry.kind !== 'anchor') {
        throw new LedgerLogError('LEDGER_NOT_REVOCABLE', 'only anchors can be revoked', {
          index: target.index,
        });
      }
      if ((await this.storage.findRevocation(leafHash)) !== undefined) {
        throw new LedgerLogError('LEDGER_ALREADY_REVOKED', 'this anchor is already revoked', {
          index: target.index,
        });
      }
      const data = encodeEntry({ kind: 'revocation', target: leafHash, reason });
      const revocationHash = hashLeaf(data);
      const index = await this.storage.append({ data, leafHash: revocationHash, revokes: leafHash });
      return { index, leafHash: revocationHash, treeSize: index + 1, revoked: leafHash, reason };
    });
  }

  /** Revokes one document under an anchored batch root, leaving the rest of the batch valid. */
  revokeMember(anchorId: Hash, member: Hash, reason: string): Promise<RevocationReceipt> {
    if (member.length !== HASH_SIZE) {
      return Promise.reject(new LedgerLogError('LEDGER_INVALID_ANCHOR', 'a member hash is 32 bytes'));
    }
    return this.exclusive(async () => {
      const batch = await this.readEntry(anchorId);
      if (batch?.entry.kind !== 'anchor')
        throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'no anchored batch under this hash');
      for (const target of [anchorId, member]) {
        if ((await this.storage.findRevocation(target)) !== undefined) {
          throw new LedgerLogError('LEDGER_ALREADY_REVOKED', 'already revoked', { index: batch.index });
        }
      }
      const data = encodeEntry({ kind: 'revocation', target: member, reason });
      const revocationHash = hashLeaf(data);
      const index = await this.storage.append({ data, leafHash: revocationHash, revokes: member });
      return { index, leafHash: revocationHash, treeSize: index + 1, revoked: member, reason };
    });
  }

  /** The revocation entry recorded against `target`, re-read and re-hashed from storage. */
  async revocationOf(target: Hash): Promise<RevocationRecord | undefined> {
    const index = await this.storage.findRevocation(target);
    if (index === undefined) return undefined;
    const [data, stored] = await Promise.all([this.storage.entry(index), this.storage.leafHash(index)]);
    const entry = data === undefined ? undefined : decodeEntry(data);
    if (
      data === undefined ||
      stored === undefined ||
      entry?.kind !== 'revocation' ||
      !hashesEqual(entry.target, target) ||
      !hashesEqual(hashLeaf(data), stored)
    ) {
      throw new LedgerLogError('LEDGER_TAMPERED', 'stored revocation does not match its index', { index });
    }
    return { index, leafHash: stored, reason: entry.reason };
  }

  /** The latest checkpoint, signing a new one first if entries were appended since. */
  checkpoint(): Promise<LedgerCheckpoint> {
    return this.exclusive(async () => {
      const size = await this.storage.size();
      const latest = await this.storage.latestCheckpoint();
      if (latest !== undefined && latest.size === size) return this.openStored(latest.note);
      const rootHash = await this.rootAt(size);
      const signed = signCheckpoint({ origin: this.origin, size, rootHash }, this.signer);
      await this.storage.saveCheckpoint(size, signed);
      return { size, rootHash, attestation: signed };
    });
  }

  /**
   * Inclusion proof of an entry against a signed checkpoint: the latest (signed on demand) or the
   * stored one of `treeSize` (e.g. the last checkpoint that reached finality).
   */
  async proveInclusion(leafHash: Hash, options: { treeSize?: number } = {}): Promise<InclusionEvidence> {
    const index = await this.storage.findLeaf(leafHash);
    if (index === undefined)
      throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'nothing is anchored under this hash');
    const checkpoint = await this.checkpointFor(index, options.treeSize);
    const proof = await this.fetchProof(planInclusionProof(index, checkpoint.size));
    return { leafHash, index, treeSize: checkpoint.size, proof, checkpoint };
  }

  /**
   * Whether a hash is anchored and not revoked, with evidence. Re-derives the leaf hash from the
   * stored entry and checks the proof against the signed root, so a tampered store is reported.
   * @throws LedgerLogError LEDGER_TAMPERED when storage no longer matches what was signed
   */
  async verify(leafHash: Hash): Promise<LedgerVerification> {
    const stored = await this.readEntry(leafHash);
    if (stored === undefined) return { status: 'not-anchored', leafHash };
    const evidence = await this.proveInclusion(leafHash);
    if (
      !verifyInclusion(
        leafHash,
        evidence.index,
        evidence.treeSize,
        evidence.proof,
        evidence.checkpoint.rootHash,
      )
    ) {
      throw new LedgerLogError('LEDGER_TAMPERED', 'stored tree no longer matches the signed checkpoint', {
        index: evidence.index,
      });
    }
    const revocationIndex = await this.storage.findRevocation(leafHash);
    if (revocationIndex === undefined) return { status: 'anchored', leafHash, evidence };
    const revocation = decodeEntry((await this.storage.entry(revocationIndex)) ?? new Uint8Array(0));
    if (revocation?.kind !== 'revocation' || !hashesEqual(revocation.target, leafHash)) {
      throw new LedgerLogError('LEDGER_TAMPERED', 'stored revocation does not match its index', {
        index: revocationIndex,
      });
    }
    return {
      status: 'revoked',
      leafHash,
      evidence,
      revocation: { index: revocationIndex, reason: revocation.reason },
    };
  }

  /** Consistency proof between two sizes (for witnesses and monitors). */
  async consistencyProof(oldSize: number, newSize?: number): Promise<Hash[]> {
    const size = newSize ?? (await this.storage.size());
    return this.fetchProof(planConsistencyProof(oldSize, size));
  }

  /** The add-checkpoint request for a witness whose latest cosigned size is `witnessSize`. */
  async witnessRequest(witnessSize: number): Promise<AddCheckpointRequest> {
    const checkpoint = await this.checkpoint();
    return {
      oldSize: witnessSize,
      consistencyProof: await this.consistencyProof(witnessSize, checkpoint.size),
      checkpoint: checkpoint.attestation,
    };
  }

  /** Attaches witness cosignature lines to the stored checkpoint of `size`. */
  addCosignatures(size: number, lines: readonly string[]): Promise<LedgerCheckpoint> {
    return this.exclusive(async () => {
      const note = await this.storage.checkpointAt(size);
      if (note === undefined)
        throw new LedgerLogError('LEDGER_UNKNOWN_CHECKPOINT', 'no checkpoint of this size', { size });
      const merged = addSignatureLines(note, lines);
      await this.storage.saveCheckpoint(size, merged);
      return this.openStored(merged);
    });
  }

  /**
   * Replays every stored entry against every stored checkpoint (and `trustedNotes`, e.g. copies
   * kept by witnesses). A stored checkpoint whose log signature fails is itself tampering.
   */
  async audit(trustedNotes: readonly string[] = []): Promise<AuditReport> {
    const heads: TrustedTreeHead[] = [];
    let forged = 0;
    for (const note of [...(await this.storage.checkpoints()).map((c) => c.note), ...trustedNotes]) {
      try {
        heads.push(openCheckpoint(note, this.verifier).checkpoint);
      } catch (error) {
        if (!isLedgerLogError(error)) throw error;
        forged += 1;
      }
    }
    const auditor = new LogAuditor(heads);
    for (let i = 0; i < forged; i += 1) auditor.rejectCheckpoint();
    const size = await this.storage.size();
    for (let i = 0; i < size; i += 1) {
      const [data, stored] = await Promise.all([this.storage.entry(i), this.storage.leafHash(i)]);
      auditor.push(data ?? new Uint8Array(0), stored);
    }
    return auditor.finish();
  }

  private async readEntry(leafHash: Hash): Promise<{ index: number; entry: LedgerEntry } | undefined> {
    const index = await this.storage.findLeaf(leafHash);
    if (index === undefined) return undefined;
    const data = await this.storage.entry(index);
    const entry = data === undefined ? undefined : decodeEntry(data);
    if (data === undefined || entry === undefined || !hashesEqual(hashLeaf(data), leafHash)) {
      throw new LedgerLogError('LEDGER_TAMPERED', 'stored entry does not hash to its leaf hash', { index });
    }
    return { index, entry };
  }

  private async checkpointFor(index: number, treeSize: number | undefined): Promise<LedgerCheckpoint> {
    if (treeSize === undefined) {
      const latest = await this.storage.latestCheckpoint();
      return latest !== undefined && latest.size > index ? this.openStored(latest.note) : this.checkpoint();
    }
    const note = await this.storage.checkpointAt(treeSize);
    if (note === undefined || treeSize <= index) {
      throw new LedgerLogError('LEDGER_UNKNOWN_CHECKPOINT', 'no checkpoint of this size covers the entry', {
        index,
        treeSize,
      });
    }
    return this.openStored(note);
  }

  private openStored(note: string): LedgerCheckpoint {
    try {
      const { checkpoint } = openCheckpoint(note, this.verifier);
      return { size: checkpoint.size, rootHash: checkpoint.rootHash, attestation: note };
    } catch (error) {
      if (!isLedgerLogError(error)) throw error;
      throw new LedgerLogError('LEDGER_TAMPERED', 'a stored checkpoint fails its signature', {
        code: error.code,
      });
    }
  }

  private async rootAt(size: number): Promise<Hash> {
    return foldRange(await this.storage.subtreeHashes(planTreeHash(size)));
  }

  private async fetchProof(plan: ProofPlan): Promise<Hash[]> {
    const ids = planNodes(plan);
    const hashes = await this.storage.subtreeHashes(ids);
    const byId = new Map(ids.map((id, i) => [`${id.level}:${id.index}`, hashes[i]!]));
    return assembleProof(plan, (id) => byId.get(`${id.level}:${id.index}`)!);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
