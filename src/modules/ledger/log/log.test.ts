import { describe, expect, it } from 'vitest';
import { cosignatureSigner } from './cosignature.js';
import { anchorLeafHash } from './entry.js';
import { isLedgerLogError, type LedgerLogErrorCode } from './errors.js';
import { checkInclusionEvidence } from './evidence.js';
import { checkFinality } from './finality.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, generateKeys } from './keys.js';
import { TransparencyLog } from './log.js';
import { MemoryLogStorage } from './memory-log-storage.js';
import { hashLeaf, type Hash, type SubtreeId } from './merkle.js';
import { noteVerifier, parseNote } from './note.js';
import { toHex } from './test-helpers.js';
import { cosignCheckpoint, createWitnessState, type WitnessState } from './witness.js';

const ORIGIN = 'aduana.gob.example/ledger';
const logKeys = generateKeys(ORIGIN);
const root = (label: string): Hash => hashLeaf(Buffer.from(`certificate batch ${label}`));

/** Storage whose rows an attacker with database access has edited. */
class TamperedStorage extends MemoryLogStorage {
  readonly entries = new Map<number, Uint8Array>();
  readonly nodes = new Map<string, Hash>();
  readonly editedNotes = new Map<number, string>();

  override async entry(index: number): Promise<Uint8Array | undefined> {
    return this.entries.get(index) ?? super.entry(index);
  }
  override async subtreeHashes(ids: readonly SubtreeId[]): Promise<Hash[]> {
    const hashes = await super.subtreeHashes(ids);
    return ids.map((id, i) => this.nodes.get(`${id.level}:${id.index}`) ?? hashes[i]!);
  }
  override async latestCheckpoint(): Promise<{ size: number; note: string } | undefined> {
    const latest = await super.latestCheckpoint();
    return latest && { size: latest.size, note: this.editedNotes.get(latest.size) ?? latest.note };
  }
}

async function codeOf(promise: Promise<unknown>): Promise<LedgerLogErrorCode | 'none' | 'other'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return isLedgerLogError(error) ? error.code : 'other';
  }
}

async function logWith(count: number, storage = new MemoryLogStorage()): Promise<TransparencyLog> {
  const log = new TransparencyLog({ origin: ORIGIN, signerKey: logKeys.signerKey, storage });
  for (let i = 0; i < count; i += 1) await log.anchor({ root: root(String(i)) });
  return log;
}

