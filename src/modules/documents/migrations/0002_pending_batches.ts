import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Batches recorded before they are anchored: a batch and its documents are stored first (batch `anchoring`,
 * documents `pending`, no ledger entry), then its Merkle root is anchored, then the batch is marked `issued` with
 * its ledger entry. A crash in between leaves a pending batch that reconciliation finishes, never a ledger entry
 * for a batch that is not stored. Batches stored before this migration were anchored first and are `issued`.
 */
export const m0002_pending_batches: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      alter table document_batches
        add column status text not null default 'issued',
        add column recorded_at timestamptz,
        add column anchor_attempts integer not null default 0,
        add column anchor_error text,
        alter column ledger_entry_id drop not null,
        alter column ledger_index drop not null,
        alter column issued_at drop not null`.execute(db);
    await sql`update document_batches set recorded_at = issued_at`.execute(db);
    await sql`
      alter table document_batches
        alter column status drop default,
        alter column recorded_at set not null,
        alter column recorded_at set default now(),
        add constraint document_batches_status check (status in ('anchoring', 'issued')),
        add constraint document_batches_issued_anchored check (
          status <> 'issued' or (ledger_entry_id is not null and ledger_index is not null and issued_at is not null))`.execute(
      db,
    );
    await sql`create index document_batches_anchoring on document_batches (recorded_at, id) where status = 'anchoring'`.execute(
      db,
    );
    await sql`
      alter table documents
        alter column issued_at drop not null,
        add constraint documents_status check (status in ('pending', 'issued', 'revoked'))`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`delete from documents where status = 'pending'`.execute(db);
    await sql`delete from document_batches where status = 'anchoring'`.execute(db);
    await sql`alter table documents drop constraint documents_status, alter column issued_at set not null`.execute(
      db,
    );
    await sql`drop index document_batches_anchoring`.execute(db);
    await sql`
      alter table document_batches
        drop constraint document_batches_issued_anchored,
        drop constraint document_batches_status,
        drop column anchor_error,
        drop column anchor_attempts,
        drop column recorded_at,
        drop column status,
        alter column ledger_entry_id set not null,
        alter column ledger_index set not null,
        alter column issued_at set not null`.execute(db);
  },
};
