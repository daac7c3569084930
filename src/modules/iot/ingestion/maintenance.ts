/**
 * Background work of the telemetry store: alarm clocks (`tick`), monitor checkpoints, the roll-up of raw readings into
 * 15-minute aggregates, and retention (raw readings for `iotRawRetentionDays`, aggregates for
 * `iotAggregateRetentionDays`). Timers are unref'd; `stop()` waits for the job under way.
 */
import type { Logger } from '../../../platform/logger.js';
import type { TelemetryIngestion } from './telemetry-ingestion.js';
import type { TelemetryRepository } from './telemetry.repository.js';

export interface MaintenanceOptions {
  tickIntervalMs: number;
  checkpointIntervalMs: number;
  maintenanceIntervalMs: number;
  rawRetentionDays: number;
  aggregateRetentionDays: number;
}

const DAY_MS = 86_400_000;

export class TelemetryMaintenance {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly ingestion: TelemetryIngestion,
    private readonly telemetry: TelemetryRepository,
    private readonly log: Logger,
    private readonly options: MaintenanceOptions,
  ) {}

  start(): void {
    this.every(this.options.tickIntervalMs, 'alarm clock', () => this.ingestion.tick());
    // Batches checkpoint every monitor about once per interval, a few at a time; this job only catches those they
    // missed (a container gone quiet), at twice the age — at the same age it took half the fleet at once.
    this.every(this.options.checkpointIntervalMs, 'monitor checkpoint', () =>
      this.ingestion.checkpointAll(2 * this.options.checkpointIntervalMs),
    );
    this.every(this.options.maintenanceIntervalMs, 'roll-up and retention', () => this.rollUpAndRetain());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled([...this.running]);
  }

  /** Rolls every pending raw row into the aggregates, then applies retention. Returns what it did. */
  async rollUpAndRetain(
    now = Date.now(),
  ): Promise<{ rolledThrough: number; rawDeleted: number; aggregatesDeleted: number }> {
    let through = await this.telemetry.cursor('rollup');
    for (;;) {
      // Small steps, each its own short transaction: ingestion's writes interleave instead of waiting behind one.
      const step = await this.telemetry.rollUp(through, 2_000);
      if (step.through === through) break;
      through = step.through;
    }
    let rawDeleted = 0;
    const rawBefore = new Date(now - this.options.rawRetentionDays * DAY_MS);
    for (;;) {
      const n = await this.telemetry.deleteRawBefore(rawBefore, through, 10_000);
      rawDeleted += n;
      if (n < 10_000) break;
    }
    const aggregatesDeleted = await this.telemetry.deleteAggregatesBefore(
      new Date(now - this.options.aggregateRetentionDays * DAY_MS),
    );
    if (rawDeleted + aggregatesDeleted > 0)
      this.log.info({ rawDeleted, aggregatesDeleted }, 'telemetry retention applied');
    return { rolledThrough: through, rawDeleted, aggregatesDeleted };
  }

  private every(ms: number, what: string, job: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = job()
        .catch((err: unknown) => this.log.warn({ err }, `${what} failed; will retry`))
        .finally(() => {
          busy = false;
          this.running.delete(run);
        });
      this.running.add(run);
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
