import { describe, expect, it } from 'vitest';
import { auditEntries, LogAuditor, type TrustedTreeHead } from './audit.js';
import { MemoryTreeStore } from './memory-tree-store.js';
import { hashLeaf } from './merkle.js';

const original = Array.from({ length: 20 }, (_, i) => Buffer.from(`e-seal event ${i}`));
const tree = new MemoryTreeStore();
for (const data of original) tree.append(hashLeaf(data));
const heads: TrustedTreeHead[] = [5, 10, 20].map((size) => ({ size, rootHash: tree.root(size) }));

describe('log audit', () => {
  it('finds an untouched log intact', () => {
    const report = auditEntries(
      20,
      (i) => original[i]!,
      heads,
      (i) => tree.leafHash(i),
    );
    expect(report).toEqual({ intact: true, entriesChecked: 20, checkpointsChecked: 3 });
  });

  it('pinpoints an edited entry between the last good and first bad checkpoint', () => {
    const edited = original.map((d, i) => (i === 7 ? Buffer.from('e-seal event 7 (door never opened)') : d));
    const report = auditEntries(
      20,
      (i) => edited[i]!,
      heads,
      (i) => tree.leafHash(i),
    );
    expect(report).toMatchObject({
      intact: false,
      firstBadCheckpointSize: 10,
      lastGoodSize: 5,
      leafHashMismatches: [7],
    });
  });

  it('catches an entry rewritten together with its stored leaf hash', () => {
    const edited = original.map((d, i) => (i === 12 ? Buffer.from('rewritten') : d));
    const report = auditEntries(
      20,
      (i) => edited[i]!,
      heads,
      (i) => hashLeaf(edited[i]!),
    );
    expect(report).toMatchObject({
      intact: false,
      firstBadCheckpointSize: 20,
      lastGoodSize: 10,
      leafHashMismatches: [],
    });
  });

  it('catches two entries swapped', () => {
    const swapped = [...original];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(auditEntries(20, (i) => swapped[i]!, heads)).toMatchObject({
      intact: false,
      firstBadCheckpointSize: 5,
    });
  });

  it('catches entries removed from the end', () => {
    expect(auditEntries(18, (i) => original[i]!, heads)).toMatchObject({
      intact: false,
      truncated: true,
      firstBadCheckpointSize: 20,
      lastGoodSize: 10,
    });
  });

  it('accepts entries appended after the last trusted checkpoint', () => {
    const longer = [...original, Buffer.from('e-seal event 20')];
    expect(auditEntries(21, (i) => longer[i]!, heads).intact).toBe(true);
  });

  it('reports checkpoints that failed their signature check as tampering', () => {
    const auditor = new LogAuditor(heads);
    auditor.rejectCheckpoint();
    for (const data of original) auditor.push(data);
    expect(auditor.finish()).toMatchObject({
      intact: false,
      forgedCheckpoints: 1,
      firstBadCheckpointSize: undefined,
    });
  });
});
