import { recordAudit, type Actor } from '../../../platform/audit/audit.js';
import type { AnyDb, AnyTransaction } from '../../../platform/database/database.js';
import { DomainError } from '../../../platform/errors.js';
import { publishEvents } from '../../../platform/events/outbox.js';
import { RISK_EVENTS } from '../risk.events.js';
import { bumpRevision } from '../revision.js';
import type { ServingModel } from '../scoring/scorer.js';
import { loadArtifact, type TrainedRiskModel } from '../training/train-model.js';
import { RegistryRepository } from './registry.repository.js';

/** How a version entered the registry. */
export type ModelOrigin = 'bundled' | 'bootstrap' | 'cli' | 'retrain' | 'schedule' | 'api';

/**
 * The model registry: every trained version with its metrics, parameters and feature schema; the serving version is
 * the latest activation (promotion, rollback or first-start bootstrap). Activations bump the revision every node
 * polls, so each hot-swaps the model it serves without a restart.
 */
export class ModelRegistry {
  readonly repo: RegistryRepository;

  constructor(
    private readonly db: AnyDb,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.repo = new RegistryRepository(db);
  }

  /** Registers a version (not serving until promoted) and returns its id. */
  async register(
    m: TrainedRiskModel,
    origin: ModelOrigin,
    actor: Actor,
    options: { activate?: boolean; reason?: string } = {},
  ) {
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await this.repo.insertModel(trx, m, origin, actor.name);
      await recordAudit(trx, [
        {
          actor,
          action: 'risk_model_registered',
          entityType: 'risk_model',
          entityId: String(id),
          data: {
            origin,
            sha256: m.sha256,
            trainRows: m.training.trainRows,
            labelsDigest: m.training.data.labelsDigest,
          },
        },
      ]);
      await publishEvents(trx, [
        {
          type: RISK_EVENTS.modelRegistered,
          aggregateType: 'risk_model',
          aggregateId: String(id),
          payload: { modelId: id, origin },
        },
      ]);
      if (options.activate)
        await this.activate(
          trx,
          id,
          origin === 'bootstrap' ? 'bootstrap' : 'promote',
          actor,
          options.reason ?? null,
        );
      return id;
    });
    if (options.activate) this.onChange();
    return id;
  }

  /** Makes a registered version the serving one. */
  async promote(actor: Actor, id: number, reason: string): Promise<number> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.findModel(id, trx))) throw new DomainError('NOT_FOUND', `no model version ${id}`);
      await this.activate(trx, id, 'promote', actor, reason);
    });
    this.onChange();
    return id;
  }

  /** Serves again the version that served before the current activation. */
  async rollback(actor: Actor, reason: string): Promise<number> {
    const to = await this.db.transaction().execute(async (trx) => {
      const [current, previous] = await this.repo.activations(2, trx);
      if (!current || !previous) throw new DomainError('RISK_NO_PREVIOUS_MODEL');
      const target = Number(previous.model_id);
      await this.activate(trx, target, 'rollback', actor, reason);
      return target;
    });
    this.onChange();
    return to;
  }

  private async activate(
    trx: AnyTransaction,
    id: number,
    action: string,
    actor: Actor,
    reason: string | null,
  ) {
    const previous = (await this.repo.activations(1, trx))[0];
    await this.repo.insertActivation(trx, id, action, actor.name, reason);
    await bumpRevision(trx);
    await recordAudit(trx, [
      {
        actor,
        action: `risk_model_${action}`,
        entityType: 'risk_model',
        entityId: String(id),
        reason,
        data: { previousModelId: previous ? Number(previous.model_id) : null },
      },
    ]);
    await publishEvents(trx, [
      {
        type: RISK_EVENTS.modelActivated,
        aggregateType: 'risk_model',
        aggregateId: String(id),
        payload: { modelId: id, action, previousModelId: previous ? Number(previous.model_id) : null },
      },
    ]);
  }

  activeId(): Promise<number | undefined> {
    return this.repo.activeModelId();
  }

  /** `latest` (newest registered), `active` (serving) or a version number. */
  async resolve(ref: string): Promise<number> {
    const id =
      ref === 'latest'
        ? await this.repo.latestModelId()
        : ref === 'active'
          ? await this.activeId()
          : Number(ref);
    if (id === undefined || !Number.isInteger(id) || !(await this.repo.findModel(id)))
      throw new DomainError('NOT_FOUND', `no model version ${ref}`);
    return id;
  }

  /** Reads a version's artifact back into a serving model. */
  async load(id: number): Promise<ServingModel> {
    const bytes = await this.repo.artifact(id);
    if (!bytes) throw new DomainError('NOT_FOUND', `no model version ${id}`);
    return loadArtifact(id, bytes);
  }

  /** Versions with their metrics, newest first, marking the serving one. */
  async list() {
    const [models, activations] = await Promise.all([this.repo.listModels(), this.repo.activations(200)]);
    const active = activations[0] ? Number(activations[0].model_id) : null;
    return {
      activeModelId: active,
      models: models.map((m) => ({ ...m, id: Number(m.id), active: Number(m.id) === active })),
      activations: activations.map((a) => ({ ...a, id: Number(a.id), model_id: Number(a.model_id) })),
    };
  }

  /**
   * On first start: registers and activates the bundled default model, once across nodes (advisory lock). Returns
   * the id, or undefined when the registry already had versions.
   */
  async bootstrap(load: () => Promise<TrainedRiskModel>, actor: Actor): Promise<number | undefined> {
    if ((await this.repo.countModels()) > 0) return undefined;
    const model = await load();
    const id = await this.db.transaction().execute(async (trx) => {
      await this.repo.lockBootstrap(trx);
      if ((await this.repo.countModels(trx)) > 0) return undefined;
      const id = await this.repo.insertModel(trx, model, 'bundled', actor.name);
      await this.activate(trx, id, 'bootstrap', actor, 'default model shipped with Aduana');
      return id;
    });
    if (id !== undefined) this.onChange();
    return id;
  }
}
