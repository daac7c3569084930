import type { AnyDb } from '../../../platform/database/database.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { Logger } from '../../../platform/logger.js';
import type {
  Channel,
  ChannelDecision,
  DeclarationInput,
  DeclarationService,
} from '../../declarations/index.js';
import type { RuleVerdict } from '../rules/ruleset.js';
import type { FeedbackRepository } from '../feedback/feedback.repository.js';
import { SEVERITY } from '../selection/channels.js';

/** What a signal asks of a declaration: at least this channel, and whether to hold the goods. */
export interface SignalVerdict {
  kind: 'iot-alarm' | 'origin' | 'amendment';
  channel?: Channel;
  hold: boolean;
  detail: Record<string, unknown>;
  /** The reason as recorded in the audit trail (English, for the record). */
  reason: string;
  /** The same reason as a code and parameters, which the console words in the reader's language. */
  reasonCode: 'iot_alarm' | 'origin_claim' | 'amendment_reassessed';
  reasonParams: Record<string, string | number>;
}

/** A payload field as text (absent or not text: empty). */
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An IoT alarm on the shipment: CRITICAL sends the declaration to red and holds the goods, MAJOR sends it to red,
 * lesser alarms are recorded with the declaration's risk for the officer to see.
 */
export function iotAlarmVerdict(payload: Record<string, unknown>): SignalVerdict {
  const severity = text(payload.severity).toUpperCase();
  const type = text(payload.type) || 'UNKNOWN';
  const red = severity === 'CRITICAL' || severity === 'MAJOR';
  return {
    kind: 'iot-alarm',
    ...(red ? { channel: 'red' as const } : {}),
    hold: severity === 'CRITICAL',
    detail: {
      severity,
      type,
      alarmId: text(payload.alarmId) || null,
      containerNumber: text(payload.containerNumber) || null,
      escalation: payload.escalation === true,
    },
    reason: `IoT alarm ${type} (${severity})`,
    reasonCode: 'iot_alarm',
    reasonParams: { type, severity },
  };
}

/**
 * An origin assessment of a preferential claim: a claim that fails sends the declaration to physical examination
 * (red); one that cannot be verified to a documentary check (yellow); a qualifying one is recorded only.
 */
export function originVerdict(payload: Record<string, unknown>): SignalVerdict {
  const outcome = text(payload.outcome);
  const failed = outcome === 'does_not_qualify' || outcome === 'failed';
  const unverifiable = outcome === 'insufficient_evidence' || outcome === 'unverifiable';
  const channel: Channel | undefined = failed ? 'red' : unverifiable ? 'yellow' : undefined;
  const reasons = Array.isArray(payload.reasons) ? payload.reasons.map(text).filter(Boolean) : [];
  const reason = text(payload.reason) || reasons.join(', ');
  return {
    kind: 'origin',
    ...(channel ? { channel } : {}),
    hold: false,
    detail: {
      outcome,
      reason: reason || null,
      agreement: text(payload.agreement) || null,
      itemSequence: typeof payload.itemSequence === 'number' ? payload.itemSequence : null,
    },
    reason: `origin claim ${outcome}${reason ? `: ${reason}` : ''}`,
    reasonCode: 'origin_claim',
    reasonParams: { outcome, detail: reason },
  };
}

/** What re-assessing an amended declaration found: the criteria's verdict and the model's probability. */
export interface Reassessment {
  verdict: Pick<RuleVerdict, 'channel' | 'hits'>;
  probability: number | null;
}

/**
 * An amendment re-assessed: criteria that now select a channel (e.g. a value lowered under a profile's threshold, an
 * origin changed to a listed country) raise the declaration to it; the model's new probability is recorded beside the
 * one lodgement saw, for the officer. An amendment never lowers a channel.
 */
export function amendmentVerdict(
  version: number,
  now: Reassessment,
  before: { probability: number | null },
): SignalVerdict {
  const applied = now.verdict.hits.filter((h) => h.applied && 'channel' in h.action);
  return {
    kind: 'amendment',
    ...(now.verdict.channel ? { channel: now.verdict.channel } : {}),
    hold: false,
    detail: {
      version,
      ruleHits: applied.map((h) => ({ profileId: h.profileId, name: h.name, reason: h.reason })),
      probability: now.probability,
      probabilityAtLodgement: before.probability,
    },
    reason: `amendment (version ${version}) re-assessed${
      applied.length > 0 ? `: ${applied.map((h) => h.name).join(', ')}` : ''
    }`,
    reasonCode: 'amendment_reassessed',
    reasonParams: { version, profiles: applied.map((h) => h.name).join(', ') },
  };
}

