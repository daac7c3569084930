import type { ChannelRates } from '../../platform/config.js';
import type { Channel, DeclarationInput } from './declaration.schema.js';

/** Why a declaration got its channel: what selected it and with which inputs. */
export interface ChannelDecision {
  channel: Channel;
  /** What made the choice: `random` (the spine's default), or rule / model / exploration once risk is in place. */
  source: string;
  /** The strategy and its version, recorded with the decision. */
  strategy: string;
  score?: number;
  /** Officer-only detail (rule hits, contributions). Never shown to traders. */
  explanation?: Record<string, unknown>;
}

export interface ChannelContext {
  declarationId: string;
  lodgedAt: Date;
  partyAeo: boolean;
  /** Codes of the business-rule warnings the declaration carries (e.g. a wrong container check digit). */
  warnings?: string[];
}

/** Chooses the control channel of an accepted declaration. The risk module supplies a better one. */
export interface ChannelStrategy {
  readonly name: string;
  assignChannel(declaration: DeclarationInput, ctx: ChannelContext): Promise<ChannelDecision>;
}

/**
 * The spine's default: a random draw at the configured expected rates (green, yellow, red, blue). Nothing is safe
 * by construction; it is replaced by the risk module's selectivity.
 */
export class RandomChannelStrategy implements ChannelStrategy {
  readonly name = 'random@1';
  private readonly cumulative: [Channel, number][];

  constructor(
    rates: ChannelRates,
    private readonly random: () => number = Math.random,
  ) {
    let acc = 0;
    this.cumulative = (['red', 'yellow', 'blue', 'green'] as const).map((c) => {
      acc += rates[c] / 100;
      return [c, acc] as [Channel, number];
    });
  }

  assignChannel(): Promise<ChannelDecision> {
    const r = this.random();
    const channel = this.cumulative.find(([, upTo]) => r < upTo)?.[0] ?? 'green';
    return Promise.resolve({ channel, source: 'random', strategy: this.name, score: r });
  }
}
