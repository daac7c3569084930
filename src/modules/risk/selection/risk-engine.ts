import { createHash } from 'node:crypto';
import type { AnyDb } from '../../../platform/database/database.js';
import type { Logger } from '../../../platform/logger.js';
import type { Channel } from '../../declarations/index.js';
import type { FeedbackRepository } from '../feedback/feedback.repository.js';
import type { ModelRegistry } from '../registry/registry.service.js';
import { currentRevision } from '../revision.js';
import { Ruleset } from '../rules/ruleset.js';
import type { RulesService } from '../rules/rules.service.js';
import type { ServingModel } from '../scoring/scorer.js';
import { OfficeBudget, type BudgetCounters, type OfficeRates } from './office-budget.js';
import { officeDay } from './office-day.js';
import { ScoreWindow } from './score-window.js';

interface OfficeState {
  day: string;
  budget: Promise<OfficeBudget>;
  window: ScoreWindow;
  revenueWindow: ScoreWindow;
  seeded: boolean;
}

const canonical = (v: unknown) => JSON.stringify(v);

/**
 * What decisions are made with, on this node: the compiled ruleset, the serving model, each office's rates and its
 * day's budget. It reloads when the shared revision moves (any node's analyst edit or model activation), so every
 * node hot-swaps rules and model without a restart.
 */
export class RiskEngine {
  ruleset: Ruleset = new Ruleset(null, [], new Map());
  serving: ServingModel | null = null;
  /** Settles when the model registered at start-up is serving (decisions wait for it, never for a training). */
  initialLoad: Promise<void> = Promise.resolve();
  private revision = -1;
  private rates = new Map<string, OfficeRates>();
  private readonly offices = new Map<string, OfficeState>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly db: AnyDb,
    private readonly rules: RulesService,
    private readonly registry: ModelRegistry,
    private readonly feedback: FeedbackRepository,
    private readonly log: Logger,
    readonly random: () => number,
  ) {}

  /** Rates of an office: its own, or the installation defaults. */
  ratesFor(office: string): OfficeRates {
    return this.rates.get(office) ?? this.rules.defaultRates();
  }

  /** Reloads whatever changed since the last look (or everything, when forced). Concurrent calls share one reload. */
  refresh(force = false, options: { model?: boolean } = {}): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.refreshing = this.reload(force, options.model ?? true).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async reload(force: boolean, withModel: boolean): Promise<void> {
    const revision = await currentRevision(this.db);
    if (!force && revision === this.revision) return;
    const [lists, profiles, rates, activeId] = await Promise.all([
      this.rules.compiledLists(),
      this.rules.listProfiles(),
      this.rules.officeRates(),
      this.registry.activeId(),
    ]);
    const live = profiles
      .filter((p) => p.body.status === 'active')
      .map((p) => ({ id: p.id, version: Number(p.version), body: p.body }));
    const compiled = Ruleset.compile(null, live, lists, (p, err) =>
      this.log.warn({ err, profile: p.id, version: p.version }, 'risk profile does not compile; left out'),
    );
    const snapshot = compiled.snapshot();
    const digest = createHash('sha256').update(canonical(snapshot)).digest('hex');
    const id = await this.rules.repo.rulesetId(digest, snapshot.profiles, snapshot.lists);
    this.ruleset = new Ruleset(id, compiled.profiles, compiled.lists);

    this.rates = new Map(rates.map((r) => [r.office, r.rates]));
    for (const [office, state] of this.offices)
      void state.budget.then(
        (b) => b.updateRates(this.ratesFor(office)),
        () => undefined,
      );

    if (!withModel) return;
    if (activeId !== undefined && activeId !== this.serving?.id) {
      const started = performance.now();
      this.serving = await this.registry.load(activeId);
      this.log.info({ modelId: activeId, ms: Math.round(performance.now() - started) }, 'risk model serving');
    } else if (activeId === undefined) this.serving = null;
    this.revision = revision;
  }

  /** Polls the revision so that changes made on other nodes arrive here. */
  startPolling(ms: number): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.log.warn({ err }, 'risk refresh failed; will retry'));
    }, ms);
    this.timer.unref();
  }

  stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The budget of an office's current day, continuing from the decisions already recorded for it. */
  budgetFor(office: string, at: Date): { day: string; budget: Promise<OfficeBudget> } {
    const { day, start, end } = officeDay(office, at);
    let state = this.offices.get(office);
    if (state?.day === day) return { day, budget: state.budget };
    const window = state?.window ?? new ScoreWindow();
    const revenueWindow = state?.revenueWindow ?? new ScoreWindow();
    const seeded = state?.seeded ?? false;
    const budget = this.openDay(office, start, end, window, revenueWindow, seeded);
    state = { day, budget, window, revenueWindow, seeded: true };
    this.offices.set(office, state);
    budget.catch(() => {
      if (this.offices.get(office) === state) this.offices.delete(office);
    });
    return { day, budget };
  }

  private async openDay(
    office: string,
    start: Date,
    end: Date,
    window: ScoreWindow,
    revenueWindow: ScoreWindow,
    seeded: boolean,
  ): Promise<OfficeBudget> {
    const budget = new OfficeBudget(this.ratesFor(office), this.random, { window, revenueWindow });
    const counts = await this.feedback.dayCounts(office, start, end);
    if (counts.length > 0) budget.restore(countersOf(counts));
    if (!seeded && window.length === 0) {
      const recent = await this.feedback.recentScores(office, window.capacity);
      budget.seedScores(
        recent
          .reverse()
          .map((r) => ({ score: Number(r.score), revenueAtStake: Number(r.revenue_at_stake ?? 0) })),
      );
    }
    return budget;
  }
}

function countersOf(rows: { channel: Channel; source: string; n: number }[]): BudgetCounters {
  const zero = (): Record<Channel, number> => ({ green: 0, yellow: 0, red: 0, blue: 0 });
  const c: BudgetCounters = {
    byChannel: zero(),
    preselected: zero(),
    preselectedTotal: 0,
    random: 0,
    exploration: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    c.byChannel[r.channel] += n;
    if (r.source === 'rule' || r.source === 'random' || r.source === 'exploration') {
      c.preselected[r.channel] += n;
      if (r.source !== 'rule' || r.channel === 'red') c.preselectedTotal += n;
    }
    if (r.source === 'random') c.random += n;
    if (r.source === 'exploration') c.exploration += n;
  }
  return c;
}
