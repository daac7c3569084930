import type { Actor } from '../../../platform/audit/audit.js';
import { DomainError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import type { BoosterParams } from '../model/index.js';
import type { FeedbackService } from '../feedback/feedback.service.js';
import type { ModelOrigin, ModelRegistry } from '../registry/registry.service.js';
import { trainInWorker, type WorkerTraining } from './train-in-worker.js';
import { trainRiskModel, type TrainedRiskModel, type TrainRiskModelOptions } from './train-model.js';
import type { TrainingDataInput } from './training-data.js';

export interface TrainingSettings {
  /** The shipped (or the administration's own) historical declarations with outcomes: the earlier period. */
  trainCsv: string;
  /** The later held-out period of the same format. */
  validCsv: string;
  minPlatformValidation: number;
  /** Hours between scheduled retrains; 0 turns the schedule off. */
  retrainIntervalHours: number;
  booster?: Partial<BoosterParams>;
}

type Progress = Parameters<NonNullable<TrainRiskModelOptions['onProgress']>>[0];

export interface TrainOptions {
  promote?: boolean;
  reason?: string;
  onProgress?: (p: Progress) => void;
}

/**
 * Training and retraining. The command line trains in its own process; the server retrains in a worker thread (one
 * job at a time, progress kept in `risk_training_jobs`), on demand or on a schedule counted from the last retrain —
 * or from start-up, so a short-lived process never retrains. A new version is registered as a candidate; an analyst
 * promotes it (or `promote` does, when asked).
 */
export class TrainingService {
  private running: WorkerTraining | undefined;
  private runningJob: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = new Date();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly feedback: FeedbackService,
    private readonly settings: TrainingSettings,
    private readonly log: Logger,
  ) {}

  /** The labelled history a retrain uses: the configured files and every platform label. */
  async retrainData(): Promise<TrainingDataInput> {
    return {
      trainCsv: this.settings.trainCsv,
      validCsv: this.settings.validCsv,
      platformLabels: await this.feedback.platformLabels(),
      minPlatformValidation: this.settings.minPlatformValidation,
    };
  }

  /** Trains in this process and registers the version. */
  async train(data: TrainingDataInput, actor: Actor, origin: ModelOrigin, options: TrainOptions = {}) {
    const trained = await trainRiskModel(data, {
      ...(this.settings.booster ? { booster: this.settings.booster } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const modelId = await this.register(trained, origin, actor, options);
    return { modelId, trained };
  }

  /** Retrains on all labelled history, in this process. */
  async retrain(actor: Actor, options: TrainOptions = {}) {
    return this.train(await this.retrainData(), actor, 'retrain', options);
  }

  /** Starts a retrain in a worker thread and returns its job id at once. */
  async startRetrain(
    actor: Actor,
    trigger: 'api' | 'schedule' | 'bootstrap',
    options: TrainOptions = {},
  ): Promise<number> {
    if (this.running) throw new DomainError('RISK_TRAINING_RUNNING');
    const data = await this.retrainData();
    const jobId = await this.registry.repo.insertJob(trigger, actor.name);
    let lastWrite = 0;
    const training = trainInWorker(
      data,
      this.settings.booster ? { booster: this.settings.booster } : {},
      (p) => {
        options.onProgress?.(p);
        const now = Date.now();
        if (p.stage === 'boosting' && now - lastWrite < 1000 && p.round !== p.rounds) return;
        lastWrite = now;
        void this.registry.repo.updateJob(jobId, { progress: p }).catch(() => undefined);
      },
    );
    this.running = training;
    this.runningJob = training.result
      .then(async (trained) => {
        const modelId = await this.register(trained, trigger, actor, options);
        await this.registry.repo.updateJob(jobId, {
          status: 'succeeded',
          model_id: modelId,
          finished_at: new Date(),
        });
        this.log.info({ jobId, modelId }, 'risk model retrained');
      })
      .catch(async (err: unknown) => {
        this.log.warn({ err, jobId }, 'risk retrain failed');
        await this.registry.repo
          .updateJob(jobId, {
            status: 'failed',
            error: err instanceof Error ? err.message : String(err),
            finished_at: new Date(),
          })
          .catch(() => undefined);
      })
      .finally(() => {
        this.running = undefined;
      });
    return jobId;
  }

  /** Resolves when the job under way (if any) has finished. */
  async settled(): Promise<void> {
    await this.runningJob;
  }

  async job(id: number) {
    const job = await this.registry.repo.findJob(id);
    if (!job) throw new DomainError('NOT_FOUND', `no training job ${id}`);
    return job;
  }

  /** Checks every so often whether a scheduled retrain is due. */
  startSchedule(actor: Actor, checkEveryMs = 60_000): void {
    const hours = this.settings.retrainIntervalHours;
    if (!(hours > 0)) return;
    const intervalMs = hours * 3_600_000;
    const check = async () => {
      if (this.running) return;
      const last = await this.registry.repo.lastJobStart(['schedule', 'api']);
      const since = Math.max(this.startedAt.getTime(), last?.getTime() ?? 0);
      if (Date.now() - since < intervalMs) return;
      await this.startRetrain(actor, 'schedule', { reason: 'scheduled retrain' });
    };
    this.timer = setInterval(
      () => {
        check().catch((err: unknown) => this.log.warn({ err }, 'scheduled risk retrain could not start'));
      },
      Math.min(checkEveryMs, intervalMs),
    );
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.cancel();
    await this.runningJob;
  }

  private register(trained: TrainedRiskModel, origin: ModelOrigin, actor: Actor, options: TrainOptions) {
    return this.registry.register(trained, origin, actor, {
      ...(options.promote ? { activate: true } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    });
  }
}
