import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ledgerBatchIntervalMs: 3_600_000 });
});
afterAll(() => t?.close());

/** The value of an unlabelled metric in a `/metrics` scrape. */
async function scrape(): Promise<{ pending: number; oldestSeconds: number }> {
  const res = await t.app.http.inject({
    method: 'GET',
    url: '/metrics',
    headers: await t.login('supervisor'),
  });
  expect(res.statusCode).toBe(200);
  const value = (name: string) => {
    const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(res.body);
    if (line === null) throw new Error(`${name} not in the scrape`);
    return Number(line[1]);
  };
  return {
    pending: value('aduana_document_batches_pending'),
    oldestSeconds: value('aduana_document_batch_pending_oldest_seconds'),
  };
}

describe('pending document batches on /metrics', () => {
  it('counts a batch the ledger refused and the age of the oldest, computed at each scrape, and 0 once issued', async () => {
    expect(await scrape()).toEqual({ pending: 0, oldestSeconds: 0 });

    const db = t.app.database.db;
    await sql`create function documents_metrics_test_ledger_down() returns trigger language plpgsql as $$
      begin raise exception 'ledger storage unavailable (test fault)'; end $$`.execute(db);
    await sql`create trigger documents_metrics_test_ledger_down before insert on ledger_entries
      for each row execute function documents_metrics_test_ledger_down()`.execute(db);
    try {
      const issued = await t.app.http.inject({
        method: 'POST',
        url: '/api/v1/documents',
        headers: await t.login('officer'),
        payload: { documents: [{ kind: 'packing_list', reference: 'PL-METRICS-1', data: { packages: 3 } }] },
      });
      expect(issued.statusCode, issued.body).toBe(202);
      const { batchId } = issued.json<{ documents: { batchId: string }[] }>().documents[0]!;
      await sql`update document_batches set recorded_at = now() - interval '10 minutes' where id = ${batchId}`.execute(
        db,
      );

      const pending = await scrape();
      expect(pending.pending).toBe(1);
      expect(pending.oldestSeconds).toBeGreaterThanOrEqual(600);
      expect(pending.oldestSeconds).toBeLessThan(900);
    } finally {
      await sql`drop trigger documents_metrics_test_ledger_down on ledger_entries`.execute(db);
      await sql`drop function documents_metrics_test_ledger_down()`.execute(db);
    }

    expect(await t.app.documents.reconcile()).toMatchObject({ issued: 1, stillPending: 0 });
    expect(await scrape()).toEqual({ pending: 0, oldestSeconds: 0 });
  });
});
