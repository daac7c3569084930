import type { Generated } from 'kysely';

/** The ledger module's tables (see `migrations/0001_ledger.ts`). Only this module names them. */
export interface LedgerTables {
  ledger_entries: { idx: number; leaf_hash: Uint8Array; data: Uint8Array; created_at: Generated<Date> };
  ledger_tree_nodes: { level: number; idx: number; hash: Uint8Array };
  ledger_revocations: { target: Uint8Array; entry_idx: number };
  ledger_checkpoints: { size: number; note: string; created_at: Generated<Date> };
  ledger_cosignatures: { size: number; witness: string; line: string; cosigned_at: Date };
  ledger_witness_attempts: {
    witness: string;
    url: string;
    attempted_at: Date;
    size: number;
    error_code: string | null;
  };
  ledger_keys: { purpose: string; secret: string; created_at: Generated<Date> };
  ledger_witnessed_logs: {
    origin: string;
    verifier_key: string;
    latest_size: number | null;
    latest_root: string | null;
    cosigned_at: number | null;
  };
  ledger_batches: {
    id: Generated<number>;
    root: Uint8Array;
    entry_id: Uint8Array;
    entry_index: number | null;
    item_count: number;
    created_at: Generated<Date>;
  };
  ledger_items: {
    kind: string;
    item_id: string;
    digest: Uint8Array;
    batch_id: number | null;
    position: number | null;
    entry_id: Uint8Array | null;
    enqueued_at: Generated<Date>;
  };
  ledger_verify_runs: {
    id: Generated<number>;
    started_at: Date;
    finished_at: Date;
    ok: boolean;
    report: unknown;
  };
}

/** bytea comes back as a Buffer (node-postgres) or a Uint8Array (PGlite); callers get a plain Uint8Array. */
export function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
