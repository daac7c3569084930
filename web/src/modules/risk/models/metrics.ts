/** Precision, recall and revenue caught at one inspection budget. */
export interface BudgetFigures {
  precision: number;
  recall: number;
  revenue: number;
}

/** A version's figures on held-out labels (the API sends them as free JSON; read defensively). */
export interface HeadlineMetrics {
  rows: number;
  frauds: number;
  auc: number | null;
  /** Keyed by budget in percent, smallest first. */
  budgets: { budget: number; figures: BudgetFigures }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The headline evaluation of a model version's metrics, or null when it has none. */
export function headlineMetrics(metrics: unknown): HeadlineMetrics | null {
  if (!isRecord(metrics) || !isRecord(metrics.headline)) return null;
  const h = metrics.headline;
  const budgets = isRecord(h.budgets)
    ? Object.entries(h.budgets).flatMap(([k, v]) =>
        isRecord(v) && Number.isFinite(Number(k))
          ? [
              {
                budget: Number(k),
                figures: {
                  precision: num(v.precision) ?? 0,
                  recall: num(v.recall) ?? 0,
                  revenue: num(v.revenue) ?? 0,
                },
              },
            ]
          : [],
      )
    : [];
  budgets.sort((a, b) => a.budget - b.budget);
  return { rows: num(h.rows) ?? 0, frauds: num(h.frauds) ?? 0, auc: num(h.auc), budgets };
}

/** The figures at the budget closest to `budget` (the office budget the console quotes). */
export function atBudget(
  m: HeadlineMetrics,
  budget: number,
): { budget: number; figures: BudgetFigures } | null {
  let best: HeadlineMetrics['budgets'][number] | null = null;
  for (const b of m.budgets)
    if (!best || Math.abs(b.budget - budget) < Math.abs(best.budget - budget)) best = b;
  return best;
}

/** A training job's progress in words' parameters: the stage, and a share done when boosting. */
export function jobProgress(progress: unknown): { stage: string; share: number | null } | null {
  if (!isRecord(progress) || typeof progress.stage !== 'string') return null;
  const round = num(progress.round);
  const rounds = num(progress.rounds);
  return { stage: progress.stage, share: round !== null && rounds ? Math.min(1, round / rounds) : null };
}
