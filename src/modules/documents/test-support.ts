/**
 * Test support for the documents module: the module on a test database with the ledger module as the platform wires
 * it, behind a port implementation that can be told to fail before anchoring (ledger unreachable) or right after
 * (the process stops between anchoring and finalizing). Test support only; no product code imports it.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { loadConfig } from '../../platform/config.js';
import type { AnyDb, Database } from '../../platform/database/database.js';
import { openTestDatabase } from '../../platform/database/test-database.js';
import { createLedgerModule, type LedgerModule } from '../ledger/index.js';
import { createDocumentsModule, type DocumentLedger, type DocumentsModule } from './index.js';

/** Where the next anchoring fails, if anywhere. */
export type AnchoringFault = 'none' | 'ledger-unreachable' | 'stop-after-anchoring';

/** The ledger port as wired in `src/platform/app.ts`, with a fault that can be armed. */
export class FaultyDocumentLedger implements DocumentLedger {
  fault: AnchoringFault = 'none';
  /** Roots actually sent to the ledger. */
  anchorCalls = 0;

  constructor(private readonly module: LedgerModule) {}

  get ledger() {
    return this.module.ledger;
  }

  async anchorDirect(item: { kind: string; itemId: string; digest: Uint8Array }) {
    if (this.fault === 'ledger-unreachable') throw new Error('ledger unreachable (test fault)');
    this.anchorCalls += 1;
    const receipt = await this.module.anchoring.anchorDirect(item);
    if (this.fault === 'stop-after-anchoring') throw new Error('stopped after anchoring (test fault)');
    return receipt;
  }

  anchorStatus(kind: string, itemIds: readonly string[]) {
    return this.module.anchoring.status(kind, itemIds);
  }
}

/**
 * The ledger and documents modules on `db` (migrated), the documents module behind a {@link FaultyDocumentLedger} and
 * registered as the ledger's anchor source for document batches (so that `ledger.verify()` re-derives them).
 */
export async function documentsOnLedger(db: AnyDb): Promise<{
  ledger: LedgerModule;
  port: FaultyDocumentLedger;
  documents: DocumentsModule;
}> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({}, { logLevel: 'silent' });
  const ledger = await createLedgerModule(db, config, { logger });
  const port = new FaultyDocumentLedger(ledger);
  const documents = createDocumentsModule(db, {
    ledger: port,
    logger,
    // The platform's issuer under the default configuration, so that an app started later on `db` recognises it.
    issuer: () => ({ name: config.documentsIssuerName, domain: config.documentsIssuerDomain }),
  });
  ledger.registerSource(documents.anchorSource);
  return { ledger, port, documents };
}

/** Counts of what issuing leaves behind: log entries, ledger items of document batches, `document.issued` events. */
export async function ledgerFootprint(db: AnyDb) {
  const { rows } = await sql<{ entries: string; items: string; events: string }>`
    select (select count(*) from ledger_entries) as entries,
           (select count(*) from ledger_items where kind = 'document.batch') as items,
           (select count(*) from outbox where type = 'document.issued') as events`.execute(db);
  const row = rows[0]!;
  return { entries: Number(row.entries), items: Number(row.items), events: Number(row.events) };
}

/** A batch as stored. */
export async function storedBatch(db: AnyDb, id: string) {
  const { rows } = await sql<{
    status: string;
    ledger_index: string | null;
    anchor_attempts: number;
    anchor_error: string | null;
  }>`select status, ledger_index, anchor_attempts, anchor_error from document_batches where id = ${id}`.execute(
    db,
  );
  return rows[0];
}

/** A customs officer at Kingston, who issues the documents of the tests. */
export const OFFICER: Principal = {
  kind: 'user',
  id: 'officer-1',
  name: 'Officer',
  roles: ['officer'],
  partyTin: null,
  office: 'JMKIN01',
  locale: 'en',
};

/** What {@link documentsTestBed} sets up; filled in before the file's first test. */
export interface DocumentsTestBed {
  database: Database;
  ledger: LedgerModule;
  port: FaultyDocumentLedger;
  documents: DocumentsModule;
}

/**
 * One test file's documents module on a fresh database and a faulty ledger port: set up before the first test, torn
 * down after the last; each test starts with no fault armed and nothing left pending by the one before.
 */
export function documentsTestBed(): DocumentsTestBed {
  const bed = {} as DocumentsTestBed;
  beforeAll(async () => {
    bed.database = await openTestDatabase();
    Object.assign(bed, await documentsOnLedger(bed.database.db));
  });
  afterAll(async () => {
    await bed.documents.stop();
    await bed.ledger.stop();
    await bed.database.close();
  });
  beforeEach(async () => {
    bed.port.fault = 'none';
    await bed.documents.reconcile();
  });
  return bed;
}
