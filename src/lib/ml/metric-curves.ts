import { perClassMetrics, type BinaryCounts, type ScoredSample } from './metrics';

/**
 * Chapter 3.3, continued: what happens as the decision threshold moves. A sample is
 * predicted positive when score ≥ threshold (as countsAtThreshold in metrics.ts). The
 * thresholds worth looking at are the distinct scores: between two of them nothing
 * changes. Samples with equal scores cross the threshold together, so a tie between a
 * positive and a negative moves the ROC curve diagonally, which the trapezoid rule
 * counts as half a correctly ordered pair.
 */

/**
 * F_β = (1 + β²)·P·R / (β²·P + R): β > 1 weighs recall more, β < 1 precision; F₁ is the
 * harmonic mean of P and R (erratum E2). null when P or R is undefined or both are 0.
 */
export function fBeta(precision: number | null, recall: number | null, beta: number): number | null {
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`beta must be positive and finite, got ${beta}`);
  if (precision === null || recall === null) return null;
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? null : ((1 + b2) * precision * recall) / denominator;
}

export interface ThresholdPoint {
  /** Predict positive when score ≥ threshold; one of the samples' scores. */
  threshold: number;
  counts: BinaryCounts;
}

/** Counts at every distinct score, highest threshold first. O(n log n). */
export function thresholdSweep(samples: readonly ScoredSample[]): ThresholdPoint[] {
  for (const { score } of samples) if (!Number.isFinite(score)) throw new RangeError(`scores must be finite, got ${score}`);
  const sorted = [...samples].sort((a, b) => b.score - a.score);
  const positives = samples.filter((s) => s.positive).length;
  const negatives = samples.length - positives;
  const points: ThresholdPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    const sample = sorted[i];
    if (!sample) continue;
    if (sample.positive) tp++;
    else fp++;
    if (i === sorted.length - 1 || (sorted[i + 1]?.score ?? -Infinity) !== sample.score) {
      points.push({ threshold: sample.score, counts: { tp, fp, fn: positives - tp, tn: negatives - fp } });
    }
  }
  return points;
}

export interface RocPoint {
  /** null for the first point (0, 0): a threshold above every score, nothing predicted positive. */
  threshold: number | null;
  /** False-positive rate FP/(FP + TN). */
  fpr: number;
  /** True-positive rate (recall) TP/(TP + FN). */
  tpr: number;
}

export type RocResult =
  | { ok: true; points: RocPoint[]; auc: number }
  | { ok: false; code: 'no-positives' | 'no-negatives' };

const missingClass = (samples: readonly ScoredSample[]): 'no-positives' | 'no-negatives' | null => {
  if (!samples.some((s) => s.positive)) return 'no-positives';
  if (!samples.some((s) => !s.positive)) return 'no-negatives';
  return null;
};

/** The ROC curve from (0, 0) to (1, 1) and the area under it by the trapezoid rule. */
export function rocCurve(samples: readonly ScoredSample[]): RocResult {
  const missing = missingClass(samples);
  if (missing) return { ok: false, code: missing };
  const points: RocPoint[] = [{ threshold: null, fpr: 0, tpr: 0 }];
  for (const { threshold, counts } of thresholdSweep(samples)) {
    points.push({ threshold, fpr: counts.fp / (counts.fp + counts.tn), tpr: counts.tp / (counts.tp + counts.fn) });
  }
  let auc = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b) auc += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return { ok: true, points, auc };
}

export interface PrPoint {
  threshold: number;
  recall: number;
  /** Always defined: at every distinct score at least one sample is predicted positive. */
  precision: number;
}

export type PrResult = { ok: true; points: PrPoint[]; averagePrecision: number } | { ok: false; code: 'no-positives' };

/**
 * The precision–recall curve, highest threshold first, and average precision
 * AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ with R₀ = 0: precision averaged over the recall gained, without
 * interpolation (scikit-learn's definition).
 */
export function precisionRecallCurve(samples: readonly ScoredSample[]): PrResult {
  if (!samples.some((s) => s.positive)) return { ok: false, code: 'no-positives' };
  const points = thresholdSweep(samples).map(({ threshold, counts }) => ({
    threshold,
    recall: counts.tp / (counts.tp + counts.fn),
    precision: counts.tp / (counts.tp + counts.fp),
  }));
  let averagePrecision = 0;
  let previousRecall = 0;
  for (const p of points) {
    averagePrecision += (p.recall - previousRecall) * p.precision;
    previousRecall = p.recall;
  }
  return { ok: true, points, averagePrecision };
}

export interface BestThreshold {
  threshold: number;
  counts: BinaryCounts;
  precision: number;
  recall: number;
  /** The F_β reached. */
  score: number;
}

