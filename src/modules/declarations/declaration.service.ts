import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, recordAudit, type Actor, type AuditEntry } from '../../platform/audit/audit.js';
import { isPartyScoped, type Principal } from '../../platform/auth/roles.js';
import { isUniqueViolation, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';
import { DomainError } from '../../platform/errors.js';
import { publishEvents, type NewEvent } from '../../platform/events/outbox.js';
import type { ChannelDecision, ChannelStrategy } from './channel-strategy.js';
import { DECLARATION_EVENTS as EV } from './declaration.events.js';
import { hasGoodsToPresent } from './data-sets.js';
import { assertTransition, AMENDABLE, pathTo } from './declaration.lifecycle.js';
import {
  DeclarationRepository,
  type DeclarationRow,
  type NotificationRow,
  type QueueFilter,
  type StatisticsScope,
} from './declaration.repository.js';
import type {
  Channel,
  ControlResult,
  DeclarationInput,
  DeclarationStatus,
  SupportingDocument,
} from './declaration.schema.js';
import { partitionFindings, validateDeclaration, type RuleSeverity } from './declaration.validation.js';
import { LodgementBatches } from './lodgement-batches.js';
import { FUNCTION_CODES } from './notifications.js';
import {
  changedSections,
  denormalise,
  exporterOf,
  hashOf,
  importerOf,
  newDeclarationRow,
} from './declaration.rows.js';

export interface DeclarationServiceOptions {
  invoiceTolerancePercent: number;
  /** Administration's per-rule severity (error refuses, warning is kept with the declaration). */
  ruleSeverity?: Partial<Record<string, RuleSeverity>>;
  /** Called after every commit that published events, so the dispatcher delivers them at once. */
  onCommit?: () => void;
  /** Whether a party is an Authorised Economic Operator (for channel strategies). */
  isAeo?: (tin: string) => Promise<boolean>;
}

export interface LodgeResult {
  declaration: DeclarationRow;
  created: boolean;
}

/** What one state change writes, all in the same transaction. */
interface Change {
  patch?: Partial<DeclarationRow>;
  statuses?: DeclarationStatus[];
  audit: { action: string; reason?: string | null; data?: Record<string, unknown> }[];
  notifications?: { code: string; data: Record<string, unknown> }[];
  events?: { type: string; payload?: Record<string, unknown> }[];
}

const actorOf = (p: Principal): Actor => ({ id: `${p.kind}:${p.id}`, name: p.name });
/** The platform acting on its own (risk signals): a customs-side principal, recorded as the system actor. */
const SYSTEM_PRINCIPAL: Principal = {
  kind: 'user',
  id: 'system',
  name: SYSTEM_ACTOR.name,
  roles: ['officer'],
  partyTin: null,
  office: null,
  locale: 'en',
};

/** Goods declarations from lodgement to release: validation, lifecycle, officer actions, notifications. */
export class DeclarationService {
  readonly repo: DeclarationRepository;

  constructor(
    private readonly db: AnyDb,
    private channelStrategy: ChannelStrategy,
    private readonly options: DeclarationServiceOptions,
  ) {
    this.repo = new DeclarationRepository(db);
    this.batches = new LodgementBatches(db, this.repo);
  }

  /** Lodgements looked up and written together (group commit). */
  private readonly batches: LodgementBatches;

  /** The time of day the service stamps on changes; replaceable for demo seeding and tests. */
  private clock: () => Date = () => new Date();

  /** Uses another clock (e.g. to seed a believable past day); returns a function that restores the previous one. */
  useClock(clock: () => Date): () => void {
    const previous = this.clock;
    this.clock = clock;
    return () => {
      this.clock = previous;
    };
  }

  /** Replaces the channel strategy (the risk module installs its own). */
  useChannelStrategy(strategy: ChannelStrategy): void {
    this.channelStrategy = strategy;
  }

  /**
   * Lodges a declaration: idempotent per (declarant, LRN); validated; accepted, risk-assessed and given a channel in
   * one transaction with its audit trail, notifications and events. A declaration failing business rules is refused
   * with every error and nothing is stored.
   */
  async lodge(principal: Principal, input: DeclarationInput, now = this.clock()): Promise<LodgeResult> {
    if (isPartyScoped(principal) && input.parties.declarant.tin !== principal.partyTin)
      throw new DomainError('DECLARANT_NOT_OWN_PARTY', undefined, {
        params: { tin: input.parties.declarant.tin },
      });
    const contentHash = hashOf(input);
    const existing = await this.batches.find(input.parties.declarant.tin, input.lrn);
    if (existing) return this.replay(existing, contentHash);

    const { errors, warnings } = partitionFindings(
      validateDeclaration(input, {
        now,
        invoiceTolerancePercent: this.options.invoiceTolerancePercent,
        ...(this.options.ruleSeverity ? { severity: this.options.ruleSeverity } : {}),
      }),
    );
    if (errors.length > 0)
      throw new DomainError('DECLARATION_REJECTED', undefined, {
        errors: [...errors, ...warnings],
        extra: { functionCode: FUNCTION_CODES.rejected },
      });

    const id = randomUUID();
    const aeo = (await this.options.isAeo?.(input.parties.declarant.tin)) ?? false;
    const decision = await this.channelStrategy.assignChannel(input, {
      declarationId: id,
      lodgedAt: now,
      partyAeo: aeo,
      warnings: warnings.map((w) => w.code),
    });
    const row = { ...newDeclarationRow(id, input, contentHash, decision, now), warnings };
    const actor = actorOf(principal);
    try {
      {
        const audit: AuditEntry[] = [
          {
            actor,
            action: 'lodged',
            entityType: 'declaration',
            entityId: id,
            data: { lrn: input.lrn, contentHash },
            occurredAt: now,
          },
          {
            actor: SYSTEM_ACTOR,
            action: 'accepted',
            entityType: 'declaration',
            entityId: id,
            data: { from: 'lodged', to: 'accepted' },
            occurredAt: now,
          },
          {
            actor: SYSTEM_ACTOR,
            action: 'risk_assessed',
            entityType: 'declaration',
            entityId: id,
            data: {
              from: 'accepted',
              to: 'risk_assessed',
              strategy: decision.strategy,
              score: decision.score ?? null,
            },
            occurredAt: now,
          },
          {
            actor: SYSTEM_ACTOR,
            action: 'channel_assigned',
            entityType: 'declaration',
            entityId: id,
            data: {
              from: 'risk_assessed',
              to: 'channel_assigned',
              channel: decision.channel,
              source: decision.source,
            },
            occurredAt: now,
          },
        ];
        const notes: Omit<NotificationRow, 'id'>[] = [
          {
            declaration_id: id,
            function_code: FUNCTION_CODES.accepted,
            issued_at: now,
            data: warnings.length ? { lrn: input.lrn, warnings } : { lrn: input.lrn },
          },
        ];
        if (decision.channel === 'red' || decision.channel === 'yellow')
          notes.push({
            declaration_id: id,
            function_code: FUNCTION_CODES.control,
            issued_at: now,
            data: { channel: decision.channel },
          });
        const base = {
          declarationId: id,
          lrn: input.lrn,
          office: input.office,
          declarantTin: input.parties.declarant.tin,
        };
        // Nothing to present (a final supplementary declaration's nominal item): presented when lodged, so an
        // officer can clear it without waiting for an arrival that never comes.
        const presented = !hasGoodsToPresent(input);
        if (presented) {
          row.arrived_at = now;
          audit.push({
            actor: SYSTEM_ACTOR,
            action: 'arrived',
            entityType: 'declaration',
            entityId: id,
            data: { arrivedAt: now.toISOString(), location: null, reason: 'no goods to present' },
            occurredAt: now,
          });
        }
        const events: NewEvent[] = [
          {
            type: EV.lodged,
            aggregateType: 'declaration',
            aggregateId: id,
            // How many items claim a preferential origin: the origin module reads only declarations that have some.
            payload: {
              ...base,
              type: input.type,
              preferentialClaims: input.goodsItems.filter((g) => g.preferentialOrigin).length,
            },
          },
          { type: EV.accepted, aggregateType: 'declaration', aggregateId: id, payload: base },
          {
            type: EV.channelAssigned,
            aggregateType: 'declaration',
            aggregateId: id,
            payload: { ...base, channel: decision.channel, source: decision.source },
          },
          ...(presented
            ? [
                {
                  type: EV.arrived,
                  aggregateType: 'declaration',
                  aggregateId: id,
                  payload: { ...base, arrivedAt: now.toISOString() },
                },
              ]
            : []),
        ];
        // One statement (data-modifying CTEs): the declaration, its notifications, audit entries and events are
        // written atomically, together with the other lodgements of the moment (group commit).
        await this.batches.write({ row, notifications: notes, audit, events });
      }
    } catch (err) {
      if (isUniqueViolation(err, 'declarations_declarant_lrn')) {
        const winner = await this.repo.findByDeclarantAndLrn(input.parties.declarant.tin, input.lrn);
        if (winner) return this.replay(winner, contentHash);
      }
      throw err;
    }
    this.options.onCommit?.();
    return { declaration: row, created: true };
  }

  private replay(existing: DeclarationRow, contentHash: string): LodgeResult {
    if (existing.content_hash !== contentHash && existing.lodged_content_hash !== contentHash)
      throw new DomainError('LRN_ALREADY_USED', undefined, {
        params: { lrn: existing.lrn },
        extra: { declarationId: existing.id },
      });
    return { declaration: existing, created: false };
  }

  /** A declaration the caller may see; another party's declaration is reported as not found. */
  async get(principal: Principal, id: string): Promise<DeclarationRow> {
    const row = await this.repo.findById(id);
    if (!row || !visibleTo(principal, row)) throw new DomainError('DECLARATION_NOT_FOUND');
    return row;
  }

  list(principal: Principal, filter: Omit<QueueFilter, 'scopeParty'>) {
    return this.repo.queue({
      ...filter,
      scopeParty: isPartyScoped(principal) ? (principal.partyTin ?? '∅') : null,
    });
  }

  /**
   * An office's day in figures, for customs roles: declarations lodged in the period by channel and status, clearance
   * times (lodgement to release) of those released in it, and the controls still pending.
   */
  async officeStatistics(scope: StatisticsScope) {
    const [lodged, clearance, pendingControls] = await Promise.all([
      this.repo.countByChannelAndStatus(scope),
      this.repo.clearanceTimesByChannel(scope),
      this.repo.pendingControls(scope.office),
    ]);
    return { lodged, clearance, pendingControls };
  }

  async notifications(principal: Principal, id: string) {
    await this.get(principal, id);
    return this.repo.listNotifications(id);
  }

  /** Records the arrival of the goods (officer, or a port / inventory system). Green and blue lanes release on arrival. */
  async recordArrival(
    principal: Principal,
    id: string,
    arrivedAt: Date,
    location?: string,
  ): Promise<DeclarationRow> {
    return this.change(principal, id, (row) => {
      if (row.arrived_at) return null;
      const autoRelease =
        row.status === 'channel_assigned' && (row.channel === 'green' || row.channel === 'blue');
      const change: Change = {
        patch: { arrived_at: arrivedAt },
        audit: [
          { action: 'arrived', data: { arrivedAt: arrivedAt.toISOString(), location: location ?? null } },
        ],
        events: [{ type: EV.arrived, payload: { arrivedAt: arrivedAt.toISOString() } }],
      };
      if (autoRelease)
        this.addRelease(change, row, 'released on arrival: ' + String(row.channel) + ' channel', true);
      return change;
    });
  }

  /** Arrival reported by container number: every open declaration carrying one of them. */
  async recordArrivalByContainers(
    principal: Principal,
    containers: string[],
    arrivedAt: Date,
    location?: string,
  ) {
    const open = await this.repo.findOpenByContainers(containers);
    const out: DeclarationRow[] = [];
    for (const d of open) out.push(await this.recordArrival(principal, d.id, arrivedAt, location));
    return out;
  }

  async requestDocuments(principal: Principal, id: string, documents: string[], reason: string) {
    return this.change(principal, id, (row) => {
      const statuses: DeclarationStatus[] =
        row.status === 'under_control' ? [] : pathTo(row.status, 'under_control');
      const requestedAt = this.clock().toISOString();
      return {
        statuses,
        patch: { documents_requested: { documents, reason, requestedAt } },
        audit: [{ action: 'documents_requested', reason, data: { documents } }],
        notifications: [{ code: FUNCTION_CODES.documentsRequested, data: { documents, reason } }],
        events: [{ type: EV.documentsRequested, payload: { documents } }],
      };
    });
  }

  /** The trader answers a document request by adding the documents. */
  async submitDocuments(principal: Principal, id: string, documents: SupportingDocument[]) {
    return this.change(principal, id, (row) => {
      if (!row.documents_requested || row.documents_requested.answeredAt)
        throw new DomainError('NO_DOCUMENTS_REQUESTED');
      const document = { ...row.document, documents: [...row.document.documents, ...documents] };
      return {
        patch: {
          document,
          documents_requested: { ...row.documents_requested, answeredAt: this.clock().toISOString() },
        },
        audit: [{ action: 'documents_submitted', data: { references: documents.map((d) => d.reference) } }],
        events: [{ type: EV.documentsSubmitted, payload: { count: documents.length } }],
      };
    });
  }

  /** Records what the control found: compliant, a discrepancy with corrected values, or a seizure. */
  async recordControlResult(principal: Principal, id: string, result: ControlResult) {
    return this.change(principal, id, (row) => {
      if (!row.arrived_at && row.channel !== 'yellow') throw new DomainError('GOODS_NOT_ARRIVED');
      const target: DeclarationStatus = result.outcome === 'seizure' ? 'seized' : 'under_control';
      const statuses = row.status === target ? [] : pathTo(row.status, target);
      const now = this.clock();
      const change: Change = {
        statuses,
        patch: {
          control: { ...result, recordedAt: now.toISOString(), officer: principal.name },
          control_at: now,
        },
        audit: [
          {
            action: 'control_recorded',
            reason: result.findings,
            data: {
              outcome: result.outcome,
              corrections: result.corrections,
              revenueAdjustment: result.revenueAdjustment,
            },
          },
        ],
        notifications: [],
        events: [
          {
            type: EV.controlRecorded,
            payload: {
              outcome: result.outcome,
              revenueAdjustment: result.revenueAdjustment,
              channel: row.channel,
              selectedBy: row.channel_decision?.source ?? null,
              corrections: result.corrections.length,
            },
          },
        ],
      };
      if (result.outcome === 'discrepancy' && result.corrections.length > 0)
        change.notifications?.push({
          code: FUNCTION_CODES.corrected,
          data: { corrections: result.corrections, revenueAdjustment: result.revenueAdjustment },
        });
      if (result.outcome === 'seizure') {
        change.notifications?.push({
          code: FUNCTION_CODES.control,
          data: { action: 'seized', reason: result.findings },
        });
        change.events?.push({ type: EV.seized, payload: { reason: result.findings } });
      }
      return change;
    });
  }

  async release(principal: Principal, id: string, reason: string) {
    return this.change(principal, id, (row) => {
      if (!row.arrived_at) throw new DomainError('GOODS_NOT_ARRIVED');
      if ((row.channel === 'red' || row.channel === 'yellow') && !row.control)
        throw new DomainError('CONTROL_RESULT_REQUIRED');
      const change: Change = { audit: [] };
      this.addRelease(change, row, reason, false);
      return change;
    });
  }

  async hold(principal: Principal, id: string, reason: string) {
    return this.change(principal, id, (row) => ({
      statuses: pathTo(row.status, 'held'),
      audit: [{ action: 'held', reason }],
      notifications: [{ code: FUNCTION_CODES.control, data: { action: 'held', reason } }],
      events: [{ type: EV.held, payload: { reason } }],
    }));
  }

  /**
   * Raises the channel of an open declaration on a risk signal (an IoT alarm, a failed origin claim), as the system:
   * never lowers it (red beats yellow beats blue beats green), may hold the goods, and stores the new channel decision.
   * Released, seized or invalidated declarations are left as they are. The trader is notified of the control or the
   * hold, never of the reason.
   */
  async escalateChannel(
    id: string,
    escalation: {
      channel: Channel;
      hold: boolean;
      /** Recorded as the audit entries' reason. */
      reason: string;
      /** The reason as a code and parameters the console words in the reader's language (in the entries' data). */
      reasonCode?: string;
      reasonParams?: Record<string, string | number>;
      decision: ChannelDecision;
    },
  ): Promise<DeclarationRow> {
    const severity: Record<Channel, number> = { green: 0, blue: 1, yellow: 2, red: 3 };
    return this.change(
      SYSTEM_PRINCIPAL,
      id,
      (row) => {
        if (!['channel_assigned', 'under_control', 'held'].includes(row.status)) return null;
        const raise = !row.channel || severity[escalation.channel] > severity[row.channel];
        const hold = escalation.hold && row.status !== 'held';
        if (!raise && !hold) return null;
        const change: Change = { audit: [], notifications: [], events: [] };
        const reasonData = escalation.reasonCode
          ? { reasonCode: escalation.reasonCode, reasonParams: escalation.reasonParams ?? {} }
          : {};
        if (raise) {
          change.patch = {
            channel: escalation.channel,
            channel_decision: escalation.decision,
            channel_at: this.clock(),
          };
          change.audit.push({
            action: 'channel_escalated',
            reason: escalation.reason,
            data: {
              from: row.channel,
              to: escalation.channel,
              source: escalation.decision.source,
              ...reasonData,
            },
          });
          change.events?.push({
            type: EV.channelAssigned,
            payload: { channel: escalation.channel, source: escalation.decision.source },
          });
          if (escalation.channel === 'red' || escalation.channel === 'yellow')
            change.notifications?.push({
              code: FUNCTION_CODES.control,
              data: { channel: escalation.channel },
            });
        }
        if (hold) {
          change.statuses = pathTo(row.status, 'held');
          change.audit.push({ action: 'held', reason: escalation.reason, data: reasonData });
          change.notifications?.push({ code: FUNCTION_CODES.control, data: { action: 'held' } });
          change.events?.push({ type: EV.held, payload: { reason: 'risk signal' } });
        }
        return change;
      },
      SYSTEM_ACTOR,
    );
  }

  async seize(principal: Principal, id: string, reason: string) {
    return this.recordControlResult(principal, id, {
      outcome: 'seizure',
      findings: reason,
      corrections: [],
      revenueAdjustment: 0,
    });
  }

  async invalidate(principal: Principal, id: string, reason: string) {
    return this.change(principal, id, (row) => ({
      statuses: pathTo(row.status, 'invalidated'),
      audit: [{ action: 'invalidated', reason }],
      notifications: [{ code: FUNCTION_CODES.invalidated, data: { reason } }],
      events: [{ type: EV.invalidated, payload: { reason } }],
    }));
  }

  /**
   * Amends a declaration with a full new version. A valid amendment gets notification 11; an invalid one is recorded
   * as rejected (notification 03 with the errors) and the caller gets the errors; the declaration stays as it was.
   */
  async amend(principal: Principal, id: string, input: DeclarationInput, reason: string) {
    let rejected: DomainError | undefined;
    const row = await this.change(principal, id, (current) => {
      if (!AMENDABLE.includes(current.status))
        throw new DomainError('ILLEGAL_TRANSITION', undefined, {
          params: { from: current.status, to: 'amended' },
        });
      if (input.lrn !== current.lrn || input.parties.declarant.tin !== current.declarant_tin)
        throw new DomainError('AMENDMENT_IDENTITY_CHANGED');
      const { errors, warnings } = partitionFindings(
        validateDeclaration(input, {
          now: this.clock(),
          invoiceTolerancePercent: this.options.invoiceTolerancePercent,
          ...(this.options.ruleSeverity ? { severity: this.options.ruleSeverity } : {}),
        }),
      );
      if (errors.length > 0) {
        rejected = new DomainError('DECLARATION_REJECTED', undefined, {
          errors,
          extra: { functionCode: FUNCTION_CODES.rejected, declarationId: id },
        });
        return {
          audit: [
            {
              action: 'amendment_rejected',
              reason,
              data: { errors: errors.map((e) => ({ code: e.code, pointer: e.pointer })) },
            },
          ],
          notifications: [{ code: FUNCTION_CODES.rejected, data: { errors, amendment: true } }],
          events: [{ type: EV.amendmentRejected, payload: { errors: errors.length } }],
        };
      }
      return {
        patch: {
          document: input,
          content_hash: hashOf(input),
          warnings,
          version: current.version + 1,
          importer_tin: importerOf(input),
          exporter_tin: exporterOf(input),
          ...denormalise(input),
        },
        audit: [
          {
            action: 'amended',
            reason,
            data: { version: current.version + 1, changed: changedSections(current.document, input) },
          },
        ],
        notifications: [{ code: FUNCTION_CODES.amendmentAccepted, data: { version: current.version + 1 } }],
        events: [{ type: EV.amended, payload: { version: current.version + 1 } }],
      };
    });
    if (rejected) throw rejected;
    return row;
  }

  private addRelease(change: Change, row: DeclarationRow, reason: string, bySystem: boolean): void {
    const now = this.clock();
    change.statuses = [...(change.statuses ?? []), 'released'];
    change.patch = { ...change.patch, released_at: now };
    change.audit.push({ action: 'released', reason, data: { channel: row.channel, bySystem } });
    change.notifications = [
      ...(change.notifications ?? []),
      { code: FUNCTION_CODES.released, data: { reason, postClearanceAudit: row.channel === 'blue' } },
    ];
    change.events = [
      ...(change.events ?? []),
      { type: EV.released, payload: { channel: row.channel, postClearanceAudit: row.channel === 'blue' } },
    ];
  }

  /**
   * Applies one state change under a row lock: checks visibility and every transition, then writes the row, audit
   * entries, notifications and events in one transaction. `decide` returns null for "nothing to do".
   */
  private async change(
    principal: Principal,
    id: string,
    decide: (row: DeclarationRow) => Change | null,
    actor: Actor = actorOf(principal),
  ): Promise<DeclarationRow> {
    let wrote = false;
    const result = await this.db.transaction().execute(async (trx: AnyTransaction) => {
      const row = await this.repo.lockById(trx, id);
      if (!row || !visibleTo(principal, row)) throw new DomainError('DECLARATION_NOT_FOUND');
      const change = decide(row);
      if (!change) return row;
      let status = row.status;
      const audit: AuditEntry[] = [];
      for (const next of change.statuses ?? []) {
        assertTransition(status, next);
        audit.push({
          actor,
          action: `status:${next}`,
          entityType: 'declaration',
          entityId: id,
          data: { from: status, to: next },
        });
        status = next;
      }
      for (const a of change.audit) audit.push({ actor, entityType: 'declaration', entityId: id, ...a });
      const patch: Partial<DeclarationRow> = { ...change.patch, status };
      await this.repo.update(trx, id, patch);
      const now = this.clock();
      await recordAudit(
        trx,
        audit.map((e) => ({ occurredAt: now, ...e })),
      );
      await this.repo.insertNotifications(
        trx,
        (change.notifications ?? []).map((n) => ({
          declaration_id: id,
          function_code: n.code,
          issued_at: now,
          data: n.data,
        })),
      );
      const base = {
        declarationId: id,
        lrn: row.lrn,
        office: row.office,
        declarantTin: row.declarant_tin,
        status,
      };
      const events: NewEvent[] = (change.events ?? []).map((e) => ({
        type: e.type,
        aggregateType: 'declaration',
        aggregateId: id,
        payload: { ...base, ...e.payload },
      }));
      await publishEvents(trx, events);
      wrote = true;
      return { ...row, ...patch };
    });
    if (wrote) this.options.onCommit?.();
    return result;
  }
}

/** Whether a principal may see a declaration: customs staff see all; a trader sees its party's (declarant, importer, exporter). */
export function visibleTo(
  p: Principal,
  row: Pick<DeclarationRow, 'declarant_tin' | 'importer_tin' | 'exporter_tin'>,
): boolean {
  if (!isPartyScoped(p)) return true;
  return !!p.partyTin && [row.declarant_tin, row.importer_tin, row.exporter_tin].includes(p.partyTin);
}
