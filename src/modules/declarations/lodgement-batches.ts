import DataLoader from 'dataloader';
import { auditInsert, type AuditEntry } from '../../platform/audit/audit.js';
import { executeTogether, type AnyDb } from '../../platform/database/database.js';
import { outboxInsert, type NewEvent } from '../../platform/events/outbox.js';
import type {
  DeclarationRepository,
  DeclarationRow,
  LodgementKey,
  NotificationRow,
} from './declaration.repository.js';

/** Everything one lodgement writes: the declaration, its notifications, audit entries and events. */
export interface LodgementWrite {
  row: DeclarationRow;
  notifications: Omit<NotificationRow, 'id'>[];
  audit: AuditEntry[];
  events: NewEvent[];
}

/** Lodgements that arrive together are looked up and written together; at most this many per statement. */
export const MAX_LODGEMENTS_PER_STATEMENT = 64;

/**
 * Group commit for lodgement. Under load, each lodgement's two round trips (the idempotency lookup by declarant and
 * LRN, then the write) were most of its cost: on this kind of machine a round trip to PostgreSQL costs more than
 * validating and scoring the declaration. Lodgements that reach the same step in the same turn of the event loop now
 * share one statement for each step (DataLoader, scheduled with `setImmediate` so every request read in that turn
 * joins). Alone, a lodgement waits one turn at most.
 *
 * Each lodgement keeps its own outcome: a shared write is one atomic statement; if it fails, each lodgement of the
 * batch is written again on its own, so one lodgement's conflict (the same LRN sent twice at once) or bad row fails
 * that lodgement only, and nothing is half-written.
 */
export class LodgementBatches {
  private readonly lookups: DataLoader<LodgementKey, DeclarationRow | undefined, LodgementKey>;
  private readonly writes: DataLoader<LodgementWrite, true, LodgementWrite>;

  constructor(
    private readonly db: AnyDb,
    private readonly repo: DeclarationRepository,
    maxBatchSize = MAX_LODGEMENTS_PER_STATEMENT,
  ) {
    const options = {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (callback: () => void) => setImmediate(callback),
    } as const;
    this.lookups = new DataLoader((keys) => this.lookUp(keys), options);
    this.writes = new DataLoader((writes) => this.writeAll(writes), options);
  }

  /** The declaration a declarant already lodged under this LRN, if any. */
  find(declarantTin: string, lrn: string): Promise<DeclarationRow | undefined> {
    return this.lookups.load({ declarantTin, lrn });
  }

  /** Writes one lodgement, atomically; resolves once it is committed. */
  async write(lodgement: LodgementWrite): Promise<void> {
    await this.writes.load(lodgement);
  }

  private async lookUp(keys: readonly LodgementKey[]): Promise<(DeclarationRow | undefined)[]> {
    const rows =
      keys.length === 1
        ? [await this.repo.findByDeclarantAndLrn(keys[0]!.declarantTin, keys[0]!.lrn)].filter(
            (r): r is DeclarationRow => r !== undefined,
          )
        : await this.repo.findByDeclarantAndLrns(keys);
    const found = new Map(rows.map((r) => [`${r.declarant_tin}\u0000${r.lrn}`, r]));
    return keys.map((k) => found.get(`${k.declarantTin}\u0000${k.lrn}`));
  }

  private async writeAll(lodgements: readonly LodgementWrite[]): Promise<(true | Error)[]> {
    if (lodgements.length > 1) {
      try {
        await this.writeTogether(lodgements);
        return lodgements.map(() => true);
      } catch {
        // One of them failed the shared statement, which wrote nothing: each is written on its own below, so
        // only the one at fault fails.
      }
    }
    return Promise.all(
      lodgements.map((l) =>
        this.writeTogether([l]).then(
          () => true as const,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
  }

  private writeTogether(lodgements: readonly LodgementWrite[]): Promise<void> {
    const notifications = lodgements.flatMap((l) => l.notifications);
    return executeTogether(this.db, [
      this.repo.insertStatement(lodgements.map((l) => l.row)),
      ...(notifications.length ? [this.repo.notificationsStatement(notifications)] : []),
      auditInsert(
        this.db,
        lodgements.flatMap((l) => l.audit),
      ),
      outboxInsert(
        this.db,
        lodgements.flatMap((l) => l.events),
      ),
    ]);
  }
}
