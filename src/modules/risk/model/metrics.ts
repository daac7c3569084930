/**
 * Selectivity metrics as customs measures them on a held-out period: rank all declarations by score,
 * inspect the top n % (the budget), and count what that inspection would have caught.
 */

/**
 * Area under the ROC curve: the chance that a random fraud scores above a random compliant declaration,
 * a tie counting one half (Mann–Whitney). NaN if one class is absent.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i]!;
    else neg[q++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  // For each fraud, count compliant declarations scored strictly below it and those tied with it.
  let wins = 0;
  let below = 0;
  let i = 0;
  while (i < positives) {
    const s = pos[i]!;
    let j = i;
    while (j < positives && pos[j] === s) j++;
    while (below < negatives && neg[below]! < s) below++;
    let tied = below;
    while (tied < negatives && neg[tied] === s) tied++;
    wins += (j - i) * (below + (tied - below) / 2);
    i = j;
  }
  return wins / (positives * negatives);
}

/** How many declarations an n % budget inspects: floor(n % of rows), at least one. */
export function inspectedCount(rows: number, budgetPercent: number): number {
  if (rows === 0) return 0;
  return Math.min(rows, Math.max(1, Math.floor((rows * budgetPercent) / 100 + 1e-9)));
}

/**
 * Indices of the declarations an n % budget inspects: highest score first, ties broken by the earlier
 * row so the selection is deterministic.
 */
export function topByScore(scores: ArrayLike<number>, budgetPercent: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => scores[b]! - scores[a]! || a - b,
  );
  return order.slice(0, inspectedCount(scores.length, budgetPercent));
}

export interface BudgetOutcome {
  /** Inspected declarations at this budget. */
  inspected: number;
  /** Share of inspected declarations that were fraudulent. */
  precision: number;
  /** Share of all frauds that the inspection caught. */
  recall: number;
  /** Share of all revenue at stake that the inspection caught (NaN when there is none). */
  revenue: number;
}

/** Precision, recall and revenue caught when inspecting the top n % by score. */
export function budgetOutcome(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  revenue: ArrayLike<number>,
  budgetPercent: number,
): BudgetOutcome {
  const picked = topByScore(scores, budgetPercent);
  let frauds = 0;
  let totalRevenue = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) frauds++;
    totalRevenue += revenue[i]!;
  }
  let caught = 0;
  let caughtRevenue = 0;
  for (const i of picked) {
    if (labels[i] === 1) caught++;
    caughtRevenue += revenue[i]!;
  }
  return {
    inspected: picked.length,
    precision: picked.length === 0 ? Number.NaN : caught / picked.length,
    recall: frauds === 0 ? Number.NaN : caught / frauds,
    revenue: totalRevenue === 0 ? Number.NaN : caughtRevenue / totalRevenue,
  };
}

/** Mean binary log loss of probabilities against 0/1 labels, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
