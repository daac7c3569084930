import { sql, type Kysely } from 'kysely';
import type { Channel } from '../../declarations/index.js';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import { jsonb, type RiskTables } from '../risk.tables.js';

export type DecisionRow = RiskTables['risk_decisions'];
export type LabelRow = RiskTables['risk_labels'];
export type SignalRow = Omit<RiskTables['risk_signals'], 'id'>;

export type HitRateInterval = 'day' | 'week' | 'month';

/** SQL for the decisions the module recorded, the labels control results gave, the signals it acted on. */
export class FeedbackRepository {
  private readonly db: Kysely<RiskTables>;
  constructor(db: AnyDb) {
    this.db = tablesOf<RiskTables>(db);
  }

  private t(trx?: AnyTransaction): Kysely<RiskTables> {
    return trx ? tablesOf<RiskTables>(trx) : this.db;
  }

  /** Inserts or replaces the decisions of several declarations (each at most once) in one statement. */
  async upsertDecisions(trx: AnyTransaction, rows: readonly DecisionRow[]) {
    if (rows.length === 0) return;
    await this.t(trx)
      .insertInto('risk_decisions')
      .values(rows.map((row) => ({ ...row, hits: jsonb(row.hits) })))
      .onConflict((oc) =>
        oc.column('declaration_id').doUpdateSet((eb) => ({
          office: eb.ref('excluded.office'),
          lodged_at: eb.ref('excluded.lodged_at'),
          channel: eb.ref('excluded.channel'),
          source: eb.ref('excluded.source'),
          score: eb.ref('excluded.score'),
          probability: eb.ref('excluded.probability'),
          revenue_at_stake: eb.ref('excluded.revenue_at_stake'),
          model_id: eb.ref('excluded.model_id'),
          ruleset_id: eb.ref('excluded.ruleset_id'),
          hits: eb.ref('excluded.hits'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  findDecision(declarationId: string) {
    return this.db
      .selectFrom('risk_decisions')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .executeTakeFirst();
  }

  /** An office's decisions in a period, by channel and source (to continue a day's budget after a restart). */
  dayCounts(office: string, from: Date, to: Date) {
    return this.db
      .selectFrom('risk_decisions')
      .select(['channel', 'source', sql<number>`count(*)::int`.as('n')])
      .where('office', '=', office)
      .where('lodged_at', '>=', from)
      .where('lodged_at', '<', to)
      .groupBy(['channel', 'source'])
      .execute();
  }

  /** The latest model-ranked scores of an office (to rank new declarations against after a restart). */
  recentScores(office: string, limit: number) {
    return this.db
      .selectFrom('risk_decisions')
      .select(['score', 'revenue_at_stake'])
      .where('office', '=', office)
      .where('score', 'is not', null)
      .where('source', 'in', ['model', 'none'])
      .orderBy('lodged_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Decisions in a period, riskiest first (for the analyst's and officer's lists). */
  decisions(filter: {
    from: Date;
    to: Date;
    office?: string;
    channel?: Channel[];
    source?: string[];
    limit: number;
    offset: number;
  }) {
    let q = this.db
      .selectFrom('risk_decisions')
      .where('lodged_at', '>=', filter.from)
      .where('lodged_at', '<', filter.to);
    if (filter.office) q = q.where('office', '=', filter.office);
    if (filter.channel?.length) q = q.where('channel', 'in', filter.channel);
    if (filter.source?.length) q = q.where('source', 'in', filter.source);
    return q
      .selectAll()
      .orderBy(sql`score desc nulls last`)
      .orderBy('declaration_id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
  }

  /** Stores a label; an older delivery of the same declaration's result never overwrites a newer one. */
  upsertLabel(trx: AnyTransaction, row: LabelRow) {
    const values = { ...row, items: jsonb(row.items) };
    const { declaration_id: _id, ...update } = values;
    return this.t(trx)
      .insertInto('risk_labels')
      .values(values)
      .onConflict((oc) =>
        oc.column('declaration_id').doUpdateSet(update).where('risk_labels.event_seq', '<', row.event_seq),
      )
      .execute();
  }

  findLabel(declarationId: string) {
    return this.db
      .selectFrom('risk_labels')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .executeTakeFirst();
  }

  /** Every label, oldest lodgement first (the platform's labelled history). */
  labels() {
    return this.db
      .selectFrom('risk_labels')
      .selectAll()
      .orderBy('lodged_at')
      .orderBy('declaration_id')
      .execute();
  }

  /** Records a signal once per event (at-least-once delivery); true when it is new. */
  async insertSignal(trx: AnyTransaction, row: SignalRow): Promise<boolean> {
    const inserted = await this.t(trx)
      .insertInto('risk_signals')
      .values({ ...row, detail: jsonb(row.detail) })
      .onConflict((oc) => oc.column('event_seq').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  signals(declarationId: string) {
    return this.db
      .selectFrom('risk_signals')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .orderBy('id')
      .execute();
  }

  /**
   * Hit rate of each selection source over time: declarations selected (any channel but green), those with a control
   * result, frauds found and revenue recovered, per period of lodgement.
   */
  async hitRates(filter: { from: Date; to: Date; office?: string; interval: HitRateInterval }) {
    let q = this.db
      .selectFrom('risk_decisions as d')
      .leftJoin('risk_labels as l', 'l.declaration_id', 'd.declaration_id')
      .select([
        sql<Date>`date_trunc(${filter.interval}, d.lodged_at, 'UTC')`.as('period'),
        'd.source',
        sql<number>`count(*)::int`.as('decided'),
        sql<number>`count(*) filter (where d.channel <> 'green')::int`.as('selected'),
        sql<number>`count(l.declaration_id)::int`.as('controlled'),
        sql<number>`coalesce(sum(l.fraud), 0)::int`.as('hits'),
        sql<number>`coalesce(sum(l.revenue), 0)::float8`.as('revenue'),
      ])
      .where('d.lodged_at', '>=', filter.from)
      .where('d.lodged_at', '<', filter.to);
    if (filter.office) q = q.where('d.office', '=', filter.office);
    const rows = await q.groupBy(['period', 'd.source']).orderBy('period').orderBy('d.source').execute();
    return rows.map((r) => ({
      period: new Date(r.period),
      source: r.source,
      decided: Number(r.decided),
      selected: Number(r.selected),
      controlled: Number(r.controlled),
      hits: Number(r.hits),
      revenue: Number(r.revenue),
    }));
  }
}
