import type { Kysely } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import { jsonb, type RiskTables } from '../risk.tables.js';
import type { OfficeRates } from '../selection/office-budget.js';
import type { ListBody, ProfileBody } from './criteria.schema.js';

export type ListHead = RiskTables['risk_lists'];
export type ListVersionRow = RiskTables['risk_list_versions'];
export type ProfileVersionRow = RiskTables['risk_profile_versions'];

/** SQL for profiles, lists, their versions, ruleset snapshots, office rates and the change revision. */
export class RulesRepository {
  private readonly db: Kysely<RiskTables>;
  constructor(db: AnyDb) {
    this.db = tablesOf<RiskTables>(db);
  }

  private t(trx?: AnyTransaction): Kysely<RiskTables> {
    return trx ? tablesOf<RiskTables>(trx) : this.db;
  }

  // --- lists

  findListByName(name: string, trx?: AnyTransaction) {
    return this.t(trx).selectFrom('risk_lists').selectAll().where('name', '=', name).executeTakeFirst();
  }

  lockListByName(trx: AnyTransaction, name: string) {
    return this.t(trx)
      .selectFrom('risk_lists')
      .selectAll()
      .where('name', '=', name)
      .forUpdate()
      .executeTakeFirst();
  }

  insertList(trx: AnyTransaction, head: ListHead) {
    return this.t(trx).insertInto('risk_lists').values(head).execute();
  }

  setListVersion(trx: AnyTransaction, id: string, version: number, at: Date) {
    return this.t(trx)
      .updateTable('risk_lists')
      .set({ current_version: version, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  insertListVersion(trx: AnyTransaction, row: ListVersionRow) {
    return this.t(trx)
      .insertInto('risk_list_versions')
      .values({ ...row, body: jsonb(row.body) })
      .execute();
  }

  /** Every list at its current version. */
  currentLists() {
    return this.db
      .selectFrom('risk_lists as l')
      .innerJoin('risk_list_versions as v', (j) =>
        j.onRef('v.list_id', '=', 'l.id').onRef('v.version', '=', 'l.current_version'),
      )
      .select([
        'l.id',
        'l.name',
        'l.kind',
        'l.current_version',
        'l.created_at',
        'l.updated_at',
        'v.body',
        'v.note',
        'v.created_by',
      ])
      .orderBy('l.name')
      .execute();
  }

  listVersions(listId: string) {
    return this.db
      .selectFrom('risk_list_versions')
      .selectAll()
      .where('list_id', '=', listId)
      .orderBy('version', 'desc')
      .execute();
  }

  // --- profiles

  insertProfile(trx: AnyTransaction, id: string, at: Date) {
    return this.t(trx)
      .insertInto('risk_profiles')
      .values({ id, current_version: 1, created_at: at, updated_at: at })
      .execute();
  }

  lockProfile(trx: AnyTransaction, id: string) {
    return this.t(trx)
      .selectFrom('risk_profiles')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  setProfileVersion(trx: AnyTransaction, id: string, version: number, at: Date) {
    return this.t(trx)
      .updateTable('risk_profiles')
      .set({ current_version: version, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  insertProfileVersion(trx: AnyTransaction, row: ProfileVersionRow) {
    return this.t(trx)
      .insertInto('risk_profile_versions')
      .values({ ...row, body: jsonb(row.body) })
      .execute();
  }

  /** Every profile at its current version. */
  currentProfiles() {
    return this.db
      .selectFrom('risk_profiles as p')
      .innerJoin('risk_profile_versions as v', (j) =>
        j.onRef('v.profile_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
      )
      .select([
        'p.id',
        'p.current_version as version',
        'p.created_at',
        'p.updated_at',
        'v.body',
        'v.note',
        'v.created_by',
      ])
      .orderBy('p.created_at')
      .execute();
  }

  profileVersions(profileId: string) {
    return this.db
      .selectFrom('risk_profile_versions')
      .selectAll()
      .where('profile_id', '=', profileId)
      .orderBy('version', 'desc')
      .execute();
  }

  profileVersion(profileId: string, version: number) {
    return this.db
      .selectFrom('risk_profile_versions')
      .selectAll()
      .where('profile_id', '=', profileId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  // --- ruleset snapshots

  /** The id of the snapshot with this digest, creating it the first time. */
  async rulesetId(
    digest: string,
    profiles: { id: string; version: number }[],
    lists: { name: string; version: number }[],
  ): Promise<number> {
    await this.db
      .insertInto('risk_rulesets')
      .values({ digest, profiles: jsonb(profiles), lists: jsonb(lists), created_at: new Date() })
      .onConflict((oc) => oc.column('digest').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('risk_rulesets')
      .select('id')
      .where('digest', '=', digest)
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  ruleset(id: number) {
    return this.db.selectFrom('risk_rulesets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // --- office rates

  officeRates() {
    return this.db.selectFrom('risk_office_rates').selectAll().orderBy('office').execute();
  }

  upsertOfficeRates(trx: AnyTransaction, office: string, rates: OfficeRates, by: string, at: Date) {
    const values = {
      office,
      rates: jsonb(rates.rates),
      random_minimum: rates.randomMinimum,
      exploration_share: rates.explorationShare,
      updated_by: by,
      updated_at: at,
    };
    return this.t(trx)
      .insertInto('risk_office_rates')
      .values(values)
      .onConflict((oc) => oc.column('office').doUpdateSet(values))
      .execute();
  }
}

export type { ListBody, ProfileBody };
