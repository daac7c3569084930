import type { Ledger } from './ledger.port.js';
import type { LedgerRepository, ItemRow } from './ledger.repository.js';
import { batchRoot } from './anchoring.service.js';
import { isLedgerLogError } from './log/errors.js';
import { hashesEqual, type Hash } from './log/merkle.js';
import type { TransparencyLog } from './log/log.js';

/**
 * A module that can re-derive, from its own tables, the digests of the records it had anchored
 * (provenance events, certificates, worksheets). Registered with the ledger module so that
 * `aduana ledger verify` checks every anchored record without reading other modules' tables.
 */
export interface AnchorSource {
  /** The item kind it answers for (as enqueued). */
  readonly kind: string;
  /**
   * Digest of each record as stored now; `undefined` when the record is gone. `problems` names what in
   * the record no longer matches (e.g. which certificate in a batch was altered).
   */
  rederive(
    itemIds: readonly string[],
  ): Promise<Map<string, { readonly digest: Hash | undefined; readonly problems?: readonly string[] }>>;
}

/** One thing that no longer matches what was anchored. */
export interface Divergence {
  /** `ledger.entry`, `ledger.checkpoint`, `ledger.batch`, or a record kind such as `provenance.event`. */
  readonly kind: string;
  readonly itemId: string;
  readonly code:
    | 'LEDGER_ENTRY_ALTERED'
    | 'LEDGER_CHECKPOINT_MISMATCH'
    | 'LEDGER_CHECKPOINT_FORGED'
    | 'LEDGER_TRUNCATED'
    | 'LEDGER_BATCH_ROOT_MISMATCH'
    | 'LEDGER_ROOT_NOT_ANCHORED'
    | 'LEDGER_TAMPERED'
    | 'RECORD_MISSING'
    | 'RECORD_ALTERED';
  readonly detail: string;
}

export interface LedgerVerifyReport {
  readonly ok: boolean;
  readonly engine: Ledger['engine'];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly logEntries: number | null;
  readonly checkpoints: number | null;
  readonly batches: number;
  readonly items: number;
  /** Items whose digest was re-derived from their module's tables. */
  readonly rederived: number;
  /** Items anchored by digest only (no module re-derives them, e.g. events of modules without a source). */
  readonly digestOnly: number;
  readonly divergences: readonly Divergence[];
}

const PAGE = 500;
const MAX_DIVERGENCES = 1000;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Re-derives every anchored root from the database and names any divergence: the log's entries against
 * its signed checkpoints; each batch's root against its items' digests and against the ledger; each
 * item's digest against the record its module holds now.
 */
