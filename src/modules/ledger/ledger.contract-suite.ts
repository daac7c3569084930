import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Ledger } from './ledger.port.js';
import { isLedgerLogError, type LedgerLogErrorCode } from './log/errors.js';

/**
 * The behaviour every {@link Ledger} engine must show, written once and run against each engine
 * (`ledger.contract.test.ts`): the local transparency log and the EVM document store.
 */
export function describeLedgerContract(engine: string, open: () => Promise<Ledger>): void {
  const root = (label: string) => createHash('sha256').update(`${engine} ${label}`).digest();
  const codeOf = async (promise: Promise<unknown>): Promise<LedgerLogErrorCode | 'none' | 'other'> => {
    try {
      await promise;
      return 'none';
    } catch (error) {
      return isLedgerLogError(error) ? error.code : 'other';
    }
  };
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

  describe(`Ledger contract: ${engine}`, () => {
    it('anchors roots under their entry id, in order, idempotently', async () => {
      const ledger = await open();
      const a = await ledger.anchor({ root: root('a') });
      const b = await ledger.anchor({ root: root('b') });
      expect(hex(a.leafHash)).toBe(hex(ledger.entryId({ root: root('a') })));
      expect(b.index).toBeGreaterThan(a.index);
      expect(b.treeSize).toBeGreaterThanOrEqual(b.index + 1);
      const again = await ledger.anchor({ root: root('a') });
      expect(again.index).toBe(a.index);
      expect(hex(again.leafHash)).toBe(hex(a.leafHash));
    });

    it('anchors small data and refuses a malformed root or oversized data', async () => {
      const ledger = await open();
      const d = await ledger.anchor({ data: Buffer.from('epcis event digest') });
      expect(hex(d.leafHash)).toBe(hex(ledger.entryId({ data: Buffer.from('epcis event digest') })));
      expect(await codeOf(ledger.anchor({ root: new Uint8Array(31) }))).toBe('LEDGER_INVALID_ANCHOR');
      expect(await codeOf(ledger.anchor({ data: new Uint8Array(1025) }))).toBe('LEDGER_INVALID_ANCHOR');
    });

    it('verifies anchored entries with inclusion evidence at a checkpoint, and knows what is not anchored', async () => {
      const ledger = await open();
      const receipt = await ledger.anchor({ root: root('verify') });
      const verdict = await ledger.verify(receipt.leafHash);
      expect(verdict.status).toBe('anchored');
      if (verdict.status !== 'anchored') return;
      expect(verdict.evidence).toMatchObject({ index: receipt.index });
      expect(verdict.evidence.treeSize).toBeGreaterThan(receipt.index);
      const checkpoint = await ledger.checkpoint();
      expect(checkpoint.size).toBeGreaterThanOrEqual(verdict.evidence.treeSize);
      expect(checkpoint.rootHash).toHaveLength(32);
      expect(checkpoint.attestation.length).toBeGreaterThan(0);
      expect((await ledger.verify(ledger.entryId({ root: root('never') }))).status).toBe('not-anchored');
      expect(await codeOf(ledger.proveInclusion(ledger.entryId({ root: root('never') })))).toBe(
        'LEDGER_UNKNOWN_ENTRY',
      );
    });

    it('revokes an anchored entry once, with its reason, and refuses what cannot be revoked', async () => {
      const ledger = await open();
      const receipt = await ledger.anchor({ root: root('revoke') });
      const revocation = await ledger.revoke(receipt.leafHash, 'issued in error');
      expect(revocation).toMatchObject({ reason: 'issued in error' });
      expect(hex(revocation.revoked)).toBe(hex(receipt.leafHash));
      expect(revocation.index).toBeGreaterThan(receipt.index);
      const verdict = await ledger.verify(receipt.leafHash);
      expect(verdict).toMatchObject({
        status: 'revoked',
        revocation: { index: revocation.index, reason: 'issued in error' },
      });
      expect(await ledger.revocationOf(receipt.leafHash)).toMatchObject({
        index: revocation.index,
        reason: 'issued in error',
      });
      expect(await codeOf(ledger.revoke(receipt.leafHash, 'again'))).toBe('LEDGER_ALREADY_REVOKED');
      expect(await codeOf(ledger.revoke(ledger.entryId({ root: root('unknown') }), 'x'))).toBe(
        'LEDGER_UNKNOWN_ENTRY',
      );
      const other = await ledger.anchor({ root: root('reasonless') });
      expect(await codeOf(ledger.revoke(other.leafHash, ''))).toBe('LEDGER_INVALID_ANCHOR');
    });

    it('revokes one member of an anchored batch without revoking the batch', async () => {
      const ledger = await open();
      const batch = await ledger.anchor({ root: root('batch') });
      const member = root('certificate in batch');
      expect(await ledger.revocationOf(member)).toBeUndefined();
      const revocation = await ledger.revokeMember(batch.leafHash, member, 'certificate withdrawn');
      expect(hex(revocation.revoked)).toBe(hex(member));
      expect(await ledger.revocationOf(member)).toMatchObject({
        reason: 'certificate withdrawn',
        index: revocation.index,
      });
      expect((await ledger.verify(batch.leafHash)).status).toBe('anchored');
      expect(await codeOf(ledger.revokeMember(batch.leafHash, member, 'twice'))).toBe(
        'LEDGER_ALREADY_REVOKED',
      );
      expect(
        await codeOf(ledger.revokeMember(ledger.entryId({ root: root('no batch') }), root('m'), 'x')),
      ).toBe('LEDGER_UNKNOWN_ENTRY');
    });

    it('grows its checkpoint as entries arrive', async () => {
      const ledger = await open();
      const before = await ledger.checkpoint();
      await ledger.anchor({ root: root('growth 1') });
      await ledger.anchor({ root: root('growth 2') });
      const after = await ledger.checkpoint();
      expect(after.size).toBe(before.size + 2);
    });
  });
}