describe('TransparencyLog as a Ledger', () => {
  it('anchors roots in order and returns receipts under the documented leaf hash', async () => {
    const log = await logWith(0);
    const first = await log.anchor({ root: root('a') });
    const second = await log.anchor({ data: Buffer.from('epcis event digest') });
    expect(first).toMatchObject({ index: 0, treeSize: 1 });
    expect(second).toMatchObject({ index: 1, treeSize: 2 });
    expect(toHex(first.leafHash)).toBe(toHex(anchorLeafHash(root('a'))));
  });

  it('returns the first receipt when the same root is anchored again', async () => {
    const log = await logWith(3);
    const again = await log.anchor({ root: root('1') });
    expect(again).toMatchObject({ index: 1, treeSize: 3 });
  });

  it('refuses a root that is not 32 bytes', async () => {
    const log = await logWith(0);
    expect(await codeOf(log.anchor({ root: new Uint8Array(20) }))).toBe('LEDGER_INVALID_ANCHOR');
  });

  it('gives every concurrent anchor its own index', async () => {
    const log = await logWith(0);
    const receipts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.anchor({ root: root(`c${i}`) })),
    );
    expect(new Set(receipts.map((r) => r.index)).size).toBe(50);
    expect((await log.checkpoint()).size).toBe(50);
  });

  it('signs a checkpoint partners can verify, and reuses it until the log grows', async () => {
    const log = await logWith(4);
    const first = await log.checkpoint();
    expect((await log.checkpoint()).attestation).toBe(first.attestation);
    expect(parseNote(first.attestation).text.split('\n').slice(0, 2)).toEqual([ORIGIN, '4']);
    await log.anchor({ root: root('late') });
    expect((await log.checkpoint()).size).toBe(5);
  });

  it('proves inclusion with evidence a partner checks offline with the published key', async () => {
    const log = await logWith(37);
    const evidence = await log.proveInclusion(anchorLeafHash(root('21')));
    expect(evidence).toMatchObject({ index: 21, treeSize: 37 });
    expect(checkInclusionEvidence(evidence, log.verifierKey)).toEqual({ valid: true, final: undefined });
  });

  it('proves inclusion against an earlier stored checkpoint on request', async () => {
    const log = await logWith(10);
    await log.checkpoint();
    await log.anchor({ root: root('11') });
    await log.checkpoint();
    const evidence = await log.proveInclusion(anchorLeafHash(root('3')), { treeSize: 10 });
    expect(evidence.treeSize).toBe(10);
    expect(checkInclusionEvidence(evidence, log.verifierKey).valid).toBe(true);
    expect(await codeOf(log.proveInclusion(anchorLeafHash(root('3')), { treeSize: 7 }))).toBe(
      'LEDGER_UNKNOWN_CHECKPOINT',
    );
  });

  it('refuses evidence with an altered proof, another tree, or another log key', async () => {
    const log = await logWith(12);
    const evidence = await log.proveInclusion(anchorLeafHash(root('5')));
    const altered = { ...evidence, proof: evidence.proof.map((h, i) => (i === 1 ? hashLeaf(h) : h)) };
    expect(checkInclusionEvidence(altered, log.verifierKey)).toEqual({ valid: false, reason: 'bad-proof' });
    expect(checkInclusionEvidence({ ...evidence, treeSize: 11 }, log.verifierKey)).toEqual({
      valid: false,
      reason: 'checkpoint-mismatch',
    });
    expect(checkInclusionEvidence(evidence, generateKeys(ORIGIN).verifierKey)).toEqual({
      valid: false,
      reason: 'bad-checkpoint',
    });
  });

  it('refuses to prove what was never anchored', async () => {
    const log = await logWith(2);
    expect(await codeOf(log.proveInclusion(anchorLeafHash(root('never'))))).toBe('LEDGER_UNKNOWN_ENTRY');
  });
});

describe('verification and revocation', () => {
  it('reports anchored, not-anchored and revoked hashes', async () => {
    const log = await logWith(6);
    const target = anchorLeafHash(root('2'));
    expect((await log.verify(target)).status).toBe('anchored');
    expect((await log.verify(anchorLeafHash(root('x')))).status).toBe('not-anchored');
    const receipt = await log.revoke(target, 'origin criteria not met on verification');
    expect(receipt).toMatchObject({
      index: 6,
      treeSize: 7,
      reason: 'origin criteria not met on verification',
    });
    const verdict = await log.verify(target);
    expect(verdict).toMatchObject({ status: 'revoked', revocation: { index: 6 } });
  });

  it('refuses to revoke twice, to revoke the unknown, or to revoke a revocation', async () => {
    const log = await logWith(3);
    const target = anchorLeafHash(root('0'));
    const receipt = await log.revoke(target, 'withdrawn by the exporter');
    expect(await codeOf(log.revoke(target, 'again'))).toBe('LEDGER_ALREADY_REVOKED');
    expect(await codeOf(log.revoke(anchorLeafHash(root('none')), 'x'))).toBe('LEDGER_UNKNOWN_ENTRY');
    expect(await codeOf(log.revoke(receipt.leafHash, 'x'))).toBe('LEDGER_NOT_REVOCABLE');
    expect(await codeOf(log.revoke(anchorLeafHash(root('1')), ''))).toBe('LEDGER_INVALID_ANCHOR');
  });
});