/**
 * Signals from other modules about a lodged declaration. Each raises the declaration's channel (never lowers it) and
 * may hold the goods, through the declarations module's system action; released, seized or invalidated declarations
 * are left alone. Every signal is recorded once (per event) with what it did.
 */
export class SignalsService {
  constructor(
    private readonly db: AnyDb,
    private readonly declarations: DeclarationService,
    private readonly feedback: FeedbackRepository,
    private readonly log: Logger,
    /** Criteria and model on a declaration's current content, without touching any budget. */
    private readonly reassess?: (declaration: DeclarationInput, lodgedAt: Date) => Promise<Reassessment>,
  ) {}

  /** `declaration.amended`: the new version goes through the criteria and the model again. */
  async onAmended(event: DomainEvent): Promise<void> {
    if (!this.reassess) return;
    const row = await this.declarations.repo.findById(text(event.payload.declarationId) || event.aggregateId);
    if (!row) return;
    const now = await this.reassess(row.document, row.lodged_at);
    const probability = row.channel_decision?.explanation?.probability;
    const verdict = amendmentVerdict(row.version, now, {
      probability: typeof probability === 'number' ? probability : null,
    });
    return this.apply({ ...event, payload: { ...event.payload, declarationId: row.id } }, verdict);
  }

  onIotAlarm(event: DomainEvent): Promise<void> {
    return this.apply(event, iotAlarmVerdict(event.payload));
  }

  onOriginAssessed(event: DomainEvent): Promise<void> {
    return this.apply(event, originVerdict(event.payload));
  }

  private async apply(event: DomainEvent, verdict: SignalVerdict): Promise<void> {
    const id = text(event.payload.declarationId);
    if (!UUID.test(id)) {
      this.log.debug({ type: event.type, seq: event.seq }, 'signal without a declaration; ignored');
      return;
    }
    const row = await this.declarations.repo.findById(id);
    if (!row) {
      this.log.warn({ declarationId: id, type: event.type }, 'signal for an unknown declaration; ignored');
      return;
    }
    let effect = 'recorded';
    const raises =
      verdict.channel !== undefined &&
      (row.channel === null || SEVERITY[verdict.channel] > SEVERITY[row.channel]);
    if (raises || verdict.hold) {
      const previous = row.channel_decision;
      const signal = { kind: verdict.kind, ...verdict.detail, receivedAt: event.occurredAt };
      const earlier = (previous?.explanation?.signals as unknown[] | undefined) ?? [];
      const decision: ChannelDecision = {
        ...(previous ?? { strategy: 'risk@1' }),
        channel: raises ? verdict.channel! : (row.channel ?? 'green'),
        source: raises ? 'signal' : (previous?.source ?? 'none'),
        explanation: {
          ...(previous?.explanation ?? {}),
          signals: [...earlier, signal],
          selectedBefore: previous?.source ?? null,
        },
      };
      const after = await this.declarations.escalateChannel(id, {
        channel: decision.channel,
        hold: verdict.hold,
        reason: verdict.reason,
        reasonCode: verdict.reasonCode,
        reasonParams: verdict.reasonParams,
        decision,
      });
      const escalated = after.channel !== row.channel;
      const held = after.status === 'held' && row.status !== 'held';
      const closed = ['released', 'seized', 'invalidated', 'rejected'].includes(after.status);
      effect =
        escalated && held
          ? 'escalated+held'
          : escalated
            ? 'escalated'
            : held
              ? 'held'
              : closed
                ? 'closed'
                : 'unchanged';
    }
    await this.db.transaction().execute(async (trx) => {
      await this.feedback.insertSignal(trx, {
        event_seq: event.seq,
        declaration_id: id,
        kind: verdict.kind,
        detail: { ...verdict.detail, channel: verdict.channel ?? null, hold: verdict.hold },
        effect,
        received_at: new Date(),
      });
    });
  }
}
