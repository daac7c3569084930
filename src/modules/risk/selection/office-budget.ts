import type { Channel } from '../../declarations/index.js';
import { CONTROL_CHANNELS, stronger, type ControlChannel, type SelectionSource } from './channels.js';
import { ScoreWindow } from './score-window.js';
import { StratifiedSampler } from './stratified-sampler.js';

/** An office's inspection budget, as the risk analyst sets it. */
export interface OfficeRates {
  /** Expected share of declarations per channel, in percent; the four add up to 100. */
  rates: Record<Channel, number>;
  /** Minimum share of declarations selected at random for a control, in percent (inside the expected rates). */
  randomMinimum: number;
  /** Share of the red + yellow budget given to uncertain picks (exploration), in percent. */
  explorationShare: number;
}

/** What the budget is asked to place: the rule verdict and the model's view of one declaration. */
export interface BudgetCandidate {
  /** Strongest channel among the criteria that hit (undefined: none). */
  ruleChannel?: Channel | undefined;
  /** Composite risk in [0, 1] (model probability plus rule weights); null when no model is serving. */
  score: number | null;
  /** Revenue at stake (ranks the post-clearance audit lane); null when no model is serving. */
  revenueAtStake: number | null;
  /** p·(1 − p) of the model's probability; null when no model is serving. */
  uncertainty: number | null;
}

export interface BudgetDecision {
  channel: Channel;
  source: SelectionSource;
  /** 0-based position of the declaration in the office's day. */
  index: number;
  /** Share of recent declarations that scored higher (0 = top), when the model's top-up placed it. */
  rank?: number;
  /** True when the controller overrode the rank to stay on the expected rates. */
  paced?: boolean;
}

/** Counters of one office-day, to restore the controller after a restart. */
export interface BudgetCounters {
  byChannel: Record<Channel, number>;
  /** Declarations whose channel was not set by the model's top-up (rules, random and exploration picks). */
  preselected: Record<Channel, number>;
  preselectedTotal: number;
  random: number;
  exploration: number;
}

export interface BudgetOptions {
  /** Declarations the realised count may run ahead of or behind the expected count before the rank is overridden. */
  slack?: number;
  /** Over how many declarations a deficit is recovered by widening (or narrowing) the score band. */
  horizon?: number;
  /** Scores kept to rank a new declaration against (shared across days). */
  window?: ScoreWindow;
  revenueWindow?: ScoreWindow;
}

const MIN_WINDOW = 30;
const zero = (): Record<Channel, number> => ({ green: 0, yellow: 0, red: 0, blue: 0 });

/**
 * The inspection budget of one office for one day. Declarations are placed in the selection order of ASYCUDA:
 * criteria hits first, then the random quota (exactly one pick per stratum of 1/rate declarations), then the
 * exploration share (uncertain picks), then the model's top-up to the expected rates — red to the top band of recent
 * scores, yellow to the next, blue to the top band by revenue at stake, green to the rest. The bands are the rates
 * still to fill divided by the share of declarations reaching the top-up, widened or narrowed by the running deficit;
 * a hard guard of `slack` declarations keeps each realised count on its expected count.
 */
export class OfficeBudget {
  private n = 0;
  private counters: BudgetCounters = {
    byChannel: zero(),
    preselected: zero(),
    preselectedTotal: 0,
    random: 0,
    exploration: 0,
  };
  private pendingRandom = 0;
  private pendingExploration = 0;
  private randomSampler: StratifiedSampler;
  private explorationSampler: StratifiedSampler;
  private readonly uncertainty = new ScoreWindow(500);
  private readonly window: ScoreWindow;
  private readonly revenueWindow: ScoreWindow;
  private readonly slack: number;
  private readonly horizon: number;

  constructor(
    private rates: OfficeRates,
    private readonly random: () => number,
    options: BudgetOptions = {},
  ) {
    this.slack = options.slack ?? 3;
    this.horizon = options.horizon ?? 50;
    this.window = options.window ?? new ScoreWindow();
    this.revenueWindow = options.revenueWindow ?? new ScoreWindow();
    this.randomSampler = this.newRandomSampler();
    this.explorationSampler = this.newExplorationSampler();
  }

  get decided(): number {
    return this.n;
  }

  get realised(): Readonly<BudgetCounters> {
    return this.counters;
  }

  get officeRates(): OfficeRates {
    return this.rates;
  }

  /** New rates apply from the next declaration; the day's counters stay. */
  updateRates(rates: OfficeRates): void {
    this.rates = rates;
    this.randomSampler = this.newRandomSampler();
    this.explorationSampler = this.newExplorationSampler();
  }

  /** Continues a day already under way (after a restart): its counters and how many were decided. */
  restore(counters: BudgetCounters): void {
    this.counters = structuredClone(counters);
    this.n = Object.values(counters.byChannel).reduce((a, b) => a + b, 0);
  }

  /** Seeds the ranking windows with recent scores (after a restart). */
  seedScores(scores: readonly { score: number; revenueAtStake: number }[]): void {
    for (const s of scores) {
      this.window.push(s.score);
      this.revenueWindow.push(s.revenueAtStake);
    }
  }

