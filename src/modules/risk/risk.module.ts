import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webcrypto } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import type { Config } from '../../platform/config.js';
import type { AnyDb } from '../../platform/database/database.js';
import type { OutboxDispatcher } from '../../platform/events/outbox.js';
import type { Logger } from '../../platform/logger.js';
import { DECLARATION_EVENTS, type DeclarationService } from '../declarations/index.js';
import { FeedbackService } from './feedback/feedback.service.js';
import { ModelRegistry } from './registry/registry.service.js';
import { SIGNAL_EVENTS } from './risk.events.js';
import type { RiskServices } from './risk.services.js';
import { registerModelRoutes } from './routes/models.routes.js';
import { registerReportRoutes } from './routes/reports.routes.js';
import { registerRulesRoutes } from './routes/rules.routes.js';
import { RulesService } from './rules/rules.service.js';
import { RiskChannelStrategy } from './selection/risk-channel-strategy.js';
import { officeDay } from './selection/office-day.js';
import { RiskEngine } from './selection/risk-engine.js';
import { SignalsService } from './signals/signals.service.js';
import { fromBundle, type BundleMetadata } from './training/train-model.js';
import { TrainingService } from './training/training.service.js';
import type { BoosterParams } from './model/index.js';
import type { TariffReference } from './scoring/tariff.js';

export type RiskConfig = Pick<
  Config,
  | 'channelRates'
  | 'riskRandomMinimumPercent'
  | 'riskExplorationPercent'
  | 'riskRefreshMs'
  | 'riskRetrainIntervalHours'
  | 'riskTrainingData'
  | 'riskValidationData'
  | 'riskMinValidationLabels'
>;

export interface RiskModuleDeps {
  db: AnyDb;
  config: RiskConfig;
  log: Logger;
  /** The declarations module's face. */
  declarations: DeclarationService;
  isAeo?: (tin: string) => Promise<boolean>;
  /** Called after the module commits events, so the dispatcher delivers them at once. */
  onCommit?: () => void;
  /** Uniform in [0, 1): random quota, exploration and selection percentages (cryptographic by default). */
  random?: () => number;
  /** The default model used on first start: a bundle directory, or false for none (then it is trained). */
  bundleDir?: string | false;
  /** Booster settings for every training (tests use small models). */
  booster?: Partial<BoosterParams>;
}

