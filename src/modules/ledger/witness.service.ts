import { checkpointOrigin } from './log/checkpoint.js';
import { cosignatureSigner, type CosignatureSigner } from './log/cosignature.js';
import { LedgerLogError, isLedgerLogError } from './log/errors.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, encodeVerifierKey, parseSignerKey } from './log/keys.js';
import type { Hash } from './log/merkle.js';
import {
  addWitnessedLog,
  cosignCheckpoint,
  createWitnessState,
  parseWitnessState,
  type WitnessState,
} from './log/witness.js';
import type { LedgerRepository } from './ledger.repository.js';

/** A partner's request to cosign one of its checkpoints (C2SP tlog-witness add-checkpoint, as JSON). */
export interface CosignRequest {
  readonly oldSize: number;
  readonly consistencyProof: readonly Hash[];
  readonly checkpoint: string;
}

/**
 * This administration acting as a witness for partner administrations' logs: it cosigns a checkpoint
 * only if it extends, by a valid consistency proof, the last one it cosigned for that log, and it
 * remembers that checkpoint in the same transaction as it releases the cosignature. A forked history
 * is refused with `WITNESS_FORK_DETECTED`.
 */
export class WitnessService {
  private readonly signer: CosignatureSigner;
  /** This witness's cosigner verifier key, to publish to partners. */
  readonly verifierKey: string;

  constructor(
    private readonly repo: LedgerRepository,
    signerKey: string,
    private readonly followed: readonly { origin: string; vkey: string }[],
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.signer = cosignatureSigner(signerKey, clock);
    const key = parseSignerKey(signerKey);
    this.verifierKey = encodeVerifierKey(key.name, SIGNATURE_TYPE_COSIGNATURE_V1, key.publicKey);
    createWitnessState(followed.map((f) => ({ origin: f.origin, verifierKey: f.vkey }))); // refuses bad keys now
  }

  get name(): string {
    return this.signer.name;
  }

  /** Records the configured logs (keeping their cosigning history). */
  async init(): Promise<void> {
    const known = new Map((await this.repo.witnessedLogs()).map((r) => [r.origin, r]));
    for (const log of this.followed) {
      const row = known.get(log.origin);
      await this.repo.saveWitnessedLog(undefined, {
        origin: log.origin,
        verifier_key: log.vkey,
        latest_size: row?.latest_size ?? null,
        latest_root: row?.latest_root ?? null,
        cosigned_at: row?.cosigned_at ?? null,
      });
    }
  }

  /**
   * Checks and cosigns a partner's checkpoint.
   * @throws LedgerLogError WITNESS_* codes (see `log/witness.ts`)
   */
  async addCheckpoint(
    request: CosignRequest,
  ): Promise<{ cosignature: string; size: number; origin: string }> {
    let origin: string;
    try {
      origin = checkpointOrigin(request.checkpoint);
    } catch (error) {
      if (!isLedgerLogError(error)) throw error;
      throw new LedgerLogError(
        'WITNESS_MALFORMED',
        'the checkpoint is not a well-formed signed checkpoint note',
      );
    }
    return this.repo.transaction(async (trx) => {
      const row = await this.repo.witnessedLogForUpdate(trx, origin);
      if (row === undefined || !this.followed.some((f) => f.origin === origin)) {
        throw new LedgerLogError('WITNESS_UNKNOWN_LOG', 'this witness does not follow that log', { origin });
      }
      let state: WitnessState = parseWitnessState({
        version: 1,
        logs: {
          [origin]:
            row.latest_size === null
              ? { verifierKey: row.verifier_key }
              : {
                  verifierKey: row.verifier_key,
                  latest: {
                    size: Number(row.latest_size),
                    rootHash: row.latest_root,
                    cosignedAt: Number(row.cosigned_at),
                  },
                },
        },
      });
      state = addWitnessedLog(state, origin, row.verifier_key);
      const result = cosignCheckpoint(state, this.signer, request, this.clock());
      const latest = result.state.logs[origin]?.latest;
      await this.repo.saveWitnessedLog(trx, {
        origin,
        verifier_key: row.verifier_key,
        latest_size: latest?.size ?? null,
        latest_root: latest?.rootHash ?? null,
        cosigned_at: latest?.cosignedAt ?? null,
      });
      return { cosignature: result.cosignature, size: result.checkpoint.size, origin };
    });
  }

  /** What this witness remembers of each followed log. */
  async followedLogs(): Promise<{ origin: string; latestSize: number | null; cosignedAt: number | null }[]> {
    return (await this.repo.witnessedLogs()).map((r) => ({
      origin: r.origin,
      latestSize: r.latest_size === null ? null : Number(r.latest_size),
      cosignedAt: r.cosigned_at === null ? null : Number(r.cosigned_at),
    }));
  }
}
