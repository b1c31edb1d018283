/**
 * Classification metrics from a confusion matrix (chapter 3.3, and per-class metrics
 * for the chapter 5 MNIST evaluation). A ratio whose denominator is zero is undefined:
 * it is returned as `value: null` with the reason, never as NaN.
 */

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** null when the denominator is zero. */
  value: number | null;
}

export interface BinaryMetrics {
  accuracy: Ratio;
  precision: Ratio;
  recall: Ratio;
  /** Harmonic mean of precision and recall; undefined when either is undefined or both are 0. */
  f1: Ratio;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} 必须是非负整数，收到 ${value}`);
  }
}

/** F1 written as 2TP / (2TP + FP + FN), which equals 2PR/(P+R) whenever both exist. */
export function binaryMetrics(counts: BinaryCounts): BinaryMetrics {
  const { tp, fp, fn, tn } = counts;
  assertCount('TP', tp);
  assertCount('FP', fp);
  assertCount('FN', fn);
  assertCount('TN', tn);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1Defined = precision.value !== null && recall.value !== null && tp > 0;
  return {
    accuracy: ratio(tp + tn, tp + fp + fn + tn),
    precision,
    recall,
    f1: f1Defined ? ratio(2 * tp, 2 * tp + fp + fn) : { numerator: 2 * tp, denominator: 2 * tp + fp + fn, value: null },
  };
}

/** The source's (wrong) "F1" — the harmonic mean of accuracy and recall — for comparison (E2). */
export function sourceF1(metrics: BinaryMetrics): number | null {
  const a = metrics.accuracy.value;
  const r = metrics.recall.value;
  if (a === null || r === null || a + r === 0) return null;
  return (2 * a * r) / (a + r);
}

export interface ScoredSample {
  /** The model's score for the positive class, in [0, 1]. */
  score: number;
  /** Whether the sample really is positive. */
  positive: boolean;
}

/** Predicts positive when score ≥ threshold and counts the outcomes. */
export function countsAtThreshold(samples: readonly ScoredSample[], threshold: number): BinaryCounts {
  const counts: BinaryCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { score, positive } of samples) {
    const predicted = score >= threshold;
    if (predicted && positive) counts.tp++;
    else if (predicted) counts.fp++;
    else if (positive) counts.fn++;
    else counts.tn++;
  }
  return counts;
}

export interface ClassMetrics {
  label: number;
  support: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/**
 * Per-class one-vs-rest metrics of a K×K confusion matrix whose rows are the true class
 * and columns the predicted class.
 */
export function perClassMetrics(matrix: readonly (readonly number[])[]): ClassMetrics[] {
  const k = matrix.length;
  const columnSums = Array.from({ length: k }, (_, j) => matrix.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  return matrix.map((row, i) => {
    if (row.length !== k) throw new RangeError('混淆矩阵必须是方阵');
    const tp = row[i] ?? 0;
    const support = row.reduce((a, b) => a + b, 0);
    const metrics = binaryMetrics({ tp, fp: (columnSums[i] ?? 0) - tp, fn: support - tp, tn: 0 });
    return {
      label: i,
      support,
      precision: metrics.precision.value,
      recall: metrics.recall.value,
      f1: metrics.f1.value,
    };
  });
}

/** Builds a K×K confusion matrix from true and predicted labels in 0…k−1. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  if (truth.length !== predicted.length) throw new RangeError('标签数量不一致');
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let n = 0; n < truth.length; n++) {
    const row = matrix[truth[n] ?? -1];
    const column = predicted[n] ?? -1;
    if (!row || column < 0 || column >= k) throw new RangeError(`标签超出 0…${k - 1}`);
    row[column] = (row[column] ?? 0) + 1;
  }
  return matrix;
}