/** The distinct score whose threshold maximizes F_β (the highest such threshold on ties); null when no threshold has a defined F_β. */
export function bestFBetaThreshold(samples: readonly ScoredSample[], beta = 1): BestThreshold | null {
  let best: BestThreshold | null = null;
  for (const { threshold, counts } of thresholdSweep(samples)) {
    const precision = counts.tp / (counts.tp + counts.fp);
    const recall = counts.tp + counts.fn === 0 ? null : counts.tp / (counts.tp + counts.fn);
    const score = fBeta(precision, recall, beta);
    if (score !== null && recall !== null && (best === null || score > best.score)) best = { threshold, counts, precision, recall, score };
  }
  return best;
}

export interface AveragedScores {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface MulticlassAverages {
  /** Unweighted mean over `classes` of the per-class (one-vs-rest) scores. */
  macro: AveragedScores;
  /** From the summed counts ΣTP, ΣFP, ΣFN; for single-label problems all three equal the accuracy. */
  micro: AveragedScores;
  accuracy: number | null;
  /** The classes that occur in the truth or in the predictions; a class in neither is left out. */
  classes: number[];
  /** Classes whose score was 0/0 and entered the macro mean as 0 (scikit-learn's zero_division = 0). */
  undefinedAsZero: { precision: number[]; recall: number[]; f1: number[] };
}

/** Macro and micro averages of a K×K confusion matrix (rows: true class, columns: predicted). */
export function multiclassAverages(matrix: readonly (readonly number[])[]): MulticlassAverages {
  const perClass = perClassMetrics(matrix);
  const predicted = matrix.map((_, j) => matrix.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const classes = perClass.filter((c) => c.support > 0 || (predicted[c.label] ?? 0) > 0).map((c) => c.label);
  const undefinedAsZero = { precision: [] as number[], recall: [] as number[], f1: [] as number[] };
  const macroOf = (key: 'precision' | 'recall' | 'f1'): number | null => {
    if (classes.length === 0) return null;
    let sum = 0;
    for (const label of classes) {
      const value = perClass[label]?.[key] ?? null;
      if (value === null) undefinedAsZero[key].push(label);
      else sum += value;
    }
    return sum / classes.length;
  };
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const tp = matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  // Every wrong prediction is a false positive of its predicted class and a false negative of its true class.
  const fp = total - tp;
  const fn = total - tp;
  const microPrecision = tp + fp === 0 ? null : tp / (tp + fp);
  const microRecall = tp + fn === 0 ? null : tp / (tp + fn);
  return {
    macro: { precision: macroOf('precision'), recall: macroOf('recall'), f1: macroOf('f1') },
    // 2TP/(2TP + FP + FN): equals 2PR/(P + R), and is 0 rather than 0/0 when every prediction is wrong.
    micro: { precision: microPrecision, recall: microRecall, f1: total === 0 ? null : (2 * tp) / (2 * tp + fp + fn) },
    accuracy: total === 0 ? null : tp / total,
    classes,
    undefinedAsZero,
  };
}

export interface ErrorCosts {
  /** What one missed positive (a false negative) costs; ≥ 0. */
  falseNegative: number;
  /** What one false alarm (a false positive) costs; ≥ 0. */
  falsePositive: number;
}

/** FN·cost(FN) + FP·cost(FP): the money the two kinds of error lose at these counts. */
export function errorCost(counts: BinaryCounts, costs: ErrorCosts): { falseNegative: number; falsePositive: number; total: number } {
  const { falseNegative: cFn, falsePositive: cFp } = costs;
  if (!(cFn >= 0 && cFp >= 0 && Number.isFinite(cFn) && Number.isFinite(cFp))) throw new RangeError(`costs must be finite and ≥ 0, got ${cFn}, ${cFp}`);
  const falseNegative = counts.fn * cFn;
  const falsePositive = counts.fp * cFp;
  return { falseNegative, falsePositive, total: falseNegative + falsePositive };
}

export interface CostThreshold {
  /** null: a threshold above every score (nothing predicted positive). */
  threshold: number | null;
  /** The next distinct score below `threshold` (null when none): any t in (below, threshold] gives the same counts. */
  below: number | null;
  counts: BinaryCounts;
  cost: number;
}

/**
 * The threshold with the least total error cost, over every distinct score and "predict
 * nothing positive"; on a tie the highest threshold (fewest alarms) wins.
 */
export function minCostThreshold(samples: readonly ScoredSample[], costs: ErrorCosts): CostThreshold {
  const sweep = thresholdSweep(samples);
  const positives = samples.filter((s) => s.positive).length;
  const none: BinaryCounts = { tp: 0, fp: 0, fn: positives, tn: samples.length - positives };
  let best: CostThreshold = { threshold: null, below: sweep[0]?.threshold ?? null, counts: none, cost: errorCost(none, costs).total };
  sweep.forEach(({ threshold, counts }, i) => {
    const cost = errorCost(counts, costs).total;
    if (cost < best.cost) best = { threshold, below: sweep[i + 1]?.threshold ?? null, counts, cost };
  });
  return best;
}
