import type { LedgerWitnessConfig } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import { addSignatureLines, noteVerifier, type NoteVerifier } from './log/note.js';
import {
  checkFinality,
  compileWitnessPolicy,
  type CompiledWitnessPolicy,
  type FinalityVerdict,
} from './log/finality.js';
import { cosignatureVerifier } from './log/cosignature.js';
import { encodeBase64 } from './log/keys.js';
import type { TransparencyLog } from './log/log.js';
import type { LedgerRepository } from './ledger.repository.js';

/** Outcome of asking one witness to cosign. */
export interface WitnessOutcome {
  readonly witness: string;
  readonly url: string;
  readonly size: number;
  /** `null` when the witness cosigned; else the code it (or the transport) answered. */
  readonly errorCode: string | null;
}

interface ProblemBody {
  code?: string;
  latestSize?: number;
  cosignature?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Asks the configured partner administrations to cosign this log's latest checkpoint over their witness
 * API, proving consistency from the last checkpoint each one cosigned, and stores the cosignatures
 * that verify. A checkpoint is final once `threshold` of them have cosigned.
 */
export class WitnessClient {
  private readonly policy: CompiledWitnessPolicy | undefined;
  private readonly logVerifier: NoteVerifier;
  private running: Promise<WitnessOutcome[]> | undefined;

  constructor(
    private readonly repo: LedgerRepository,
    private readonly log: TransparencyLog,
    private readonly witnesses: readonly LedgerWitnessConfig[],
    threshold: number,
    private readonly logger: Logger,
    private readonly fetcher: typeof fetch = fetch,
  ) {
    this.policy =
      witnesses.length === 0
        ? undefined
        : compileWitnessPolicy({ threshold, witnesses: witnesses.map((w) => w.vkey) });
    this.logVerifier = noteVerifier(log.verifierKey);
  }

  get threshold(): number | null {
    return this.policy?.threshold ?? null;
  }

  get configured(): readonly { name: string; url: string }[] {
    return this.witnesses.map((w) => ({ name: cosignatureVerifier(w.vkey).name, url: w.url }));
  }

  /** Whether a checkpoint note is final under the configured k-of-n policy (`undefined` without witnesses). */
  finality(note: string): FinalityVerdict | undefined {
    if (this.policy === undefined) return undefined;
    return checkFinality(note, this.logVerifier, this.policy, { now: Math.floor(Date.now() / 1000) });
  }

  /** Asks every witness (at most one round at a time) to cosign the latest checkpoint. */
  requestCosignatures(): Promise<WitnessOutcome[]> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<WitnessOutcome[]> {
    if (this.witnesses.length === 0) return [];
    const checkpoint = await this.log.checkpoint();
    return Promise.all(this.witnesses.map((w) => this.askWitness(w, checkpoint.size)));
  }

  private async askWitness(witness: LedgerWitnessConfig, size: number): Promise<WitnessOutcome> {
    const verifier = cosignatureVerifier(witness.vkey);
    let oldSize = await this.repo.latestCosignedSize(verifier.name);
    let errorCode: string | null = null;
    if (oldSize >= size) return { witness: verifier.name, url: witness.url, size, errorCode: null };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const request = await this.log.witnessRequest(oldSize);
      let body: ProblemBody;
      let ok: boolean;
      try {
        const response = await this.fetcher(new URL('/api/v1/ledger/witness/add-checkpoint', witness.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(witness.apiKey ? { 'x-api-key': witness.apiKey } : {}),
          },
          body: JSON.stringify({
            oldSize: request.oldSize,
            consistencyProof: request.consistencyProof.map(encodeBase64),
            checkpoint: request.checkpoint,
          }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        ok = response.ok;
        body = (await response.json().catch(() => ({}))) as ProblemBody;
      } catch (error) {
        this.logger.warn({ err: error, witness: witness.url }, 'witness unreachable');
        errorCode = 'WITNESS_UNREACHABLE';
        break;
      }
      if (!ok) {
        errorCode = body.code ?? 'WITNESS_REFUSED';
        if (errorCode === 'WITNESS_CONFLICT' && typeof body.latestSize === 'number' && attempt === 0) {
          oldSize = body.latestSize; // the witness cosigned elsewhere (e.g. another node): retry from its size
          continue;
        }
        this.logger.warn({ witness: witness.url, code: errorCode }, 'witness refused the checkpoint');
        break;
      }
      const line = typeof body.cosignature === 'string' ? body.cosignature : '';
      const checked = this.checkLine(request.checkpoint, line, witness.vkey);
      if (!checked) {
        errorCode = 'WITNESS_BAD_COSIGNATURE';
        break;
      }
      const cosignedSize = (await this.log.addCosignatures(checked.size, [line])).size;
      await this.repo.saveCosignature(cosignedSize, verifier.name, line, new Date());
      errorCode = null;
      size = cosignedSize;
      break;
    }
    await this.repo.recordWitnessAttempt(verifier.name, witness.url, size, errorCode);
    return { witness: verifier.name, url: witness.url, size, errorCode };
  }

  /** The witness's line must be a valid cosignature of exactly this checkpoint by exactly that key. */
  private checkLine(note: string, line: string, vkey: string): { size: number } | undefined {
    if (!/^\u2014 \S+ \S+\n$/u.test(line)) return undefined;
    try {
      const verdict = checkFinality(addSignatureLines(note, [line]), this.logVerifier, {
        threshold: 1,
        witnesses: [vkey],
      });
      return verdict.final ? { size: verdict.checkpoint.size } : undefined;
    } catch {
      return undefined;
    }
  }
}
