import type { Kysely, Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';

export interface OriginTables {
  origin_assessments: {
    id: string;
    declaration_id: string | null;
    item_sequence: number | null;
    agreement: string;
    product: string | null;
    outcome: string;
    /** What was assessed and the result (the worksheet), exactly as anchored. */
    record: Record<string, unknown>;
    assessed_by: string;
    assessed_at: Date;
  };
}

export type AssessmentRow = Selectable<OriginTables['origin_assessments']>;

/** The origin module's SQL. */
export class OriginRepository {
  private readonly db: Kysely<OriginTables>;

  constructor(db: AnyDb) {
    this.db = tablesOf<OriginTables>(db);
  }

  /** Inserts an assessment; for a declaration item already assessed, keeps the first (idempotent). */
  async insert(trx: AnyTransaction, row: AssessmentRow): Promise<boolean> {
    const inserted = await tablesOf<OriginTables>(trx)
      .insertInto('origin_assessments')
      .values({ ...row, record: JSON.stringify(row.record) as unknown as Record<string, unknown> })
      .onConflict((oc) =>
        oc.columns(['declaration_id', 'item_sequence']).where('declaration_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  get(id: string): Promise<AssessmentRow | undefined> {
    return this.db.selectFrom('origin_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  many(ids: readonly string[]): Promise<AssessmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('origin_assessments')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  ofDeclaration(declarationId: string): Promise<AssessmentRow[]> {
    return this.db
      .selectFrom('origin_assessments')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .orderBy('item_sequence')
      .execute();
  }

  transaction<T>(work: (trx: AnyTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