export async function verifyLedger(deps: {
  readonly repo: LedgerRepository;
  readonly ledger: Ledger;
  readonly log: TransparencyLog | undefined;
  readonly sources: ReadonlyMap<string, AnchorSource>;
}): Promise<LedgerVerifyReport> {
  const startedAt = new Date();
  const divergences: Divergence[] = [];
  const add = (d: Divergence) => {
    if (divergences.length < MAX_DIVERGENCES) divergences.push(d);
  };

  let logEntries: number | null = null;
  let checkpoints: number | null = null;
  if (deps.log !== undefined) {
    const audit = await deps.log.audit();
    if (audit.intact) {
      logEntries = audit.entriesChecked;
      checkpoints = audit.checkpointsChecked;
    } else {
      for (const index of audit.leafHashMismatches) {
        add({
          kind: 'ledger.entry',
          itemId: String(index),
          code: 'LEDGER_ENTRY_ALTERED',
          detail: `log entry ${index} no longer hashes to its stored leaf hash`,
        });
      }
      if (audit.firstBadCheckpointSize !== undefined && !audit.truncated) {
        add({
          kind: 'ledger.checkpoint',
          itemId: String(audit.firstBadCheckpointSize),
          code: 'LEDGER_CHECKPOINT_MISMATCH',
          detail: `entries ${audit.lastGoodSize}..${audit.firstBadCheckpointSize - 1} no longer give the signed root of size ${audit.firstBadCheckpointSize}`,
        });
      }
      if (audit.truncated) {
        add({
          kind: 'ledger.checkpoint',
          itemId: String(audit.firstBadCheckpointSize ?? 0),
          code: 'LEDGER_TRUNCATED',
          detail: 'signed checkpoints cover entries that are no longer stored',
        });
      }
      if (audit.forgedCheckpoints > 0) {
        add({
          kind: 'ledger.checkpoint',
          itemId: '*',
          code: 'LEDGER_CHECKPOINT_FORGED',
          detail: `${audit.forgedCheckpoints} stored checkpoint(s) fail the log's signature`,
        });
      }
    }
  }

  const anchored = async (entryId: Hash, kind: string, itemId: string): Promise<void> => {
    try {
      const verdict = await deps.ledger.verify(entryId);
      if (verdict.status === 'not-anchored') {
        add({
          kind,
          itemId,
          code: 'LEDGER_ROOT_NOT_ANCHORED',
          detail: `ledger entry ${hex(entryId)} is not on the ledger`,
        });
      }
    } catch (error) {
      if (!isLedgerLogError(error)) throw error;
      add({ kind, itemId, code: 'LEDGER_TAMPERED', detail: `${error.code}: ${error.message}` });
    }
  };

  let batches = 0;
  for (let after = 0; ;) {
    const page = await deps.repo.batches(after, PAGE);
    if (page.length === 0) break;
    for (const batch of page) {
      batches += 1;
      after = batch.id;
      const items = await deps.repo.batchItems(batch.id);
      const root = batchRoot(items.map((i) => i.digest));
      if (!hashesEqual(root, batch.root) || items.length !== batch.itemCount) {
        add({
          kind: 'ledger.batch',
          itemId: String(batch.id),
          code: 'LEDGER_BATCH_ROOT_MISMATCH',
          detail: `the ${items.length} recorded digests of batch ${batch.id} no longer give its root ${hex(batch.root)}`,
        });
      }
      if (!hashesEqual(deps.ledger.entryId({ root: batch.root }), batch.entryId)) {
        add({
          kind: 'ledger.batch',
          itemId: String(batch.id),
          code: 'LEDGER_BATCH_ROOT_MISMATCH',
          detail: 'batch root and ledger entry differ',
        });
      }
      if (batch.entryIndex !== null) await anchored(batch.entryId, 'ledger.batch', String(batch.id));
    }
  }

  let items = 0;
  let rederived = 0;
  let digestOnly = 0;
  for (let cursor: ItemRow | undefined; ;) {
    const page = await deps.repo.itemPage(cursor && { kind: cursor.kind, itemId: cursor.itemId }, PAGE);
    if (page.length === 0) break;
    cursor = page[page.length - 1];
    items += page.length;
    for (const item of page) {
      if (item.entryId !== null) {
        if (!hashesEqual(deps.ledger.entryId({ root: item.digest }), item.entryId)) {
          add({
            kind: item.kind,
            itemId: item.itemId,
            code: 'LEDGER_BATCH_ROOT_MISMATCH',
            detail: 'recorded digest and ledger entry differ',
          });
        }
        await anchored(item.entryId, item.kind, item.itemId);
      }
    }
    const byKind = new Map<string, ItemRow[]>();
    for (const item of page) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
    for (const [kind, group] of byKind) {
      const source = deps.sources.get(kind);
      if (source === undefined) {
        digestOnly += group.length;
        continue;
      }
      const current = await source.rederive(group.map((g) => g.itemId));
      for (const item of group) {
        rederived += 1;
        const now = current.get(item.itemId);
        if (now?.digest === undefined) {
          add({
            kind,
            itemId: item.itemId,
            code: 'RECORD_MISSING',
            detail: `${kind} ${item.itemId} was anchored but is no longer stored`,
          });
        } else if (!hashesEqual(now.digest, item.digest) || (now.problems?.length ?? 0) > 0) {
          const named = now.problems?.length ? `: ${now.problems.join('; ')}` : '';
          add({
            kind,
            itemId: item.itemId,
            code: 'RECORD_ALTERED',
            detail: `${kind} ${item.itemId} now hashes to ${hex(now.digest)}, anchored as ${hex(item.digest)}${named}`,
          });
        }
      }
    }
  }

  return {
    ok: divergences.length === 0,
    engine: deps.ledger.engine,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    logEntries,
    checkpoints,
    batches,
    items,
    rederived,
    digestOnly,
    divergences,
  };
}