describe('witnesses and finality', () => {
  const witnessKeys = ['aduana.cr.example', 'aduana.pa.example', 'aduana.do.example'].map((n) =>
    generateKeys(`${n}/witness`, SIGNATURE_TYPE_COSIGNATURE_V1),
  );
  const policy = { threshold: 2, witnesses: witnessKeys.map((k) => k.verifierKey) };

  async function roundOfCosigning(
    log: TransparencyLog,
    states: WitnessState[],
    now: number,
  ): Promise<string> {
    const lines: string[] = [];
    for (const [i, keys] of witnessKeys.entries()) {
      const request = await log.witnessRequest(states[i]!.logs[ORIGIN]?.latest?.size ?? 0);
      const result = cosignCheckpoint(states[i]!, cosignatureSigner(keys.signerKey), request, now);
      states[i] = result.state;
      lines.push(result.cosignature);
    }
    const checkpoint = await log.checkpoint();
    return (await log.addCosignatures(checkpoint.size, lines)).attestation;
  }

  it('reaches 2-of-3 finality over successive checkpoints that witnesses prove consistent', async () => {
    const log = await logWith(9);
    const states = witnessKeys.map(() =>
      createWitnessState([{ origin: ORIGIN, verifierKey: log.verifierKey }]),
    );
    const first = await roundOfCosigning(log, states, 1_760_000_000);
    expect(checkFinality(first, noteVerifier(log.verifierKey), policy).final).toBe(true);

    for (let i = 9; i < 30; i += 1) await log.anchor({ root: root(String(i)) });
    const second = await roundOfCosigning(log, states, 1_760_000_600);
    const verdict = checkFinality(second, noteVerifier(log.verifierKey), policy);
    expect(verdict).toMatchObject({ final: true, checkpoint: { size: 30 } });
    expect(verdict.cosignedBy).toHaveLength(3);

    const evidence = await log.proveInclusion(anchorLeafHash(root('12')));
    expect(checkInclusionEvidence(evidence, log.verifierKey, policy)).toEqual({ valid: true, final: true });
  });

  it('refuses to attach cosignatures to a checkpoint it never signed', async () => {
    const log = await logWith(2);
    expect(await codeOf(log.addCosignatures(2, []))).toBe('LEDGER_UNKNOWN_CHECKPOINT');
  });
});

describe('tamper detection', () => {
  it('detects an edited entry when verifying it, and locates it in an audit', async () => {
    const storage = new TamperedStorage();
    const log = await logWith(16, storage);
    await log.checkpoint();
    for (let i = 16; i < 24; i += 1) await log.anchor({ root: root(String(i)) });
    await log.checkpoint();
    storage.entries.set(20, Buffer.concat([Buffer.from([0]), root('forged')]));

    expect(await codeOf(log.verify(anchorLeafHash(root('20'))))).toBe('LEDGER_TAMPERED');
    expect(await log.audit()).toMatchObject({
      intact: false,
      firstBadCheckpointSize: 24,
      lastGoodSize: 16,
      leafHashMismatches: [20],
    });
  });

  it('detects an edited cached subtree hash when verifying an untouched entry', async () => {
    const storage = new TamperedStorage();
    const log = await logWith(16, storage);
    await log.checkpoint();
    storage.nodes.set('3:0', hashLeaf(Buffer.from('forged subtree'))); // leaves 0–7, on leaf 9's path
    expect(await codeOf(log.verify(anchorLeafHash(root('9'))))).toBe('LEDGER_TAMPERED');
  });

  it('detects a stored checkpoint rewritten without the log key', async () => {
    const storage = new TamperedStorage();
    const log = await logWith(5, storage);
    const { attestation } = await log.checkpoint();
    storage.editedNotes.set(5, attestation.replace(`${ORIGIN}\n5\n`, `${ORIGIN}\n4\n`));
    expect(await codeOf(log.verify(anchorLeafHash(root('1'))))).toBe('LEDGER_TAMPERED');
  });

  it('audits an untouched log as intact', async () => {
    const log = await logWith(40);
    await log.checkpoint();
    expect(await log.audit()).toEqual({ intact: true, entriesChecked: 40, checkpointsChecked: 1 });
  });

  it('counts a forged checkpoint offered as trusted against the log', async () => {
    const log = await logWith(3);
    const { attestation } = await log.checkpoint();
    const forged = attestation.replace(`${ORIGIN}\n3\n`, `${ORIGIN}\n2\n`);
    expect(await log.audit([forged])).toMatchObject({ intact: false, forgedCheckpoints: 1 });
  });
});
