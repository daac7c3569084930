import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import type { Database } from '../../platform/database/database.js';
import { openTestDatabase } from '../../platform/database/test-database.js';
import type { LedgerModule } from '../ledger/index.js';
import type { DocumentsModule, DocumentToIssue } from './index.js';
import {
  documentsOnLedger,
  ledgerFootprint,
  storedBatch,
  type FaultyDocumentLedger,
} from './test-support.js';

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
const batchOfTwo = (): DocumentToIssue[] => {
  counter += 1;
  return [
    {
      kind: 'certificate_of_origin',
      reference: `CO-${counter}`,
      holderTin: 'GT-BRK-0002',
      data: { agreement: 'CAFTA-DR', exporter: { name: 'Textiles del Pacífico S.A.', country: 'GT' } },
    },
    { kind: 'invoice', reference: `INV-${counter}`, data: { total: 500_000, currency: 'USD' } },
  ];
};

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
  // Each test starts with nothing pending from the one before.
  await documents.reconcile();
});

const verify = (wrapped: Record<string, unknown>) => documents.service.verify(wrapped);

describe('issuing a batch of documents', () => {
  it('stores, anchors once and issues the batch, with one document.issued event per document', async () => {
    const before = await ledgerFootprint(database.db);
    const rows = await documents.service.issue(officer, batchOfTwo());

    expect(rows.map((r) => [r.reference, r.status])).toEqual([
      [`CO-${counter}`, 'issued'],
      [`INV-${counter}`, 'issued'],
    ]);
    expect(rows.every((r) => r.issued_at instanceof Date)).toBe(true);
    expect(await storedBatch(database.db, rows[0]!.batch_id)).toMatchObject({
      status: 'issued',
      anchor_attempts: 0,
    });
    expect(await ledgerFootprint(database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect((await verify(rows[0]!.wrapped)).valid).toBe(true);
  });
});

describe('a stop between anchoring and finalizing', () => {
  it('leaves the batch pending and not verifiable; reconciliation issues it exactly once, without anchoring again', async () => {
    port.fault = 'stop-after-anchoring';
    const before = await ledgerFootprint(database.db);
    const calls = port.anchorCalls;
    const rows = await documents.service.issue(officer, batchOfTwo());
    const batchId = rows[0]!.batch_id;

    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(rows.every((r) => r.issued_at === null)).toBe(true);
    expect(await storedBatch(database.db, batchId)).toMatchObject({
      status: 'anchoring',
      ledger_index: null,
      anchor_attempts: 1,
    });
    // The root is on the ledger, but the batch is not finalized: the documents do not verify yet.
    expect(await ledgerFootprint(database.db)).toEqual({
      ...before,
      entries: before.entries + 1,
      items: before.items + 1,
    });
    const pending = await verify(rows[0]!.wrapped);
    expect(pending.valid).toBe(false);
    expect(pending.checks).toMatchObject({ integrity: 'valid', issuer: 'valid', anchored: 'not-anchored' });
    expect((await documents.service.get(officer, rows[0]!.id)).status).toBe('pending');

    port.fault = 'none';
    expect(await documents.reconcile()).toEqual({ pending: 1, issued: 1, stillPending: 0 });
    expect(await documents.reconcile()).toEqual({ pending: 0, issued: 0, stillPending: 0 });

    expect(port.anchorCalls).toBe(calls + 1);
    expect(await ledgerFootprint(database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect(await storedBatch(database.db, batchId)).toMatchObject({ status: 'issued', anchor_error: null });
    expect((await documents.service.get(officer, rows[1]!.id)).status).toBe('issued');
    const issued = await verify(rows[0]!.wrapped);
    expect(issued.valid).toBe(true);
    expect(issued.ledger.entryIndex).not.toBeNull();
  });

  it('is finalized once when two reconciliations run at the same time', async () => {
    port.fault = 'stop-after-anchoring';
    const before = await ledgerFootprint(database.db);
    const rows = await documents.service.issue(officer, batchOfTwo());
    port.fault = 'none';

    const runs = await Promise.all([
      documents.service.issuance.reconcile(),
      documents.service.issuance.reconcile(),
    ]);

    expect(runs.reduce((n, r) => n + r.issued, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.stillPending, 0)).toBe(0);
    expect(await storedBatch(database.db, rows[0]!.batch_id)).toMatchObject({ status: 'issued' });
    expect(await ledgerFootprint(database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
  });

  it('a finalize that fails in the database leaves the batch pending; ledger verify accepts it and still finds tampering', async () => {
    await sql`create function documents_test_refuse_finalize() returns trigger language plpgsql as $$
      begin raise exception 'finalize refused (test fault)'; end $$`.execute(database.db);
    await sql`create trigger documents_test_refuse_finalize before update on document_batches
      for each row when (new.status = 'issued') execute function documents_test_refuse_finalize()`.execute(
      database.db,
    );
    let rows;
    try {
      rows = await documents.service.issue(officer, batchOfTwo());
      expect(await documents.reconcile()).toEqual({ pending: 1, issued: 0, stillPending: 1 });
    } finally {
      await sql`drop trigger documents_test_refuse_finalize on document_batches`.execute(database.db);
      await sql`drop function documents_test_refuse_finalize()`.execute(database.db);
    }
    const batchId = rows[0]!.batch_id;
    expect(await storedBatch(database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 2,
    });
    expect((await storedBatch(database.db, batchId))?.anchor_error).toContain('finalize refused');

    await ledger.publishCheckpoint();
    const report = await ledger.verify();
    expect(report.divergences).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rederived).toBe(await ledgerFootprint(database.db).then((f) => f.items));

    // A pending document altered in the database is still tampering.
    await sql`update documents set wrapped = jsonb_set(wrapped, '{data,documentNumber}', to_jsonb(replace(wrapped->'data'->>'documentNumber', 'CO-', 'CX-')))
      where id = ${rows[0]!.id}`.execute(database.db);
    const tampered = await ledger.verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.divergences).toEqual([
      expect.objectContaining({ kind: 'document.batch', itemId: batchId, code: 'RECORD_ALTERED' }),
    ]);
    await sql`update documents set wrapped = jsonb_set(wrapped, '{data,documentNumber}', to_jsonb(replace(wrapped->'data'->>'documentNumber', 'CX-', 'CO-')))
      where id = ${rows[0]!.id}`.execute(database.db);
    expect((await ledger.verify()).ok).toBe(true);
  });
});

describe('a ledger that cannot be reached', () => {
  it('leaves the batch pending, not on the ledger and not verifiable, and retried until a reconciliation anchors it', async () => {
    port.fault = 'ledger-unreachable';
    const before = await ledgerFootprint(database.db);
    const rows = await documents.service.issue(officer, batchOfTwo());
    const batchId = rows[0]!.batch_id;

    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(await ledgerFootprint(database.db)).toEqual(before);
    expect(await storedBatch(database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 1,
      anchor_error: 'ledger unreachable (test fault)',
    });
    expect((await verify(rows[1]!.wrapped)).checks.anchored).toBe('not-anchored');
    await expect(documents.service.revoke(officer, rows[0]!.id, 'withdrawn')).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_ISSUED',
    });

    expect(await documents.reconcile()).toEqual({ pending: 1, issued: 0, stillPending: 1 });
    expect(await storedBatch(database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 2,
    });

    port.fault = 'none';
    expect(await documents.reconcile()).toEqual({ pending: 1, issued: 1, stillPending: 0 });
    expect(await ledgerFootprint(database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect((await verify(rows[1]!.wrapped)).valid).toBe(true);
    expect((await documents.service.revoke(officer, rows[0]!.id, 'withdrawn')).status).toBe('revoked');
  });

  it('leaves batches recorded within the grace period to the request issuing them', async () => {
    port.fault = 'ledger-unreachable';
    const rows = await documents.service.issue(officer, batchOfTwo());
    port.fault = 'none';

    const early = await documents.service.issuance.reconcile({
      recordedBefore: new Date(Date.now() - 60_000),
    });

    expect(early).toEqual({ pending: 0, issued: 0, stillPending: 0 });
    expect(await storedBatch(database.db, rows[0]!.batch_id)).toMatchObject({ status: 'anchoring' });
  });
});
