import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import type { RiskServices } from '../risk.services.js';
import { dryRunProfile } from '../rules/dry-run.js';
import { officeDay } from '../selection/office-day.js';
import {
  CreateListIn,
  CreateProfileIn,
  DryRunIn,
  DryRunOut,
  ListDetailOut,
  ListNameParams,
  ListSummaryOut,
  OfficeParams,
  OfficeRatesIn,
  OfficeRatesListOut,
  OfficeRatesOut,
  ProfileDetailOut,
  ProfileIdParams,
  ProfileOut,
  ProfileVersionParams,
  toListSummary,
  toProfile,
  UpdateListIn,
  UpdateProfileIn,
} from './risk.schema.js';

export const ANALYST = ['risk_analyst'] as const;
export const RISK_READERS = ['risk_analyst', 'supervisor', 'admin'] as const;

/** Analysts' routes: named lists, profiles (versioned), dry runs and office budgets. */
export function registerRulesRoutes(app: FastifyInstance, s: RiskServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk'];

  const listDetail = async (name: string) => {
    const l = await s.rules.getList(name);
    return {
      ...toListSummary(l),
      list: l.body,
      versions: l.versions.map((v) => ({
        version: Number(v.version),
        list: v.body,
        note: v.note,
        createdBy: v.created_by,
        createdAt: new Date(v.created_at).toISOString(),
      })),
    };
  };
  const profileDetail = async (id: string) => {
    const p = await s.rules.getProfile(id);
    return {
      ...toProfile(p),
      versions: p.versions.map((v) => ({
        version: Number(v.version),
        profile: v.body,
        note: v.note,
        createdBy: v.created_by,
        createdAt: new Date(v.created_at).toISOString(),
      })),
    };
  };

  r.get(
    '/api/v1/risk/lists',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'Named risk lists at their current versions',
        response: { 200: z.object({ items: z.array(ListSummaryOut) }) },
      },
    },
    async () => ({ items: (await s.rules.listLists()).map(toListSummary) }),
  );

  r.post(
    '/api/v1/risk/lists',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Create a named list (version 1)',
        body: CreateListIn,
        response: { 201: ListDetailOut },
      },
    },
    async (request, reply) => {
      const { name, list, note } = request.body;
      await s.rules.createList(principalOf(request), name, list, note);
      return reply.code(201).send(await listDetail(name));
    },
  );

  r.get(
    '/api/v1/risk/lists/:name',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'A list with its entries and every version',
        params: ListNameParams,
        response: { 200: ListDetailOut },
      },
    },
    async (request) => listDetail(request.params.name),
  );

  r.put(
    '/api/v1/risk/lists/:name',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Edit a list: writes a new version (its kind cannot change)',
        params: ListNameParams,
        body: UpdateListIn,
        response: { 200: ListDetailOut },
      },
    },
    async (request) => {
      const { list, note, baseVersion } = request.body;
      await s.rules.updateList(principalOf(request), request.params.name, list, note, baseVersion);
      return listDetail(request.params.name);
    },
  );

  r.get(
    '/api/v1/risk/profiles',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'Risk profiles at their current versions',
        response: { 200: z.object({ items: z.array(ProfileOut) }) },
      },
    },
    async () => ({ items: (await s.rules.listProfiles()).map(toProfile) }),
  );

  r.post(
    '/api/v1/risk/profiles',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Create a risk profile (version 1; status draft unless given)',
        body: CreateProfileIn,
        response: { 201: ProfileDetailOut },
      },
    },
    async (request, reply) => {
      const p = await s.rules.createProfile(principalOf(request), request.body.profile, request.body.note);
      return reply.code(201).send(await profileDetail(p.id));
    },
  );

  r.get(
    '/api/v1/risk/profiles/:id',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'A profile with every version',
        params: ProfileIdParams,
        response: { 200: ProfileDetailOut },
      },
    },
    async (request) => profileDetail(request.params.id),
  );

  r.put(
    '/api/v1/risk/profiles/:id',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Edit a profile (also to activate or retire it): writes a new version',
        params: ProfileIdParams,
        body: UpdateProfileIn,
        response: { 200: ProfileDetailOut },
      },
    },
    async (request) => {
      const { profile, note, baseVersion } = request.body;
      await s.rules.updateProfile(principalOf(request), request.params.id, profile, note, baseVersion);
      return profileDetail(request.params.id);
    },
  );

  r.get(
    '/api/v1/risk/profiles/:id/versions/:version',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'One version of a profile',
        params: ProfileVersionParams,
        response: { 200: ProfileOut },
      },
    },
    async (request) => {
      const v = await s.rules.profileVersion(request.params.id, request.params.version);
      return toProfile({ id: v.profile_id, ...v, updated_at: v.created_at });
    },
  );

  r.post(
    '/api/v1/risk/dry-run',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary:
          'What a profile (new, edited or existing) would have selected over the last N days of lodgements',
        body: DryRunIn,
        response: { 200: DryRunOut },
      },
    },
    async (request) => {
      const b = request.body;
      let profile = b.profile;
      if (!profile) {
        const id = b.profileId!;
        profile = (b.version ? await s.rules.profileVersion(id, b.version) : await s.rules.getProfile(id))
          .body;
      }
      await s.rules.validate(profile);
      const serving = s.engine.serving;
      return dryRunProfile(s.declarations, profile, await s.rules.compiledLists(), {
        days: b.days,
        sampleSize: b.sampleSize,
        ...(b.office ? { office: b.office } : {}),
        ...(b.profileId ? { profileId: b.profileId } : {}),
        ...(s.isAeo ? { isAeo: s.isAeo } : {}),
        ...(serving ? { taxRateOf: (hs: string) => serving.tariff.lineOf(hs).rate } : {}),
      });
    },
  );

  const ratesView = async (
    office: string,
    rates = s.engine.ratesFor(office),
    meta?: { updatedBy: string; updatedAt: Date },
  ) => {
    const { start, end } = officeDay(office, new Date());
    const counts = await s.feedback.repo.dayCounts(office, start, end);
    const byChannel: Record<string, number> = { green: 0, yellow: 0, red: 0, blue: 0 };
    for (const c of counts) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + Number(c.n);
    return {
      office,
      ...rates,
      updatedBy: meta?.updatedBy ?? null,
      updatedAt: meta ? meta.updatedAt.toISOString() : null,
      today: { decided: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel },
    };
  };

  r.get(
    '/api/v1/risk/office-rates',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary:
          'Expected channel rates, random minimum and exploration share per office, with today’s decisions',
        response: { 200: OfficeRatesListOut },
      },
    },
    async () => {
      const offices = await s.rules.officeRates();
      return {
        defaults: s.rules.defaultRates(),
        offices: await Promise.all(offices.map((o) => ratesView(o.office, o.rates, o))),
      };
    },
  );

  r.put(
    '/api/v1/risk/office-rates/:office',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Set an office’s expected channel rates, random minimum and exploration share',
        params: OfficeParams,
        body: OfficeRatesIn,
        response: { 200: OfficeRatesOut },
      },
    },
    async (request) => {
      const { reason, ...rates } = request.body;
      const saved = await s.rules.setOfficeRates(principalOf(request), request.params.office, rates, reason);
      if (!saved) throw new DomainError('NOT_FOUND');
      return ratesView(saved.office, saved.rates, saved);
    },
  );
}
