import { sql, type Generated, type Kysely } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';
import type { FieldError } from '../../platform/errors.js';
import type { ChannelDecision } from './channel-strategy.js';
import type {
  Channel,
  ControlResult,
  DeclarationInput,
  DeclarationStatus,
  DeclarationType,
} from './declaration.schema.js';

export interface DeclarationRow {
  id: string;
  lrn: string;
  declarant_tin: string;
  importer_tin: string | null;
  exporter_tin: string | null;
  type: DeclarationType;
  office: string;
  status: DeclarationStatus;
  channel: Channel | null;
  version: number;
  content_hash: string;
  /** Content hash of the version lodged (amendments change `content_hash`, not this). */
  lodged_content_hash: string | null;
  document: DeclarationInput;
  hs_codes: string[];
  container_numbers: string[];
  origin_countries: string[];
  total_value: number;
  currency: string;
  item_count: number;
  channel_decision: ChannelDecision | null;
  control: (ControlResult & { recordedAt: string; officer: string }) | null;
  documents_requested: {
    documents: string[];
    reason: string;
    requestedAt: string;
    answeredAt?: string;
  } | null;
  /** Business-rule findings of severity `warning`, kept with the declaration. */
  warnings: FieldError[];
  arrived_at: Date | null;
  lodged_at: Date;
  accepted_at: Date | null;
  channel_at: Date | null;
  control_at: Date | null;
  released_at: Date | null;
  updated_at: Date;
}

export interface NotificationRow {
  id: number;
  declaration_id: string;
  function_code: string;
  issued_at: Date;
  data: Record<string, unknown>;
}

interface Tables {
  declarations: DeclarationRow;
  declaration_notifications: Omit<NotificationRow, 'id'> & { id: Generated<number> };
}

/** A lodgement's idempotency key. */
export interface LodgementKey {
  declarantTin: string;
  lrn: string;
}

export interface QueueFilter {
  status?: DeclarationStatus[];
  channel?: Channel[];
  office?: string;
  party?: string;
  hs?: string;
  lrn?: string;
  container?: string;
  from?: Date;
  to?: Date;
  /** Restricts to one party's declarations (declarant, importer or exporter): the trader's scope. */
  scopeParty?: string | null;
  sort: 'lodgedAt' | '-lodgedAt' | 'value' | '-value' | 'status';
  limit: number;
  offset: number;
}

const json = <T>(v: T) => JSON.stringify(v) as unknown as T;

/** A period and, optionally, one office: the scope of office statistics. */
export interface StatisticsScope {
  from: Date;
  to: Date;
  office?: string;
}

/** Open declarations selected for a control (red or yellow lane) and not yet released, seized or invalidated. */
const PENDING_CONTROL_STATUSES: DeclarationStatus[] = ['channel_assigned', 'under_control', 'held'];

/** SQL for declarations and their notifications; one method, one query. */
export class DeclarationRepository {
  private readonly db: Kysely<Tables>;
  constructor(db: AnyDb) {
    this.db = tablesOf<Tables>(db);
  }

  private t(trx?: AnyTransaction): Kysely<Tables> {
    return trx ? tablesOf<Tables>(trx) : this.db;
  }

  findByDeclarantAndLrn(declarantTin: string, lrn: string) {
    return this.db
      .selectFrom('declarations')
      .selectAll()
      .where('declarant_tin', '=', declarantTin)
      .where('lrn', '=', lrn)
      .executeTakeFirst();
  }

  /** The declarations lodged under any of these (declarant, LRN) pairs, in one statement. */
  findByDeclarantAndLrns(keys: readonly LodgementKey[]) {
    return this.db
      .selectFrom('declarations')
      .selectAll()
      .where(
        sql<boolean>`(declarant_tin, lrn) in (select * from unnest(${keys.map((k) => k.declarantTin)}::text[], ${keys.map((k) => k.lrn)}::text[]))`,
      )
      .execute();
  }

