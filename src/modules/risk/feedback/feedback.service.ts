import type { AnyDb } from '../../../platform/database/database.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import { publishEvents } from '../../../platform/events/outbox.js';
import type { Logger } from '../../../platform/logger.js';
import type { DeclarationRow, DeclarationService } from '../../declarations/index.js';
import { RISK_EVENTS } from '../risk.events.js';
import { riskInputsOf } from '../scoring/risk-input.js';
import { TariffReference } from '../scoring/tariff.js';
import type { RiskExplanation } from '../selection/risk-channel-strategy.js';
import type { PlatformLabel } from '../training/training-data.js';
import { FeedbackRepository, type DecisionRow } from './feedback.repository.js';

const EMPTY_TARIFF = TariffReference.fromJSON({
  version: 1,
  hs6: {},
  hs4: {},
  hs2: {},
  overall: { rate: 0, type: '' },
});

/** A control result is a fraud label when it found a discrepancy with revenue to recover, or led to a seizure. */
export function isFraud(outcome: string, revenueAdjustment: number): boolean {
  return outcome === 'seizure' || (outcome === 'discrepancy' && revenueAdjustment > 0);
}

interface ControlRecordedPayload {
  declarationId: string;
  outcome: string;
  revenueAdjustment?: number;
  channel?: string | null;
  selectedBy?: string | null;
}

/**
 * The feedback loop: copies each channel decision into the module's own table (for hit rates, budgets after a
 * restart and `risk.decided`), and turns officers' control results into training labels — one row per goods item,
 * the items an officer corrected marked as the fraudulent ones.
 */
export class FeedbackService {
  readonly repo: FeedbackRepository;

  constructor(
    private readonly db: AnyDb,
    private readonly declarations: DeclarationService,
    private readonly tariff: () => TariffReference | null,
    private readonly log: Logger,
    private readonly onCommit: () => void = () => undefined,
  ) {
    this.repo = new FeedbackRepository(db);
  }

  /** `declaration.channel-assigned` → risk_decisions, and `risk.decided`. */
  recordDecision(event: DomainEvent): Promise<void> {
    return this.recordDecisions([event]);
  }

  /**
   * A page of `declaration.channel-assigned` events at once: one read of the declarations' current decisions, one
   * transaction for their rows and a `risk.decided` per event — the same as {@link recordDecision} on each in turn.
   */
  async recordDecisions(events: readonly DomainEvent[]): Promise<void> {
    const idOf = (event: DomainEvent) =>
      typeof event.payload.declarationId === 'string' ? event.payload.declarationId : event.aggregateId;
    const ids = [...new Set(events.map(idOf))];
    const rows = new Map((await this.declarations.repo.channelDecisionsOf(ids)).map((r) => [r.id, r]));
    const decided = events.flatMap((event) => {
      const row = rows.get(idOf(event));
      return row?.channel ? [{ ...row, channel: row.channel }] : [];
    });
    if (decided.length === 0) return;
    // One row per declaration, its current decision (a page may hold two events of one declaration).
    const rowsById = new Map(
      decided.map((row) => {
        const decision = row.channel_decision;
        const explanation = (decision?.explanation ?? {}) as Partial<RiskExplanation>;
        const out: DecisionRow = {
          declaration_id: row.id,
          office: row.office,
          lodged_at: row.lodged_at,
          channel: row.channel,
          source: decision?.source ?? 'none',
          score: decision?.score ?? null,
          probability: explanation.probability ?? null,
          revenue_at_stake: explanation.revenueAtStake ?? null,
          model_id: explanation.modelVersion ?? null,
          ruleset_id: explanation.rulesetId ?? null,
          hits: (explanation.ruleHits ?? []).map((h) => ({
            profileId: h.profileId,
            name: h.name,
            version: h.version,
            applied: h.applied,
            items: h.items,
          })),
          updated_at: new Date(),
        };
        return [row.id, out];
      }),
    );
    await this.db.transaction().execute(async (trx) => {
      await this.repo.upsertDecisions(trx, [...rowsById.values()]);
      await publishEvents(
        trx,
        decided.map(({ id }) => {
          const r = rowsById.get(id)!;
          return {
            type: RISK_EVENTS.decided,
            aggregateType: 'declaration',
            aggregateId: id,
            payload: {
              declarationId: id,
              office: r.office,
              channel: r.channel,
              source: r.source,
              modelVersion: r.model_id,
              rulesetId: r.ruleset_id,
            },
          };
        }),
      );
    });
    this.onCommit();
  }

  /** `declaration.control-recorded` → a label (the latest result of a declaration wins). */
  async recordControlResult(event: DomainEvent): Promise<void> {
    const p = event.payload as unknown as ControlRecordedPayload;
    const row = await this.declarations.repo.findById(p.declarationId);
    if (!row) {
      this.log.warn(
        { declarationId: p.declarationId },
        'control result for an unknown declaration; no label',
      );
      return;
    }
    const revenue = Number(p.revenueAdjustment ?? 0);
    const fraud = isFraud(p.outcome, revenue);
    const corrected = correctedItems(row, p.outcome);
    const inputs = riskInputsOf(row.document, new Date(row.lodged_at), this.tariff() ?? EMPTY_TARIFF);
    const flags = itemLabels(
      inputs.map((it) => it.sequence),
      fraud,
      corrected,
    );
    const items = inputs.map((it, i) => ({ sequence: it.sequence, input: it.input, fraud: flags[i]! }));
    await this.db.transaction().execute(async (trx) => {
      await this.repo.upsertLabel(trx, {
        declaration_id: row.id,
        office: row.office,
        lodged_at: row.lodged_at,
        outcome: p.outcome,
        fraud: fraud ? 1 : 0,
        revenue,
        channel: p.channel ?? row.channel,
        selected_by: p.selectedBy ?? row.channel_decision?.source ?? null,
        items,
        event_seq: event.seq,
        recorded_at: new Date(event.occurredAt),
      });
    });
  }

  /** Every label as training history. */
  async platformLabels(): Promise<PlatformLabel[]> {
    const rows = await this.repo.labels();
    return rows.map((r) => ({
      declarationId: r.declaration_id,
      lodgedAt: new Date(r.lodged_at).toISOString(),
      fraud: Number(r.fraud) === 1 ? 1 : 0,
      revenue: Number(r.revenue),
      items: r.items as PlatformLabel['items'],
    }));
  }
}

/**
 * The label of each goods item: when the control found fraud, the items it corrected are the fraudulent ones — or
 * every item, when it corrected none (a seizure, an undeclared-goods finding).
 */
export function itemLabels(
  sequences: readonly number[],
  fraud: boolean,
  corrected: ReadonlySet<number>,
): (0 | 1)[] {
  return sequences.map((s) => (fraud && (corrected.size === 0 || corrected.has(s)) ? 1 : 0));
}

/** Goods items the control corrected, when the recorded result is the one being labelled. */
function correctedItems(row: DeclarationRow, outcome: string): Set<number> {
  if (!row.control || row.control.outcome !== outcome) return new Set();
  return new Set(row.control.corrections.map((c) => c.itemSequence));
}
