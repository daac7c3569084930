import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/http/access.js';
import { before } from '../../../platform/time/instants.js';
import type { RiskServices } from '../risk.services.js';
import { explainDrivingItem, type Contribution, type ServingModel } from '../scoring/scorer.js';
import type { RiskExplanation } from '../selection/risk-channel-strategy.js';
import {
  DecisionsOut,
  DecisionsQuery,
  DeclarationRiskOut,
  HitRatesOut,
  HitRatesQuery,
  toDecision,
} from './risk.schema.js';
import { RISK_READERS } from './rules.routes.js';

/** Customs roles: officers see why a declaration was selected; traders never reach these routes. */
export const CUSTOMS = ['officer', 'risk_analyst', 'supervisor', 'admin'] as const;

const DAY = 86_400_000;
const dateOf = (v: string | undefined, fallback: Date) => (v ? new Date(v) : fallback);
/** `ms` before `at`, but no earlier than the earliest instant the database holds. */

/** Hit rates by selection source, decisions ranked by score, and one declaration's risk explanation. */
export function registerReportRoutes(app: FastifyInstance, s: RiskServices): void {
  // TreeSHAP on demand, with the model version that decided (lodgement scores without explaining); the last few
  // versions asked for are kept loaded.
  const versions = new Map<number, Promise<ServingModel | null>>();
  const modelVersion = (id: number): Promise<ServingModel | null> => {
    if (s.engine.serving?.id === id) return Promise.resolve(s.engine.serving);
    let loading = versions.get(id);
    if (!loading) {
      loading = s.registry.load(id).catch(() => null);
      versions.set(id, loading);
      if (versions.size > 3) versions.delete(versions.keys().next().value!);
    }
    return loading;
  };
  const explainOnDemand = async (
    document: Parameters<typeof explainDrivingItem>[1],
    lodgedAt: Date,
    e: Partial<RiskExplanation>,
  ): Promise<Contribution[]> => {
    if (typeof e.modelVersion !== 'number' || typeof e.drivingItem !== 'number') return [];
    const serving = await modelVersion(e.modelVersion);
    if (!serving) return [];
    return explainDrivingItem(serving, document, new Date(lodgedAt), e.drivingItem)?.contributions ?? [];
  };
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk'];

  r.get(
    '/api/v1/risk/hit-rates',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'Hit rate of each selection source (rule, random, model, exploration, signal) over time',
        querystring: HitRatesQuery,
        response: { 200: HitRatesOut },
      },
    },
    async (request) => {
      const q = request.query;
      const to = dateOf(q.to, new Date());
      const from = dateOf(q.from, before(to, 30 * DAY));
      const rows = await s.feedback.repo.hitRates({
        from,
        to,
        interval: q.interval,
        ...(q.office ? { office: q.office } : {}),
      });
      const rate = (hits: number, controlled: number) => (controlled === 0 ? null : hits / controlled);
      const totals = new Map<
        string,
        { decided: number; selected: number; controlled: number; hits: number; revenue: number }
      >();
      for (const row of rows) {
        const t = totals.get(row.source) ?? { decided: 0, selected: 0, controlled: 0, hits: 0, revenue: 0 };
        totals.set(row.source, t);
        t.decided += row.decided;
        t.selected += row.selected;
        t.controlled += row.controlled;
        t.hits += row.hits;
        t.revenue += row.revenue;
      }
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        interval: q.interval,
        series: rows.map((row) => ({
          ...row,
          period: row.period.toISOString(),
          hitRate: rate(row.hits, row.controlled),
        })),
        totals: [...totals].map(([source, t]) => ({ source, ...t, hitRate: rate(t.hits, t.controlled) })),
      };
    },
  );

  r.get(
    '/api/v1/risk/decisions',
    {
      config: { access: { roles: CUSTOMS } },
      schema: {
        tags,
        summary: 'Channel decisions in a period, riskiest first (score), with their source and rule hits',
        querystring: DecisionsQuery,
        response: { 200: DecisionsOut },
      },
    },
    async (request) => {
      const q = request.query;
      const to = dateOf(q.to, new Date(Date.now() + 1000));
      const from = dateOf(q.from, before(to, DAY));
      const rows = await s.feedback.repo.decisions({
        from,
        to,
        limit: q.limit,
        offset: q.offset,
        ...(q.office ? { office: q.office } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.source ? { source: q.source } : {}),
      });
      return { items: rows.map(toDecision) };
    },
  );

  r.get(
    '/api/v1/risk/declarations/:id',
    {
      config: { access: { roles: CUSTOMS } },
      schema: {
        tags,
        summary:
          'Why a declaration got its channel: score, rule hits, top features (TreeSHAP), signals and the label',
        params: z.object({ id: z.uuid() }).strict(),
        response: { 200: DeclarationRiskOut },
      },
    },
    async (request) => {
      const row = await s.declarations.get(principalOf(request), request.params.id);
      const decision = row.channel_decision;
      const e = (decision?.explanation ?? {}) as Partial<RiskExplanation>;
      const [ruleset, signals, label, topFeatures] = await Promise.all([
        e.rulesetId ? s.rules.repo.ruleset(e.rulesetId) : undefined,
        s.feedback.repo.signals(row.id),
        s.feedback.repo.findLabel(row.id),
        e.contributions && e.contributions.length > 0
          ? e.contributions
          : explainOnDemand(row.document, row.lodged_at, e),
      ]);
      return {
        declarationId: row.id,
        office: row.office,
        status: row.status,
        channel: row.channel,
        source: decision?.source ?? null,
        strategy: decision?.strategy ?? null,
        score: decision?.score ?? null,
        probability: e.probability ?? null,
        revenueAtStake: e.revenueAtStake ?? null,
        modelVersion: e.modelVersion ?? null,
        ruleset: ruleset
          ? { id: Number(ruleset.id), profiles: ruleset.profiles, lists: ruleset.lists }
          : null,
        ruleHits: e.ruleHits ?? [],
        topFeatures,
        drivingItem: e.drivingItem ?? null,
        items: e.items ?? [],
        budget: e.budget ?? null,
        signals: signals.map((sg) => ({
          kind: sg.kind,
          detail: sg.detail,
          effect: sg.effect,
          receivedAt: new Date(sg.received_at).toISOString(),
        })),
        label: label
          ? {
              outcome: label.outcome,
              fraud: Number(label.fraud) === 1,
              revenue: Number(label.revenue),
              recordedAt: new Date(label.recorded_at).toISOString(),
            }
          : null,
      };
    },
  );
}
