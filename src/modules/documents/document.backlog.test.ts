import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { pendingBatchesIn } from './index.js';
import { documentsOnLedger, documentsTestBed, OFFICER as officer } from './test-support.js';

let counter = 0;
const issueOne = () =>
  bed.documents.service.issue(officer, [
    { kind: 'packing_list', reference: `PL-BACKLOG-${++counter}`, data: { packages: counter } },
  ]);

const bed = documentsTestBed();

describe('the pending batches, read for operators and monitoring', () => {
  it('lists batches the ledger could not anchor, oldest first, with their attempts and last error; none once issued', async () => {
    expect(await bed.documents.pending.backlog()).toEqual({ count: 0, oldestRecordedAt: null });
    expect(await bed.documents.pending.list()).toEqual([]);

    bed.port.fault = 'ledger-unreachable';
    const [first] = await issueOne();
    const [second] = await issueOne();
    // The first batch has waited an hour and failed once more since.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await sql`update document_batches set recorded_at = ${anHourAgo} where id = ${first!.batch_id}`.execute(
      bed.database.db,
    );
    await bed.documents.reconcile();

    const listed = await bed.documents.pending.list();
    expect(listed).toEqual([
      {
        id: first!.batch_id,
        recordedAt: anHourAgo,
        attempts: 2,
        lastError: 'ledger unreachable (test fault)',
      },
      {
        id: second!.batch_id,
        recordedAt: expect.any(Date),
        attempts: 2,
        lastError: 'ledger unreachable (test fault)',
      },
    ]);
    expect(await bed.documents.pending.list({ limit: 1 })).toEqual([listed[0]]);
    expect(await bed.documents.pending.backlog()).toEqual({ count: 2, oldestRecordedAt: anHourAgo });
    // Read straight from the database, without the module, the same.
    expect(await pendingBatchesIn(bed.database.db).list()).toEqual(listed);

    bed.port.fault = 'none';
    expect(await bed.documents.reconcile()).toMatchObject({ issued: 2, stillPending: 0 });
    expect(await bed.documents.pending.list()).toEqual([]);
    expect(await bed.documents.pending.backlog()).toEqual({ count: 0, oldestRecordedAt: null });
  });
});

describe('reconciling on demand', () => {
  it('reports its progress batch by batch', async () => {
    bed.port.fault = 'ledger-unreachable';
    await issueOne();
    await issueOne();
    await issueOne();
    bed.port.fault = 'none';

    const seen: number[] = [];
    const report = await bed.documents.reconcile({ onProgress: (done) => seen.push(done) });

    expect(report).toEqual({ pending: 3, issued: 3, stillPending: 0 });
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('the start-up reconciliation', () => {
  it('is unknown before start, then reports what the start-up run finished', async () => {
    const { ledger: otherLedger, documents: other } = await documentsOnLedger(bed.database.db);
    try {
      expect(await other.startupReconciliation()).toBeUndefined();
      bed.port.fault = 'ledger-unreachable';
      await issueOne();
      await issueOne();

      other.start();

      expect(await other.startupReconciliation()).toEqual({ pending: 2, issued: 2, stillPending: 0 });
      expect(await other.pending.backlog()).toMatchObject({ count: 0 });
    } finally {
      await other.stop();
      await otherLedger.stop();
    }
  });
});
