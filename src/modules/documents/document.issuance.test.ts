import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DocumentToIssue } from './index.js';
import { documentsTestBed, ledgerFootprint, OFFICER as officer, storedBatch } from './test-support.js';

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

const bed = documentsTestBed();

const verify = (wrapped: Record<string, unknown>) => bed.documents.service.verify(wrapped);

describe('issuing a batch of documents', () => {
  it('stores, anchors once and issues the batch, with one document.issued event per document', async () => {
    const before = await ledgerFootprint(bed.database.db);
    const rows = await bed.documents.service.issue(officer, batchOfTwo());

    expect(rows.map((r) => [r.reference, r.status])).toEqual([
      [`CO-${counter}`, 'issued'],
      [`INV-${counter}`, 'issued'],
    ]);
    expect(rows.every((r) => r.issued_at instanceof Date)).toBe(true);
    expect(await storedBatch(bed.database.db, rows[0]!.batch_id)).toMatchObject({
      status: 'issued',
      anchor_attempts: 0,
    });
    expect(await ledgerFootprint(bed.database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect((await verify(rows[0]!.wrapped)).valid).toBe(true);
  });
});

describe('a stop between anchoring and finalizing', () => {
  it('leaves the batch pending and not verifiable; reconciliation issues it exactly once, without anchoring again', async () => {
    bed.port.fault = 'stop-after-anchoring';
    const before = await ledgerFootprint(bed.database.db);
    const calls = bed.port.anchorCalls;
    const rows = await bed.documents.service.issue(officer, batchOfTwo());
    const batchId = rows[0]!.batch_id;

    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(rows.every((r) => r.issued_at === null)).toBe(true);
    expect(await storedBatch(bed.database.db, batchId)).toMatchObject({
      status: 'anchoring',
      ledger_index: null,
      anchor_attempts: 1,
    });
    // The root is on the ledger, but the batch is not finalized: the documents do not verify yet.
    expect(await ledgerFootprint(bed.database.db)).toEqual({
      ...before,
      entries: before.entries + 1,
      items: before.items + 1,
    });
    const pending = await verify(rows[0]!.wrapped);
    expect(pending.valid).toBe(false);
    expect(pending.checks).toMatchObject({ integrity: 'valid', issuer: 'valid', anchored: 'not-anchored' });
    expect((await bed.documents.service.get(officer, rows[0]!.id)).status).toBe('pending');

    bed.port.fault = 'none';
    expect(await bed.documents.reconcile()).toEqual({ pending: 1, issued: 1, stillPending: 0 });
    expect(await bed.documents.reconcile()).toEqual({ pending: 0, issued: 0, stillPending: 0 });

    expect(bed.port.anchorCalls).toBe(calls + 1);
    expect(await ledgerFootprint(bed.database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect(await storedBatch(bed.database.db, batchId)).toMatchObject({
      status: 'issued',
      anchor_error: null,
    });
    expect((await bed.documents.service.get(officer, rows[1]!.id)).status).toBe('issued');
    const issued = await verify(rows[0]!.wrapped);
    expect(issued.valid).toBe(true);
    expect(issued.ledger.entryIndex).not.toBeNull();
  });

  it('is finalized once when two reconciliations run at the same time', async () => {
    bed.port.fault = 'stop-after-anchoring';
    const before = await ledgerFootprint(bed.database.db);
    const rows = await bed.documents.service.issue(officer, batchOfTwo());
    bed.port.fault = 'none';

    const runs = await Promise.all([
      bed.documents.service.issuance.reconcile(),
      bed.documents.service.issuance.reconcile(),
    ]);

    expect(runs.reduce((n, r) => n + r.issued, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.stillPending, 0)).toBe(0);
    expect(await storedBatch(bed.database.db, rows[0]!.batch_id)).toMatchObject({ status: 'issued' });
    expect(await ledgerFootprint(bed.database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
  });

  it('a finalize that fails in the database leaves the batch pending; ledger verify accepts it and still finds tampering', async () => {
    await sql`create function documents_test_refuse_finalize() returns trigger language plpgsql as $$
      begin raise exception 'finalize refused (test fault)'; end $$`.execute(bed.database.db);
    await sql`create trigger documents_test_refuse_finalize before update on document_batches
      for each row when (new.status = 'issued') execute function documents_test_refuse_finalize()`.execute(
      bed.database.db,
    );
    let rows;
    try {
      rows = await bed.documents.service.issue(officer, batchOfTwo());
      expect(await bed.documents.reconcile()).toEqual({ pending: 1, issued: 0, stillPending: 1 });
    } finally {
      await sql`drop trigger documents_test_refuse_finalize on document_batches`.execute(bed.database.db);
      await sql`drop function documents_test_refuse_finalize()`.execute(bed.database.db);
    }
    const batchId = rows[0]!.batch_id;
    expect(await storedBatch(bed.database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 2,
    });
    expect((await storedBatch(bed.database.db, batchId))?.anchor_error).toContain('finalize refused');

    await bed.ledger.publishCheckpoint();
    const report = await bed.ledger.verify();
    expect(report.divergences).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.rederived).toBe(await ledgerFootprint(bed.database.db).then((f) => f.items));

    // A pending document altered in the database is still tampering.
    await sql`update documents set wrapped = jsonb_set(wrapped, '{data,documentNumber}', to_jsonb(replace(wrapped->'data'->>'documentNumber', 'CO-', 'CX-')))
      where id = ${rows[0]!.id}`.execute(bed.database.db);
    const tampered = await bed.ledger.verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.divergences).toEqual([
      expect.objectContaining({ kind: 'document.batch', itemId: batchId, code: 'RECORD_ALTERED' }),
    ]);
    await sql`update documents set wrapped = jsonb_set(wrapped, '{data,documentNumber}', to_jsonb(replace(wrapped->'data'->>'documentNumber', 'CX-', 'CO-')))
      where id = ${rows[0]!.id}`.execute(bed.database.db);
    expect((await bed.ledger.verify()).ok).toBe(true);
  });
});

describe('a ledger that cannot be reached', () => {
  it('leaves the batch pending, not on the ledger and not verifiable, and retried until a reconciliation anchors it', async () => {
    bed.port.fault = 'ledger-unreachable';
    const before = await ledgerFootprint(bed.database.db);
    const rows = await bed.documents.service.issue(officer, batchOfTwo());
    const batchId = rows[0]!.batch_id;

    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(await ledgerFootprint(bed.database.db)).toEqual(before);
    expect(await storedBatch(bed.database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 1,
      anchor_error: 'ledger unreachable (test fault)',
    });
    expect((await verify(rows[1]!.wrapped)).checks.anchored).toBe('not-anchored');
    await expect(bed.documents.service.revoke(officer, rows[0]!.id, 'withdrawn')).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_ISSUED',
    });

    expect(await bed.documents.reconcile()).toEqual({ pending: 1, issued: 0, stillPending: 1 });
    expect(await storedBatch(bed.database.db, batchId)).toMatchObject({
      status: 'anchoring',
      anchor_attempts: 2,
    });

    bed.port.fault = 'none';
    expect(await bed.documents.reconcile()).toEqual({ pending: 1, issued: 1, stillPending: 0 });
    expect(await ledgerFootprint(bed.database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 2,
    });
    expect((await verify(rows[1]!.wrapped)).valid).toBe(true);
    expect((await bed.documents.service.revoke(officer, rows[0]!.id, 'withdrawn')).status).toBe('revoked');
  });

  it('leaves batches recorded within the grace period to the request issuing them', async () => {
    bed.port.fault = 'ledger-unreachable';
    const rows = await bed.documents.service.issue(officer, batchOfTwo());
    bed.port.fault = 'none';

    const early = await bed.documents.service.issuance.reconcile({
      recordedBefore: new Date(Date.now() - 60_000),
    });

    expect(early).toEqual({ pending: 0, issued: 0, stillPending: 0 });
    expect(await storedBatch(bed.database.db, rows[0]!.batch_id)).toMatchObject({ status: 'anchoring' });
  });
});
