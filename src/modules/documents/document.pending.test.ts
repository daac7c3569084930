import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../platform/database/test-database.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { documentsOnLedger, ledgerFootprint, storedBatch } from './test-support.js';

interface DocumentOut {
  id: string;
  batchId: string;
  status: string;
  issuedAt: string | null;
  document: Record<string, unknown>;
}

const request = async (t: TestApp, user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.http.inject({ method, url, headers: await t.login(user), ...(payload ? { payload } : {}) });

describe('a batch the ledger cannot anchor yet, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ledgerBatchIntervalMs: 3_600_000 });
  });
  afterAll(() => t?.close());

  it('is accepted as pending (202), shown pending, does not verify or revoke, and is issued by a later reconciliation', async () => {
    const db = t.app.database.db;
    await sql`create function documents_test_ledger_down() returns trigger language plpgsql as $$
      begin raise exception 'ledger storage unavailable (test fault)'; end $$`.execute(db);
    await sql`create trigger documents_test_ledger_down before insert on ledger_entries
      for each row execute function documents_test_ledger_down()`.execute(db);
    let issued;
    try {
      issued = await request(t, 'officer', 'POST', '/api/v1/documents', {
        documents: [{ kind: 'packing_list', reference: 'PL-PENDING-1', data: { packages: 12 } }],
      });
    } finally {
      await sql`drop trigger documents_test_ledger_down on ledger_entries`.execute(db);
      await sql`drop function documents_test_ledger_down()`.execute(db);
    }
    expect(issued.statusCode, issued.body).toBe(202);
    const [pending] = issued.json<{ documents: DocumentOut[] }>().documents;
    expect(pending).toMatchObject({ status: 'pending', issuedAt: null });

    const shown = await request(t, 'officer', 'GET', `/api/v1/documents/${pending!.id}`);
    expect(shown.json()).toMatchObject({ status: 'pending', issuedAt: null });
    const verdict = await request(t, 'officer', 'POST', '/api/v1/documents/verify', {
      document: pending!.document,
    });
    expect(verdict.json()).toMatchObject({
      valid: false,
      checks: { integrity: 'valid', anchored: 'not-anchored' },
    });
    const revoke = await request(t, 'supervisor', 'POST', `/api/v1/documents/${pending!.id}/revoke`, {
      reason: 'withdrawn by the exporter',
    });
    expect(revoke.statusCode).toBe(409);
    expect(revoke.json()).toMatchObject({ code: 'DOCUMENT_NOT_ISSUED' });

    expect(await t.app.documents.reconcile()).toEqual({ pending: 1, issued: 1, stillPending: 0 });
    const after = await request(t, 'officer', 'GET', `/api/v1/documents/${pending!.id}`);
    expect(after.json<DocumentOut>().status).toBe('issued');
    expect(after.json<DocumentOut>().issuedAt).toEqual(expect.any(String));
    const valid = await request(t, 'officer', 'POST', '/api/v1/documents/verify', {
      document: pending!.document,
    });
    expect(valid.json()).toMatchObject({ valid: true, checks: { anchored: 'anchored' } });
  });
});

describe('start-up reconciliation', () => {
  let t: TestApp | undefined;
  afterAll(() => t?.close());

  it('issues, when the platform starts, a batch a previous run anchored but did not finalize, once and on its one ledger entry', async () => {
    const database = await openTestDatabase();
    const before = await ledgerFootprint(database.db);
    const previous = await documentsOnLedger(database.db);
    previous.port.fault = 'stop-after-anchoring';
    const [document] = await previous.documents.service.issue(
      {
        kind: 'user',
        id: 'officer-1',
        name: 'Officer',
        roles: ['officer'],
        partyTin: null,
        office: null,
        locale: 'en',
      },
      [{ kind: 'invoice', reference: 'INV-CRASH-1', data: { total: 1200 } }],
    );
    await previous.documents.stop();
    await previous.ledger.stop();
    expect(await storedBatch(database.db, document!.batch_id)).toMatchObject({ status: 'anchoring' });

    t = await startTestApp({ ledgerBatchIntervalMs: 3_600_000 }, database);
    // Runs after the start-up reconciliation, and finds nothing left to do.
    expect(await t.app.documents.reconcile()).toEqual({ pending: 0, issued: 0, stillPending: 0 });

    expect(await storedBatch(database.db, document!.batch_id)).toMatchObject({ status: 'issued' });
    expect(await ledgerFootprint(database.db)).toEqual({
      entries: before.entries + 1,
      items: before.items + 1,
      events: before.events + 1,
    });
    const verdict = await request(t, 'officer', 'POST', '/api/v1/documents/verify', {
      document: document!.wrapped,
    });
    expect(verdict.json()).toMatchObject({ valid: true });
  });
});
