import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../../../platform/audit/audit.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { isUniqueViolation, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { ChannelRates } from '../../../platform/config.js';
import type { OfficeRates } from '../selection/office-budget.js';
import { CriteriaError, compileCriteria } from './compile.js';
import type { ListBody, ProfileBody } from './criteria.schema.js';
import { compileList, type CompiledList } from './lists.js';
import { bumpRevision } from '../revision.js';
import { RulesRepository } from './rules.repository.js';

export const actorOf = (p: Principal): Actor => ({ id: `${p.kind}:${p.id}`, name: p.name });

export interface RulesDefaults {
  channelRates: ChannelRates;
  randomMinimum: number;
  explorationShare: number;
}

/**
 * Analysts' profiles, named lists and office budgets. Every edit writes a new version (never an update in place),
 * is audited, and bumps the revision that every node polls; `onChange` lets this node reload at once.
 */
export class RulesService {
  readonly repo: RulesRepository;

  constructor(
    private readonly db: AnyDb,
    private readonly defaults: RulesDefaults,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.repo = new RulesRepository(db);
  }

  // --- lists

  async createList(principal: Principal, name: string, body: ListBody, note?: string) {
    const now = new Date();
    const id = randomUUID();
    const exists = () => new DomainError('CONFLICT', `list ${name} exists`, { params: { name } });
    // The look-up refuses a list made earlier; the unique name refuses one made at the same moment.
    await this.write(async (trx) => {
      if (await this.repo.findListByName(name, trx)) throw exists();
      await this.repo.insertList(trx, {
        id,
        name,
        kind: body.kind,
        current_version: 1,
        created_at: now,
        updated_at: now,
      });
      await this.repo.insertListVersion(trx, this.listVersion(id, 1, body, principal, now, note));
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'risk_list_created',
          entityType: 'risk_list',
          entityId: id,
          data: { name, version: 1 },
        },
      ]);
    }).catch((err: unknown) => {
      throw isUniqueViolation(err, 'risk_lists_name_key') ? exists() : err;
    });
    return this.getList(name);
  }

  /** A new version of a list. Its kind cannot change, so the profiles that read it stay valid. */
  async updateList(principal: Principal, name: string, body: ListBody, note?: string, baseVersion?: number) {
    const now = new Date();
    await this.write(async (trx) => {
      const head = await this.repo.lockListByName(trx, name);
      if (!head) throw new DomainError('NOT_FOUND', `no list ${name}`);
      if (baseVersion !== undefined && baseVersion !== head.current_version)
        throw new DomainError('CONFLICT', 'the list changed since you read it', {
          params: { version: head.current_version },
        });
      if (body.kind !== head.kind)
        throw new DomainError('RISK_LIST_KIND_CHANGED', undefined, { params: { kind: head.kind } });
      const version = head.current_version + 1;
      await this.repo.insertListVersion(trx, this.listVersion(head.id, version, body, principal, now, note));
      await this.repo.setListVersion(trx, head.id, version, now);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'risk_list_versioned',
          entityType: 'risk_list',
          entityId: head.id,
          reason: note ?? null,
          data: { name, version },
        },
      ]);
    });
    return this.getList(name);
  }

  async getList(name: string) {
    const head = (await this.repo.currentLists()).find((l) => l.name === name);
    if (!head) throw new DomainError('NOT_FOUND', `no list ${name}`);
    return { ...head, versions: await this.repo.listVersions(head.id) };
  }

  listLists() {
    return this.repo.currentLists();
  }

  /** Current lists, compiled, by name. */
  async compiledLists(): Promise<Map<string, CompiledList>> {
    const rows = await this.repo.currentLists();
    return new Map(rows.map((r) => [r.name, compileList(r.id, r.name, r.current_version, r.body)]));
  }

  // --- profiles

  async createProfile(principal: Principal, body: ProfileBody, note?: string) {
    await this.validate(body);
    const now = new Date();
    const id = randomUUID();
    await this.write(async (trx) => {
      await this.repo.insertProfile(trx, id, now);
      await this.repo.insertProfileVersion(trx, {
        profile_id: id,
        version: 1,
        body,
        note: note ?? null,
        created_by: principal.name,
        created_at: now,
      });
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'risk_profile_created',
          entityType: 'risk_profile',
          entityId: id,
          data: { version: 1, status: body.status },
        },
      ]);
    });
    return this.getProfile(id);
  }

  /** A new version of a profile (also how it is activated or retired). */
  async updateProfile(
    principal: Principal,
    id: string,
    body: ProfileBody,
    note?: string,
    baseVersion?: number,
  ) {
    await this.validate(body);
    const now = new Date();
    await this.write(async (trx) => {
      const head = await this.repo.lockProfile(trx, id);
      if (!head) throw new DomainError('NOT_FOUND', `no profile ${id}`);
      if (baseVersion !== undefined && baseVersion !== head.current_version)
        throw new DomainError('CONFLICT', 'the profile changed since you read it', {
          params: { version: head.current_version },
        });
      const version = head.current_version + 1;
      await this.repo.insertProfileVersion(trx, {
        profile_id: id,
        version,
        body,
        note: note ?? null,
        created_by: principal.name,
        created_at: now,
      });
      await this.repo.setProfileVersion(trx, id, version, now);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'risk_profile_versioned',
          entityType: 'risk_profile',
          entityId: id,
          reason: note ?? null,
          data: { version, status: body.status },
        },
      ]);
    });
    return this.getProfile(id);
  }

  async getProfile(id: string) {
    const head = (await this.repo.currentProfiles()).find((p) => p.id === id);
    if (!head) throw new DomainError('NOT_FOUND', `no profile ${id}`);
    return { ...head, versions: await this.repo.profileVersions(id) };
  }

  listProfiles() {
    return this.repo.currentProfiles();
  }

  async profileVersion(id: string, version: number) {
    const row = await this.repo.profileVersion(id, version);
    if (!row) throw new DomainError('NOT_FOUND', `no version ${version} of profile ${id}`);
    return row;
  }

  /** The criteria must compile against the current lists; every problem is reported with its pointer. */
  async validate(body: ProfileBody): Promise<void> {
    try {
      compileCriteria(body.criteria, await this.compiledLists());
    } catch (err) {
      if (err instanceof CriteriaError)
        throw new DomainError('VALIDATION_FAILED', undefined, { errors: err.errors });
      throw err;
    }
  }

  // --- office rates

  /** Every office with explicit rates; others use the installation defaults. */
  async officeRates(): Promise<{ office: string; rates: OfficeRates; updatedBy: string; updatedAt: Date }[]> {
    const rows = await this.repo.officeRates();
    return rows.map((r) => ({
      office: r.office,
      rates: {
        rates: r.rates,
        randomMinimum: Number(r.random_minimum),
        explorationShare: Number(r.exploration_share),
      },
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  defaultRates(): OfficeRates {
    return {
      rates: { ...this.defaults.channelRates },
      randomMinimum: this.defaults.randomMinimum,
      explorationShare: this.defaults.explorationShare,
    };
  }

  /** Sets an office's budget: the random minimum must fit inside its control channels. */
  async setOfficeRates(principal: Principal, office: string, rates: OfficeRates, reason?: string) {
    const control = rates.rates.red + rates.rates.yellow + rates.rates.blue;
    if (rates.randomMinimum > control)
      throw new DomainError('RISK_RANDOM_ABOVE_BUDGET', undefined, {
        params: { random: rates.randomMinimum, control },
      });
    await this.write(async (trx) => {
      await this.repo.upsertOfficeRates(trx, office, rates, principal.name, new Date());
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'risk_office_rates_set',
          entityType: 'risk_office',
          entityId: office,
          reason: reason ?? null,
          data: { ...rates },
        },
      ]);
    });
    return (await this.officeRates()).find((r) => r.office === office)!;
  }

  private listVersion(id: string, version: number, body: ListBody, p: Principal, at: Date, note?: string) {
    return { list_id: id, version, body, note: note ?? null, created_by: p.name, created_at: at };
  }

  private async write(change: (trx: AnyTransaction) => Promise<void>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await change(trx);
      await bumpRevision(trx);
    });
    this.onChange();
  }
}
