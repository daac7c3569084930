import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/http/access.js';
import type { RiskServices } from '../risk.services.js';
import { actorOf } from '../rules/rules.service.js';
import {
  ActivationIn,
  JobOut,
  ModelDetailOut,
  ModelIdParams,
  ModelListOut,
  RetrainIn,
  toJob,
  toModel,
} from './risk.schema.js';
import { ANALYST, RISK_READERS } from './rules.routes.js';

const JobIdParams = z.object({ id: z.coerce.number().int().min(1) }).strict();

/** The model registry: versions with metrics, promotion, rollback and retraining. */
export function registerModelRoutes(app: FastifyInstance, s: RiskServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['risk'];

  const listView = async () => {
    const { activeModelId, models, activations } = await s.registry.list();
    return {
      activeModelId,
      models: models.map(toModel),
      activations: activations.map((a) => ({
        id: a.id,
        modelId: a.model_id,
        action: a.action,
        reason: a.reason,
        by: a.activated_by,
        at: new Date(a.activated_at).toISOString(),
      })),
    };
  };

  r.get(
    '/api/v1/risk/models',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'Model versions with their metrics, newest first, and the serving history',
        response: { 200: ModelListOut },
      },
    },
    listView,
  );

  r.get(
    '/api/v1/risk/models/:id',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'One model version with its feature schema',
        params: ModelIdParams,
        response: { 200: ModelDetailOut },
      },
    },
    async (request) => {
      const id = await s.registry.resolve(String(request.params.id));
      const m = (await s.registry.repo.findModel(id))!;
      const active = (await s.registry.activeId()) === id;
      return { ...toModel({ ...m, id, active }), featureSchema: m.feature_schema };
    },
  );

  r.post(
    '/api/v1/risk/models/:id/promotion',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Serve this version (every node swaps to it without a restart)',
        params: ModelIdParams,
        body: ActivationIn,
        response: { 200: ModelListOut },
      },
    },
    async (request) => {
      await s.registry.promote(actorOf(principalOf(request)), request.params.id, request.body.reason);
      return listView();
    },
  );

  r.post(
    '/api/v1/risk/models/rollback',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary: 'Serve again the version that served before the current one',
        body: ActivationIn,
        response: { 200: ModelListOut },
      },
    },
    async (request) => {
      await s.registry.rollback(actorOf(principalOf(request)), request.body.reason);
      return listView();
    },
  );

  r.post(
    '/api/v1/risk/models/retraining',
    {
      config: { access: { roles: ANALYST } },
      schema: {
        tags,
        summary:
          'Retrain on all labelled history in the background; the new version is registered as a candidate',
        body: RetrainIn,
        response: { 202: JobOut },
      },
    },
    async (request, reply) => {
      const id = await s.training.startRetrain(actorOf(principalOf(request)), 'api', {
        reason: request.body.reason,
        promote: request.body.promote,
      });
      return reply.code(202).send(toJob(await s.training.job(id)));
    },
  );

  r.get(
    '/api/v1/risk/training-jobs',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'Recent training jobs with their progress',
        response: { 200: z.object({ items: z.array(JobOut) }) },
      },
    },
    async () => ({ items: (await s.registry.repo.listJobs()).map(toJob) }),
  );

  r.get(
    '/api/v1/risk/training-jobs/:id',
    {
      config: { access: { roles: RISK_READERS } },
      schema: {
        tags,
        summary: 'A training job and its progress',
        params: JobIdParams,
        response: { 200: JobOut },
      },
    },
    async (request) => toJob(await s.training.job(request.params.id)),
  );
}