  findById(id: string, trx?: AnyTransaction) {
    return this.t(trx).selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The channel decisions of several declarations in one read (risk's feedback loop), without their documents. */
  channelDecisionsOf(ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('declarations')
      .select(['id', 'office', 'lodged_at', 'channel', 'channel_decision'])
      .where('id', 'in', ids)
      .execute();
  }

  /** Reads and row-locks a declaration for a state change. */
  lockById(trx: AnyTransaction, id: string) {
    return this.t(trx)
      .selectFrom('declarations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  insertStatement(rows: readonly DeclarationRow[]) {
    return this.db.insertInto('declarations').values(
      rows.map((row) => ({
        ...row,
        document: json(row.document),
        channel_decision: row.channel_decision ? json(row.channel_decision) : null,
        control: null,
        documents_requested: null,
        warnings: json(row.warnings),
      })),
    );
  }

  update(trx: AnyTransaction, id: string, patch: Partial<DeclarationRow>) {
    const values: Record<string, unknown> = { ...patch, updated_at: new Date() };
    for (const k of ['document', 'channel_decision', 'control', 'documents_requested', 'warnings'] as const)
      if (patch[k] !== undefined) values[k] = patch[k] === null ? null : JSON.stringify(patch[k]);
    return this.t(trx).updateTable('declarations').set(values).where('id', '=', id).execute();
  }

  notificationsStatement(rows: Omit<NotificationRow, 'id'>[]) {
    return this.db
      .insertInto('declaration_notifications')
      .values(rows.map((r) => ({ ...r, data: json(r.data) })));
  }

  insertNotifications(trx: AnyTransaction, rows: Omit<NotificationRow, 'id'>[]) {
    if (rows.length === 0) return Promise.resolve();
    return this.t(trx)
      .insertInto('declaration_notifications')
      .values(rows.map((r) => ({ ...r, data: json(r.data) })))
      .execute();
  }

  listNotifications(declarationId: string) {
    return this.db
      .selectFrom('declaration_notifications')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .orderBy('id')
      .execute();
  }

  /** Open declarations carrying any of these containers (for arrival messages from port systems). */
  findOpenByContainers(containers: string[], trx?: AnyTransaction) {
    return this.t(trx)
      .selectFrom('declarations')
      .select(['id', 'status', 'arrived_at'])
      .where(sql<boolean>`container_numbers && ${sql.val(containers)}::text[]`)
      .where('status', 'not in', ['released', 'seized', 'invalidated', 'rejected'])
      .execute();
  }

  async queue(f: QueueFilter): Promise<{ rows: DeclarationRow[]; total: number }> {
    let q = this.db.selectFrom('declarations');
    if (f.status?.length) q = q.where('status', 'in', f.status);
    if (f.channel?.length) q = q.where('channel', 'in', f.channel);
    if (f.office) q = q.where('office', '=', f.office);
    if (f.lrn) q = q.where('lrn', '=', f.lrn);
    if (f.from) q = q.where('lodged_at', '>=', f.from);
    if (f.to) q = q.where('lodged_at', '<', f.to);
    if (f.hs) {
      const hs = f.hs;
      q = q.where(sql<boolean>`exists (select 1 from unnest(hs_codes) h where h like ${`${hs}%`})`);
    }
    if (f.container) q = q.where(sql<boolean>`container_numbers @> array[${f.container}]::text[]`);
    for (const party of [f.party, f.scopeParty]) {
      if (!party) continue;
      q = q.where((eb) =>
        eb.or([
          eb('declarant_tin', '=', party),
          eb('importer_tin', '=', party),
          eb('exporter_tin', '=', party),
        ]),
      );
    }
    const order = {
      lodgedAt: ['lodged_at', 'asc'],
      '-lodgedAt': ['lodged_at', 'desc'],
      value: ['total_value', 'asc'],
      '-value': ['total_value', 'desc'],
      status: ['status', 'asc'],
    } as const;
    const [col, dir] = order[f.sort];
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy(col, dir).orderBy('id', dir).limit(f.limit).offset(f.offset).execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Declarations lodged in the period, counted by channel and status. */
  async countByChannelAndStatus(scope: StatisticsScope) {
    let q = this.db
      .selectFrom('declarations')
      .select(['channel', 'status', sql<number>`count(*)::int`.as('count')])
      .where('lodged_at', '>=', scope.from)
      .where('lodged_at', '<', scope.to);
    if (scope.office) q = q.where('office', '=', scope.office);
    const rows = await q.groupBy(['channel', 'status']).execute();
    return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.count) }));
  }

  /** Clearance time (lodgement to release, in seconds) of declarations released in the period, per channel. */
  async clearanceTimesByChannel(scope: StatisticsScope) {
    let q = this.db
      .selectFrom('declarations')
      .select([
        'channel',
        sql<number>`count(*)::int`.as('count'),
        sql<number>`percentile_cont(0.5) within group (order by extract(epoch from released_at - lodged_at))`.as(
          'median',
        ),
        sql<number>`percentile_cont(0.9) within group (order by extract(epoch from released_at - lodged_at))`.as(
          'p90',
        ),
      ])
      .where('released_at', '>=', scope.from)
      .where('released_at', '<', scope.to);
    if (scope.office) q = q.where('office', '=', scope.office);
    const rows = await q.groupBy('channel').execute();
    return rows.map((r) => ({
      channel: r.channel,
      count: Number(r.count),
      medianSeconds: Number(r.median),
      p90Seconds: Number(r.p90),
    }));
  }

  /** Open declarations waiting for a control (red or yellow lane), per channel and status, with the oldest lodgement. */
  async pendingControls(office?: string) {
    let q = this.db
      .selectFrom('declarations')
      .select([
        'channel',
        'status',
        sql<number>`count(*)::int`.as('count'),
        sql<Date>`min(lodged_at)`.as('oldest'),
        sql<number>`count(arrived_at)::int`.as('arrived'),
      ])
      .where('status', 'in', PENDING_CONTROL_STATUSES)
      .where('channel', 'in', ['red', 'yellow']);
    if (office) q = q.where('office', '=', office);
    const rows = await q.groupBy(['channel', 'status']).execute();
    return rows.map((r) => ({
      channel: r.channel,
      status: r.status,
      count: Number(r.count),
      arrived: Number(r.arrived),
      oldestLodgedAt: new Date(r.oldest),
    }));
  }
}
