import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Aduana } from '../../platform/app.js';
import type { Actor } from '../../platform/audit/audit.js';
import { DomainError } from '../../platform/errors.js';
import type { RiskModule } from '../../modules/risk/index.js';
import { bundleMetadata, type TrainedRiskModel } from '../../modules/risk/index.js';
import {
  DeclarationCsvError,
  evaluateDeclarationCsv,
  type ModelEvaluation,
} from '../../modules/risk/model/index.js';
import { withApp, type PlatformFlags } from '../context.js';
import { withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** `1,2,5,10` → [1, 2, 5, 10]: inspection budgets in percent. */
export function budgetList(value: string): number[] {
  const budgets = value.split(',').map((v) => Number(v.trim()));
  if (budgets.length === 0 || budgets.some((b) => !Number.isFinite(b) || b <= 0 || b > 100))
    throw new InvalidArgumentError('budgets are percentages in (0, 100], comma-separated');
  return budgets;
}

const cliActor = (): Actor => {
  const user = os.userInfo().username;
  return { id: `cli:${user}`, name: `${user} (command line)` };
};

const out = (s: string) => process.stdout.write(`${s}\n`);
const fixed = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** The evaluation as a table: AUC, then precision, recall and revenue caught at each budget. */
export function evaluationTable(e: ModelEvaluation, title: string): string {
  const lines = [
    `${title}: ${e.rows} declarations, ${e.frauds} frauds (${fixed((100 * e.frauds) / Math.max(1, e.rows), 1)} %), AUC ${fixed(e.auc, 4)}`,
    '',
    'budget   inspected   precision   recall   revenue',
  ];
  for (const [budget, f] of Object.entries(e.budgets)) {
    const inspected = Math.min(e.rows, Math.max(1, Math.floor((e.rows * Number(budget)) / 100 + 1e-9)));
    lines.push(
      `${`${budget} %`.padStart(6)}   ${String(inspected).padStart(9)}   ${fixed(f.precision).padStart(9)}   ${fixed(f.recall).padStart(6)}   ${fixed(f.revenue).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

/** The evaluation as one JSON object: `{rows, frauds, auc, budgets: {"5": {precision, recall}, …}}`. */
export function evaluationJson(e: ModelEvaluation) {
  return {
    rows: e.rows,
    frauds: e.frauds,
    auc: e.auc,
    budgets: Object.fromEntries(
      Object.entries(e.budgets).map(([b, f]) => [b, { precision: f.precision, recall: f.recall }]),
    ),
  };
}

function trainingReport(id: number, m: TrainedRiskModel): string {
  const t = m.training;
  const lines = [
    `registered model version ${id}: ${t.trainRows} training rows (${t.trainFrauds} frauds), ${t.rounds} trees, ${fixed(t.seconds, 1)} s`,
  ];
  for (const s of t.data.train)
    lines.push(
      `  trained on ${s.source} ${s.file ?? ''} ${s.rows} rows, ${s.from} .. ${s.to}`.replace(/ +/g, ' '),
    );
  for (const source of ['shipped', 'platform'] as const) {
    const e = m.metrics.bySource[source];
    const slice = t.data.validation.find((v) => v.source === source);
    if (e)
      lines.push(
        '',
        evaluationTable(e, `validation on ${source} ${slice?.from ?? ''} .. ${slice?.to ?? ''}`),
      );
  }
  if (!m.metrics.headline) lines.push('', 'no validation period: pass --valid to measure the model');
  return lines.join('\n');
}

async function writeBundle(dir: string, m: TrainedRiskModel): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'default-model.gz'), m.artifact);
  await fs.writeFile(path.join(dir, 'default-model.json'), `${JSON.stringify(bundleMetadata(m), null, 2)}\n`);
}

/** How a command reaches the platform: the real one opens it from the flags (tests pass a running one). */
export type AppRunner = <T>(flags: PlatformFlags, job: (app: Aduana) => Promise<T>) => Promise<T>;

/** Runs a risk command against the platform, the model bootstrap settled, errors reported by code. */
async function withRisk<T>(
  run: AppRunner,
  flags: PlatformFlags,
  job: (risk: RiskModule) => Promise<T>,
): Promise<T> {
  return run(flags, async (app) => {
    await app.risk.ready();
    try {
      return await job(app.risk);
    } catch (err) {
      if (err instanceof DeclarationCsvError) {
        process.stderr.write(`aduana: ${err.code}${err.line ? ` (line ${err.line})` : ''}: ${err.message}\n`);
        process.exitCode = 2;
        return undefined as T;
      }
      if (err instanceof DomainError) {
        process.stderr.write(`aduana: ${err.code}: ${err.message}\n`);
        process.exitCode = 2;
        return undefined as T;
      }
      throw err;
    }
  });
}

/** `aduana risk …`: train, evaluate, list, promote and roll back model versions, retrain on all labels. */
export function registerRiskCommands(program: Command, run: AppRunner = withApp): void {
  const risk = program.command('risk').description('risk targeting: model registry, training and evaluation');

  withPlatformOptions(risk.command('train'))
    .description('train a model on a labelled CSV (KCS format), report it and register it as a new version')
    .requiredOption('--data <csv>', 'training declarations with outcomes (the earlier period)')
    .option('--valid <csv>', 'a later period of the same format, held out to measure the model')
    .option('--labels', "also train on the platform's own control results")
    .option('--promote', 'serve the new version at once')
    .option('--reason <text>', 'why (recorded with the promotion)', 'trained from the command line')
    .option('--budgets <list>', 'inspection budgets in percent for the report', budgetList, [1, 2, 5, 10])
    .option(
      '--bundle <dir>',
      'also write the version as the bundled default model (default-model.gz/.json) there',
    )
    .action(
      async (
        flags: PlatformFlags & {
          data: string;
          valid?: string;
          labels?: boolean;
          promote?: boolean;
          reason: string;
          bundle?: string;
        },
      ) => {
        await withRisk(run, flags, async (r) => {
          const bar = progressBar('training', 100);
          const { modelId, trained } = await r.training.train(
            {
              trainCsv: path.resolve(flags.data),
              validCsv: flags.valid ? path.resolve(flags.valid) : null,
              platformLabels: flags.labels ? await r.feedback.platformLabels() : [],
            },
            cliActor(),
            'cli',
            {
              ...(flags.promote ? { promote: true } : {}),
              reason: flags.reason,
              onProgress: (p) => {
                if (p.stage === 'boosting') bar.update(Math.round((100 * p.round) / p.rounds));
              },
            },
          );
          bar.stop();
          if (flags.bundle) await writeBundle(path.resolve(flags.bundle), trained);
          out(trainingReport(modelId, trained));
          if (flags.promote) out(`\nmodel version ${modelId} is now serving`);
        });
      },
    );

  withPlatformOptions(risk.command('evaluate'))
    .description('precision@n %, recall@n % and AUC of a model version on any labelled CSV of the KCS format')
    .option('--model <ref>', 'a version number, latest (newest registered) or active (serving)', 'latest')
    .requiredOption('--data <csv>', 'labelled declarations')
    .option('--budgets <list>', 'inspection budgets in percent', budgetList, [1, 2, 5, 10])
    .option('--json', 'one JSON object: {rows, frauds, auc, budgets: {"5": {precision, recall}, …}}')
    .action(
      async (flags: PlatformFlags & { model: string; data: string; budgets: number[]; json?: boolean }) => {
        await withRisk(run, flags, async (r) => {
          const id = await r.registry.resolve(flags.model);
          const serving = await r.registry.load(id);
          const e = await evaluateDeclarationCsv(
            serving.model,
            { path: path.resolve(flags.data) },
            flags.budgets,
          );
          out(
            flags.json
              ? JSON.stringify(evaluationJson(e))
              : evaluationTable(e, `model ${id} on ${path.basename(flags.data)}`),
          );
        });
      },
    );

  withPlatformOptions(risk.command('models'))
    .description('model versions with their headline metrics; * marks the serving one')
    .option('--json', 'as JSON')
    .action(async (flags: PlatformFlags & { json?: boolean }) => {
      await withRisk(run, flags, async (r) => {
        const { models, activeModelId } = await r.registry.list();
        if (flags.json)
          return out(JSON.stringify({ activeModelId, models: models.map(({ params: _p, ...m }) => m) }));
        out('   id  origin     created                   AUC      P@5%    P@10%   train rows');
        for (const m of models) {
          const h = (m.metrics as { headline?: ModelEvaluation | null }).headline;
          const t = m.training as { trainRows: number };
          out(
            `${m.active ? '*' : ' '}${String(m.id).padStart(4)}  ${m.origin.padEnd(9)}  ${new Date(m.created_at).toISOString().slice(0, 19)}Z  ${fixed(h?.auc ?? NaN, 4).padStart(6)}  ${fixed(h?.budgets['5']?.precision ?? NaN).padStart(6)}  ${fixed(h?.budgets['10']?.precision ?? NaN).padStart(7)}  ${String(t.trainRows).padStart(10)}`,
          );
        }
      });
    });

  withPlatformOptions(risk.command('promote'))
    .description('serve a model version (every node swaps to it without a restart)')
    .argument('<id>', 'model version')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .action(async (ref: string, flags: PlatformFlags & { reason: string }) => {
      await withRisk(run, flags, async (r) => {
        const id = await r.registry.promote(cliActor(), await r.registry.resolve(ref), flags.reason);
        out(`model version ${id} is now serving`);
      });
    });

  withPlatformOptions(risk.command('rollback'))
    .description('serve again the model version that served before the current one')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .action(async (flags: PlatformFlags & { reason: string }) => {
      await withRisk(run, flags, async (r) => {
        const id = await r.registry.rollback(cliActor(), flags.reason);
        out(`rolled back: model version ${id} is serving again`);
      });
    });

  withPlatformOptions(risk.command('retrain'))
    .description(
      'retrain on all labelled history (shipped data and control results, split by date) and register it',
    )
    .option('--promote', 'serve the new version at once')
    .option('--reason <text>', 'why', 'retrained from the command line')
    .option('--json', 'print the new version as JSON')
    .action(async (flags: PlatformFlags & { promote?: boolean; reason: string; json?: boolean }) => {
      await withRisk(run, flags, async (r) => {
        const bar = progressBar('retraining', 100);
        const { modelId, trained } = await r.training.retrain(cliActor(), {
          ...(flags.promote ? { promote: true } : {}),
          reason: flags.reason,
          onProgress: (p) => {
            if (p.stage === 'boosting') bar.update(Math.round((100 * p.round) / p.rounds));
          },
        });
        bar.stop();
        if (flags.json)
          out(JSON.stringify({ modelId, metrics: trained.metrics, training: trained.training }));
        else out(trainingReport(modelId, trained));
      });
    });
}
