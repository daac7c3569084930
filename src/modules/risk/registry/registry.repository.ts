import { sql, type Kysely } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import { jsonb, type RiskTables } from '../risk.tables.js';
import type { TrainedRiskModel } from '../training/train-model.js';

const SUMMARY_COLUMNS = [
  'id',
  'origin',
  'created_by',
  'created_at',
  'params',
  'metrics',
  'feature_schema',
  'training',
  'artifact_sha256',
] as const;

/** SQL for the model registry: versions, activations (the serving history) and training jobs. */
export class RegistryRepository {
  private readonly db: Kysely<RiskTables>;
  constructor(db: AnyDb) {
    this.db = tablesOf<RiskTables>(db);
  }

  private t(trx?: AnyTransaction): Kysely<RiskTables> {
    return trx ? tablesOf<RiskTables>(trx) : this.db;
  }

  async insertModel(trx: AnyTransaction, m: TrainedRiskModel, origin: string, by: string): Promise<number> {
    const row = await this.t(trx)
      .insertInto('risk_models')
      .values({
        origin,
        created_by: by,
        created_at: new Date(),
        params: jsonb(m.params),
        metrics: jsonb(m.metrics),
        feature_schema: jsonb(m.featureSchema),
        training: jsonb(m.training),
        artifact: m.artifact,
        artifact_sha256: m.sha256,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Versions without their artifacts, newest first. */
  listModels() {
    return this.db.selectFrom('risk_models').select(SUMMARY_COLUMNS).orderBy('id', 'desc').execute();
  }

  findModel(id: number, trx?: AnyTransaction) {
    return this.t(trx)
      .selectFrom('risk_models')
      .select(SUMMARY_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async artifact(id: number): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('risk_models')
      .select('artifact')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? Buffer.from(row.artifact) : undefined;
  }

  async latestModelId(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('risk_models')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.id) : undefined;
  }

  async countModels(trx?: AnyTransaction): Promise<number> {
    const row = await this.t(trx)
      .selectFrom('risk_models')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  insertActivation(trx: AnyTransaction, modelId: number, action: string, by: string, reason: string | null) {
    return this.t(trx)
      .insertInto('risk_model_activations')
      .values({ model_id: modelId, action, reason, activated_by: by, activated_at: new Date() })
      .execute();
  }

  /** The serving history, newest first. */
  activations(limit = 50, trx?: AnyTransaction) {
    return this.t(trx)
      .selectFrom('risk_model_activations')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async activeModelId(): Promise<number | undefined> {
    const [row] = await this.activations(1);
    return row ? Number(row.model_id) : undefined;
  }

  /** Takes the registry's bootstrap lock for the transaction, so that one node imports the default model. */
  async lockBootstrap(trx: AnyTransaction): Promise<void> {
    await sql`select pg_advisory_xact_lock(7220005)`.execute(trx);
  }

  // --- training jobs

  async insertJob(trigger: string, by: string): Promise<number> {
    const row = await this.db
      .insertInto('risk_training_jobs')
      .values({
        trigger,
        status: 'running',
        requested_by: by,
        progress: null,
        model_id: null,
        error: null,
        started_at: new Date(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  updateJob(
    id: number,
    patch: Partial<
      Pick<RiskTables['risk_training_jobs'], 'status' | 'progress' | 'model_id' | 'error' | 'finished_at'>
    >,
  ) {
    const values = { ...patch, ...(patch.progress !== undefined ? { progress: jsonb(patch.progress) } : {}) };
    return this.db.updateTable('risk_training_jobs').set(values).where('id', '=', id).execute();
  }

  findJob(id: number) {
    return this.db.selectFrom('risk_training_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listJobs(limit = 20) {
    return this.db.selectFrom('risk_training_jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  /** When the last job of these triggers started (the scheduler's clock). */
  async lastJobStart(triggers: string[]): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('risk_training_jobs')
      .select(sql<Date | null>`max(started_at)`.as('at'))
      .where('trigger', 'in', triggers)
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  }
}
