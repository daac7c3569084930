import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/database/database.js';
import { openTestDatabase } from '../../platform/database/test-database.js';
import type { LedgerModule } from '../ledger/index.js';
import { pendingBatchesIn, type DocumentsModule } from './index.js';
import { documentsOnLedger, type FaultyDocumentLedger } from './test-support.js';

const officer: Principal = {
  kind: 'user',
  id: 'officer-1',
  name: 'Officer',
  roles: ['officer'],
  partyTin: null,
  office: 'JMKIN01',
  locale: 'en',
};

let counter = 0;
const issueOne = () =>
  documents.service.issue(officer, [
    { kind: 'packing_list', reference: `PL-BACKLOG-${++counter}`, data: { packages: counter } },
  ]);

let database: Database;
let ledger: LedgerModule;
let port: FaultyDocumentLedger;
let documents: DocumentsModule;

beforeAll(async () => {
  database = await openTestDatabase();
  ({ ledger, port, documents } = await documentsOnLedger(database.db));
});
afterAll(async () => {
  await documents.stop();
  await ledger.stop();
  await database.close();
});
beforeEach(async () => {
  port.fault = 'none';
  await documents.reconcile();
});

describe('the pending batches, read for operators and monitoring', () => {
  it('lists batches the ledger could not anchor, oldest first, with their attempts and last error; none once issued', async () => {
    expect(await documents.pending.backlog()).toEqual({ count: 0, oldestRecordedAt: null });
    expect(await documents.pending.list()).toEqual([]);

    port.fault = 'ledger-unreachable';
    const [first] = await issueOne();
    const [second] = await issueOne();
    // The first batch has waited an hour and failed once more since.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await sql`update document_batches set recorded_at = ${anHourAgo} where id = ${first!.batch_id}`.execute(
      database.db,
    );
    await documents.reconcile();

    const listed = await documents.pending.list();
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
    expect(await documents.pending.list({ limit: 1 })).toEqual([listed[0]]);
    expect(await documents.pending.backlog()).toEqual({ count: 2, oldestRecordedAt: anHourAgo });
    // Read straight from the database, without the module, the same.
    expect(await pendingBatchesIn(database.db).list()).toEqual(listed);

    port.fault = 'none';
    expect(await documents.reconcile()).toMatchObject({ issued: 2, stillPending: 0 });
    expect(await documents.pending.list()).toEqual([]);
    expect(await documents.pending.backlog()).toEqual({ count: 0, oldestRecordedAt: null });
  });
});

describe('reconciling on demand', () => {
  it('reports its progress batch by batch', async () => {
    port.fault = 'ledger-unreachable';
    await issueOne();
    await issueOne();
    await issueOne();
    port.fault = 'none';

    const seen: number[] = [];
    const report = await documents.reconcile({ onProgress: (done) => seen.push(done) });

    expect(report).toEqual({ pending: 3, issued: 3, stillPending: 0 });
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('the start-up reconciliation', () => {
  it('is unknown before start, then reports what the start-up run finished', async () => {
    const { ledger: otherLedger, documents: other } = await documentsOnLedger(database.db);
    try {
      expect(await other.startupReconciliation()).toBeUndefined();
      port.fault = 'ledger-unreachable';
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