  /** Places one declaration. Synchronous, so that concurrent lodgements cannot overspend the budget. */
  decide(candidate: BudgetCandidate): BudgetDecision {
    const index = this.n;
    const rule = candidate.ruleChannel;
    const open = rule === undefined || rule === 'green';
    if (this.randomSampler.isPick(index)) this.pendingRandom++;
    if (this.explorationSampler.isPick(index)) this.pendingExploration++;

    if (rule === 'red') return this.record({ channel: 'red', source: 'rule', index }, true);

    if (this.pendingRandom > 0 && open) {
      const channel = this.mostBehind(['red', 'yellow']) ?? this.mostBehind(['blue']);
      this.pendingRandom--;
      if (channel) {
        this.counters.random++;
        return this.record({ channel, source: 'random', index }, true);
      }
    }

    if (this.pendingExploration > 0 && open) {
      const u = candidate.uncertainty;
      const uncertain = u === null || this.uncertainty.length < MIN_WINDOW || u >= this.uncertainty.median();
      if (uncertain || this.explorationSampler.isStratumEnd(index)) {
        const channel = this.mostBehind(['red', 'yellow']);
        this.pendingExploration--;
        if (u !== null) this.uncertainty.push(u);
        if (channel) {
          this.counters.exploration++;
          return this.record({ channel, source: 'exploration', index }, true);
        }
      }
    }
    if (candidate.uncertainty !== null) this.uncertainty.push(candidate.uncertainty);

    return this.topUp(candidate, index);
  }

  private topUp(candidate: BudgetCandidate, index: number): BudgetDecision {
    const score = candidate.score ?? this.random();
    const revenue = candidate.revenueAtStake ?? this.random();
    const warm = this.window.length >= MIN_WINDOW;
    const rank = warm ? this.window.shareAbove(score) : this.random();
    const revenueRank =
      this.revenueWindow.length >= MIN_WINDOW ? this.revenueWindow.shareAbove(revenue) : this.random();
    this.window.push(score);
    this.revenueWindow.push(revenue);

    const red = this.band('red');
    const yellow = this.band('yellow');
    let chosen: ControlChannel | undefined =
      rank < red
        ? 'red'
        : rank < red + yellow
          ? 'yellow'
          : revenueRank < this.band('blue')
            ? 'blue'
            : undefined;
    let paced = false;
    // Guards: never run more than `slack` ahead of a channel's expected count, never fall more than `slack` behind.
    while (
      chosen !== undefined &&
      this.counters.byChannel[chosen] + 1 > this.expected(chosen, index + 1) + this.slack
    ) {
      chosen = CONTROL_CHANNELS[CONTROL_CHANNELS.indexOf(chosen) + 1];
      paced = true;
    }
    for (const c of CONTROL_CHANNELS) {
      if (chosen !== undefined && CONTROL_CHANNELS.indexOf(c) >= CONTROL_CHANNELS.indexOf(chosen)) break;
      if (this.counters.byChannel[c] < this.expected(c, index + 1) - this.slack) {
        chosen = c;
        paced = true;
        break;
      }
    }
    const rule = candidate.ruleChannel;
    const modelChannel: Channel = chosen ?? 'green';
    const channel = stronger(rule, modelChannel) ?? 'green';
    const byRule = rule !== undefined && channel === rule && rule !== 'green';
    const source: SelectionSource = byRule
      ? 'rule'
      : channel === 'green'
        ? 'none'
        : candidate.score === null
          ? 'random'
          : 'model';
    const decision: BudgetDecision = { channel, source, index, rank };
    if (paced) decision.paced = true;
    return this.record(decision, byRule);
  }

  /** Share of top-up declarations the model should give channel c now, corrected by its running deficit. */
  private band(c: ControlChannel): number {
    const n = this.n;
    const rate = this.rates.rates[c] / 100;
    if (rate <= 0) return 0;
    const reaching = n === 0 ? 1 : Math.max(1e-9, (n - this.counters.preselectedTotal) / n);
    const fromOthers = n === 0 ? 0 : this.counters.preselected[c] / n;
    const base = (rate - fromOthers) / reaching;
    const deficit = this.expected(c, n + 1) - this.counters.byChannel[c];
    return Math.min(1, Math.max(0, base + deficit / this.horizon));
  }

  private expected(c: Channel, declarations: number): number {
    return (this.rates.rates[c] / 100) * declarations;
  }

  private mostBehind(channels: readonly ControlChannel[]): ControlChannel | undefined {
    let best: ControlChannel | undefined;
    let bestDeficit = -Infinity;
    for (const c of channels) {
      if (this.rates.rates[c] <= 0) continue;
      const deficit = this.expected(c, this.n + 1) - this.counters.byChannel[c];
      if (deficit > bestDeficit) {
        best = c;
        bestDeficit = deficit;
      }
    }
    return best;
  }

  private record(decision: BudgetDecision, preselected: boolean): BudgetDecision {
    this.counters.byChannel[decision.channel]++;
    if (preselected) {
      this.counters.preselected[decision.channel]++;
      if (decision.source !== 'rule' || decision.channel === 'red') this.counters.preselectedTotal++;
    }
    this.n++;
    return decision;
  }

  private newRandomSampler(): StratifiedSampler {
    return new StratifiedSampler(this.rates.randomMinimum / 100, this.random);
  }

  private newExplorationSampler(): StratifiedSampler {
    const share =
      (this.rates.explorationShare / 100) * ((this.rates.rates.red + this.rates.rates.yellow) / 100);
    return new StratifiedSampler(share, this.random);
  }
}
