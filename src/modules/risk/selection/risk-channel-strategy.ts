import type { Logger } from '../../../platform/logger.js';
import type {
  ChannelContext,
  ChannelDecision,
  ChannelStrategy,
  DeclarationInput,
} from '../../declarations/index.js';
import { declarationFacts } from '../rules/facts.js';
import type { RuleHit } from '../rules/ruleset.js';
import { scoreDeclaration, type Contribution, type DeclarationScore } from '../scoring/scorer.js';
import type { SelectionSource } from './channels.js';
import type { OfficeRates } from './office-budget.js';
import type { RiskEngine } from './risk-engine.js';

/** Officer-only detail stored with each channel decision: what produced it, and why. */
export interface RiskExplanation {
  modelVersion: number | null;
  rulesetId: number | null;
  /** P(fraud) of the riskiest goods item. */
  probability: number | null;
  /** Sum over the items of P(fraud) × declared duty. */
  revenueAtStake: number | null;
  drivingItem: number | null;
  baseLogOdds: number | null;
  /**
   * TreeSHAP contributions of the driving item, largest first, in log-odds. Empty at lodgement: computed on demand
   * with the deciding model version (`GET /api/v1/risk/declarations/:id`).
   */
  contributions: Contribution[];
  items: DeclarationScore['items'];
  ruleHits: RuleHit[];
  /** List versions the hits read. */
  lists: { name: string; version: number }[];
  /** Points added to the score by weighted profiles. */
  scoreWeight: number;
  budget: { office: string; day: string; index: number; rank?: number; paced?: boolean; rates: OfficeRates };
}

/** The decision the strategy returns, typed. */
export interface RiskDecision extends ChannelDecision {
  source: SelectionSource;
  explanation: RiskExplanation & Record<string, unknown>;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The risk module's channel strategy, called synchronously inside lodgement: criteria hits, the model's score of
 * every goods item (the riskiest item explained with TreeSHAP), then the office's budget places the declaration —
 * rules first, then the random quota, exploration, and the model's top-up to the expected rates.
 */
export class RiskChannelStrategy implements ChannelStrategy {
  readonly name = 'risk@1';

  constructor(
    private readonly engine: RiskEngine,
    private readonly log: Logger,
  ) {}

  async assignChannel(declaration: DeclarationInput, ctx: ChannelContext): Promise<RiskDecision> {
    const office = declaration.office;
    await this.engine.initialLoad;
    const { day, budget: pending } = this.engine.budgetFor(office, ctx.lodgedAt);
    const budget = await pending;
    // From here on nothing awaits: the budget is read and written in one step, whatever else is lodging.
    return this.decide(declaration, ctx, office, day, budget);
  }

  /** Scores and rules only, without touching any budget (dry runs, benchmarks). */
  assess(
    declaration: DeclarationInput,
    ctx: Pick<ChannelContext, 'lodgedAt' | 'partyAeo' | 'warnings'>,
    day: string,
  ) {
    const serving = this.engine.serving;
    const facts = declarationFacts(declaration, {
      partyAeo: ctx.partyAeo,
      ...(ctx.warnings ? { warnings: ctx.warnings } : {}),
      ...(serving ? { taxRateOf: (hs: string) => serving.tariff.lineOf(hs).rate } : {}),
    });
    const verdict = this.engine.ruleset.evaluate(
      facts,
      { office: declaration.office, date: day },
      this.engine.random,
    );
    let score: DeclarationScore | null = null;
    if (serving) {
      try {
        score = scoreDeclaration(serving, declaration, ctx.lodgedAt, { explain: false });
      } catch (err) {
        this.log.warn(
          { err, modelId: serving.id },
          'risk model could not score a declaration; deciding without it',
        );
      }
    }
    return { verdict, score };
  }

  private decide(
    declaration: DeclarationInput,
    ctx: ChannelContext,
    office: string,
    day: string,
    budget: Awaited<ReturnType<RiskEngine['budgetFor']>['budget']>,
  ): RiskDecision {
    const { verdict, score } = this.assess(declaration, ctx, day);
    const composite = score ? clamp01(score.probability + verdict.scoreWeight / 100) : null;
    const placed = budget.decide({
      ruleChannel: verdict.channel,
      score: composite,
      revenueAtStake: score?.revenueAtStake ?? null,
      uncertainty: score ? score.probability * (1 - score.probability) : null,
    });
    const lists = new Map<string, number>();
    for (const h of verdict.hits) for (const l of h.lists) lists.set(l.name, l.version);
    const explanation: RiskExplanation = {
      modelVersion: score?.modelVersion ?? null,
      rulesetId: this.engine.ruleset.id,
      probability: score?.probability ?? null,
      revenueAtStake: score?.revenueAtStake ?? null,
      drivingItem: score?.drivingItem ?? null,
      baseLogOdds: score?.baseLogOdds ?? null,
      contributions: score?.contributions ?? [],
      items: score?.items ?? [],
      ruleHits: verdict.hits,
      lists: [...lists].map(([name, version]) => ({ name, version })),
      scoreWeight: verdict.scoreWeight,
      budget: {
        office,
        day,
        index: placed.index,
        ...(placed.rank === undefined ? {} : { rank: placed.rank }),
        ...(placed.paced ? { paced: true } : {}),
        rates: budget.officeRates,
      },
    };
    return {
      channel: placed.channel,
      source: placed.source,
      strategy: `${this.name};model=${score?.modelVersion ?? 'none'};ruleset=${this.engine.ruleset.id ?? 'none'}`,
      ...(composite === null ? {} : { score: composite }),
      explanation: explanation as RiskExplanation & Record<string, unknown>,
    };
  }
}