/** The risk module as the platform wires it. */
export interface RiskModule extends RiskServices {
  /** Subscribes the decision copier, the label recorder and the signal handlers to the outbox. */
  subscribe(dispatcher: OutboxDispatcher): void;
  registerRoutes(app: FastifyInstance): void;
  /** Loads profiles, lists and rates (awaited), then the serving model in the background, and starts the timers. */
  start(): Promise<void>;
  /** Resolves when the first-start model work (bootstrap and loading) has finished. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_BUNDLE_DIR = path.join(PACKAGE_ROOT, 'assets/risk');

/** A path from configuration: absolute as given, relative to the installation otherwise. */
export function installationPath(p: string): string {
  return path.isAbsolute(p) ? p : path.join(PACKAGE_ROOT, p);
}

function cryptoRandom(): () => number {
  const buffer = new Uint32Array(256);
  let next = buffer.length;
  return () => {
    if (next === buffer.length) {
      webcrypto.getRandomValues(buffer);
      next = 0;
    }
    return buffer[next++]! / 4294967296;
  };
}

/** Reads the bundled default model (artifact and description), or undefined when there is none. */
export async function readBundle(dir: string) {
  try {
    const [artifact, metadata] = await Promise.all([
      fs.readFile(path.join(dir, 'default-model.gz')),
      fs.readFile(path.join(dir, 'default-model.json'), 'utf8'),
    ]);
    return fromBundle(artifact, JSON.parse(metadata) as BundleMetadata);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function createRiskModule(deps: RiskModuleDeps): RiskModule {
  const { db, config, log } = deps;
  const random = deps.random ?? cryptoRandom();
  const refreshSoon = (): void => {
    engine.refresh().catch((err: unknown) => log.warn({ err }, 'risk refresh failed; the poll will retry'));
  };
  const rules = new RulesService(
    db,
    {
      channelRates: config.channelRates,
      randomMinimum: config.riskRandomMinimumPercent,
      explorationShare: config.riskExplorationPercent,
    },
    refreshSoon,
  );
  const registry = new ModelRegistry(db, refreshSoon);
  const feedback = new FeedbackService(
    db,
    deps.declarations,
    (): TariffReference | null => engine.serving?.tariff ?? null,
    log,
    deps.onCommit,
  );
  const engine: RiskEngine = new RiskEngine(db, rules, registry, feedback.repo, log, random);
  const strategy = new RiskChannelStrategy(engine, log);
  const signals = new SignalsService(
    db,
    deps.declarations,
    feedback.repo,
    log,
    async (declaration, lodgedAt) => {
      const partyAeo = (await deps.isAeo?.(declaration.parties.declarant.tin)) ?? false;
      const { verdict, score } = strategy.assess(
        declaration,
        { lodgedAt, partyAeo },
        officeDay(declaration.office, lodgedAt).day,
      );
      return { verdict, probability: score?.probability ?? null };
    },
  );
  const training = new TrainingService(
    registry,
    feedback,
    {
      trainCsv: installationPath(config.riskTrainingData),
      validCsv: installationPath(config.riskValidationData),
      minPlatformValidation: config.riskMinValidationLabels,
      retrainIntervalHours: config.riskRetrainIntervalHours,
      ...(deps.booster ? { booster: deps.booster } : {}),
    },
    log,
  );
  const services: RiskServices = {
    rules,
    registry,
    training,
    feedback,
    signals,
    engine,
    strategy,
    declarations: deps.declarations,
    ...(deps.isAeo ? { isAeo: deps.isAeo } : {}),
  };
  let background: Promise<void> = Promise.resolve();

  /** First start: registers the bundled default model. False when the registry is still empty (no bundle). */
  const importBundle = async (): Promise<boolean> => {
    if ((await registry.repo.countModels()) > 0) return true;
    const dir = deps.bundleDir === undefined ? DEFAULT_BUNDLE_DIR : deps.bundleDir;
    const bundle = dir === false ? undefined : await readBundle(dir);
    if (!bundle) return false;
    const id = await registry.bootstrap(() => Promise.resolve(bundle), SYSTEM_ACTOR);
    if (id !== undefined) log.info({ modelId: id }, 'registered the bundled default risk model');
    return true;
  };

  /** Without a bundle: trains a default model from the configured data in a worker, logging its progress. */
  const trainDefault = async () => {
    log.info('no risk model yet: training one from the shipped data in the background');
    let reported = -1;
    await training.startRetrain(SYSTEM_ACTOR, 'bootstrap', {
      promote: true,
      reason: 'first start',
      onProgress: (p) => {
        if (p.stage !== 'boosting') return log.info({ stage: p.stage }, 'training the default risk model');
        const decile = Math.floor((10 * p.round) / p.rounds);
        if (decile === reported) return;
        reported = decile;
        log.info({ round: p.round, rounds: p.rounds }, `training the default risk model: ${decile * 10} %`);
      },
    });
    await training.settled();
    await engine.refresh(true);
  };

  return {
    ...services,
    subscribe(dispatcher) {
      dispatcher.subscribe({
        name: 'risk.decisions',
        types: [DECLARATION_EVENTS.channelAssigned],
        handle: (e) => feedback.recordDecision(e),
        handleBatch: (events) => feedback.recordDecisions(events),
      });
      dispatcher.subscribe({
        name: 'risk.labels',
        types: [DECLARATION_EVENTS.controlRecorded],
        handle: (e) => feedback.recordControlResult(e),
      });
      dispatcher.subscribe({
        name: 'risk.signals',
        types: [SIGNAL_EVENTS.iotAlarmRaised, SIGNAL_EVENTS.originAssessed],
        handle: (e) =>
          e.type === SIGNAL_EVENTS.iotAlarmRaised ? signals.onIotAlarm(e) : signals.onOriginAssessed(e),
      });
      dispatcher.subscribe({
        name: 'risk.amendments',
        types: [DECLARATION_EVENTS.amended],
        handle: (e) => signals.onAmended(e),
      });
    },
    registerRoutes(app) {
      registerRulesRoutes(app, services);
      registerModelRoutes(app, services);
      registerReportRoutes(app, services);
    },
    async start() {
      await engine.refresh(true, { model: false });
      // Loading a registered (or the bundled) model takes about a second: lodgements wait for it rather than be
      // decided without it. Training one (no bundle) takes longer: lodgements go on without a model meanwhile.
      const loading = (async () => {
        const registered = await importBundle();
        await engine.refresh(true);
        return registered;
      })();
      engine.initialLoad = loading.then(
        () => undefined,
        () => undefined,
      );
      background = loading
        .then((registered) => (registered ? undefined : trainDefault()))
        .catch((err: unknown) => log.warn({ err }, 'risk model could not be loaded; deciding without one'));
      engine.startPolling(config.riskRefreshMs);
      training.startSchedule(SYSTEM_ACTOR);
    },
    ready: () => background,
    async close() {
      engine.stopPolling();
      await training.close();
      await background;
    },
  };
}
