import type { Command } from 'commander';
import type { Aduana } from '../../platform/app.js';
import { openDatabase } from '../../platform/database/database.js';
import {
  pendingBatchesIn,
  type PendingBatch,
  type PendingBatchReader,
} from '../../modules/documents/index.js';
import { configFrom, withApp, type PlatformFlags } from '../context.js';
import { positiveInt, withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';
import type { AppRunner } from './risk.js';

/** How a read-only command reaches the pending batches: the real one opens the database from the flags. */
export type PendingReaderRunner = <T>(
  flags: PlatformFlags,
  job: (pending: PendingBatchReader) => Promise<T>,
) => Promise<T>;

/** Opens the database only (no migrations, no platform start, so no reconciliation of its own) and reads. */
const readFromDatabase: PendingReaderRunner = async (flags, job) => {
  const config = configFrom({ logLevel: 'warn', ...flags });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 1,
  });
  try {
    return await job(pendingBatchesIn(database.db));
  } finally {
    await database.close();
  }
};

/** A pending batch as printed: its age in whole seconds at `now`. */
export interface PendingBatchOut {
  id: string;
  recordedAt: string;
  ageSeconds: number;
  attempts: number;
  lastError: string | null;
}

/** What `aduana documents reconcile` did, start-up reconciliation of its own process included. */
export interface ReconcileSummary {
  /** Distinct batches found pending. */
  pending: number;
  issued: number;
  /** Batches pending when the run ended (exit code 3 when any). */
  stillPending: number;
  /** The oldest of those (up to {@link LIST_LIMIT}). */
  batches: PendingBatchOut[];
}

const LIST_LIMIT = 100;

const ageSeconds = (recordedAt: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - recordedAt.getTime()) / 1000));

const batchOut = (b: PendingBatch, now: Date): PendingBatchOut => ({
  id: b.id,
  recordedAt: b.recordedAt.toISOString(),
  ageSeconds: ageSeconds(b.recordedAt, now),
  attempts: b.attempts,
  lastError: b.lastError,
});

/** `59 s`, `12 min`, `3 h 05 min`, `2 d 04 h`. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${String(hours % 24).padStart(2, '0')} h`;
}

function batchTable(batches: readonly PendingBatchOut[], total: number): string[] {
  const lines = [
    `${'batch'.padEnd(36)}  ${'recorded at'.padEnd(24)}  ${'age'.padStart(10)}  attempts  last error`,
  ];
  for (const b of batches)
    lines.push(
      `${b.id.padEnd(36)}  ${b.recordedAt.padEnd(24)}  ${formatAge(b.ageSeconds).padStart(10)}  ${String(b.attempts).padStart(8)}  ${b.lastError ?? '-'}`,
    );
  if (total > batches.length) lines.push(`… and ${total - batches.length} more`);
  return lines;
}

/**
 * Runs one reconciliation of the pending batches now (after the start-up one of this process, which it counts in:
 * a command that starts the platform finds the ledger reachable again at start-up as often as not), then reads what
 * is still pending.
 */
export async function reconcileDocumentBatches(
  app: Pick<Aduana, 'documents'>,
  options: { onProgress?: (done: number, total: number) => void; now?: () => Date } = {},
): Promise<ReconcileSummary> {
  const startup = await app.documents.startupReconciliation();
  const total = (await app.documents.pending.backlog()).count;
  const run = await app.documents.reconcile({
    onProgress: (done) => options.onProgress?.(done, total),
  });
  const left = await app.documents.pending.backlog();
  const batches = await app.documents.pending.list({ limit: LIST_LIMIT });
  const now = options.now?.() ?? new Date();
  // Batches the start-up run left pending are found again by this run; count them once.
  const pending =
    startup === undefined ? run.pending : startup.pending + Math.max(0, run.pending - startup.stillPending);
  return {
    pending,
    issued: (startup?.issued ?? 0) + run.issued,
    stillPending: left.count,
    batches: batches.map((b) => batchOut(b, now)),
  };
}

/**
 * `aduana documents …`: `reconcile` finishes the document batches left pending now (exit code 3 while any remains
 * pending); `pending` lists them without changing anything.
 */
export function registerDocumentCommands(
  program: Command,
  deps: { run?: AppRunner; read?: PendingReaderRunner } = {},
): void {
  const run = deps.run ?? withApp;
  const read = deps.read ?? readFromDatabase;
  const documents = program
    .command('documents')
    .description('verifiable documents: batches left pending on the ledger');

  withPlatformOptions(documents.command('reconcile'))
    .description(
      'anchor and issue the document batches left pending now; exit code 3 when some remain pending',
    )
    .option('--json', 'print the summary as one JSON object')
    .action(async (flags: PlatformFlags & { json?: boolean }) => {
      const summary = await run(flags, async (app) => {
        let bar: ReturnType<typeof progressBar> | undefined;
        const result = await reconcileDocumentBatches(app, {
          onProgress: (done, total) => {
            bar ??= progressBar('reconciling document batches', total);
            bar.update(done);
          },
        });
        bar?.stop();
        return result;
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        const lines = [
          `pending found  ${summary.pending}`,
          `issued         ${summary.issued}`,
          `still pending  ${summary.stillPending}`,
        ];
        if (summary.stillPending > 0) lines.push('', ...batchTable(summary.batches, summary.stillPending));
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = summary.stillPending > 0 ? 3 : 0;
    });

  withPlatformOptions(documents.command('pending'))
    .description('list the document batches left pending (read only), oldest first')
    .option('--limit <n>', 'list at most this many', positiveInt, LIST_LIMIT)
    .option('--json', 'print the list as one JSON object')
    .action(async (flags: PlatformFlags & { json?: boolean; limit: number }) => {
      const { backlog, batches } = await read(flags, async (pending) => ({
        backlog: await pending.backlog(),
        batches: await pending.list({ limit: flags.limit }),
      }));
      const now = new Date();
      const out = batches.map((b) => batchOut(b, now));
      if (flags.json)
        process.stdout.write(
          `${JSON.stringify({
            count: backlog.count,
            oldestRecordedAt: backlog.oldestRecordedAt?.toISOString() ?? null,
            batches: out,
          })}\n`,
        );
      else if (backlog.count === 0) process.stdout.write('no document batch pending\n');
      else
        process.stdout.write(
          `${[`${backlog.count} document batch(es) pending`, '', ...batchTable(out, backlog.count)].join('\n')}\n`,
        );
    });
}
