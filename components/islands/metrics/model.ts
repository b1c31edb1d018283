import { binaryMetrics, countsAtThreshold, perClassMetrics, sourceF1, type BinaryCounts, type BinaryMetrics, type ClassMetrics, type ScoredSample } from '../../../src/lib/ml/metrics';
import {
  bestFBetaThreshold,
  fBeta,
  multiclassAverages,
  precisionRecallCurve,
  rocCurve,
  type BestThreshold,
  type MulticlassAverages,
  type PrResult,
  type RocResult,
} from '../../../src/lib/ml/metric-curves';
import { makeScoredSamples } from '../../../src/lib/ml/scored-samples';
import type { StateOf } from '../../../src/lib/state/codec';
import type { metricsSchema } from './schema';

export type MetricsState = StateOf<typeof metricsSchema>;

/** How many scored samples the threshold view draws. */
export const SAMPLE_COUNT = 40;

/** Everything the metrics view draws, computed from the state by the engines. */
export interface MetricsModel {
  state: MetricsState;
  counts: BinaryCounts;
  metrics: BinaryMetrics;
  fBeta: number | null;
  /** The source's wrong "F1" (erratum E2). */
  sourceF1: number | null;
  threshold: {
    samples: ScoredSample[];
    roc: RocResult;
    pr: PrResult;
    bestF1: BestThreshold | null;
    bestFBeta: BestThreshold | null;
  } | null;
  multiclass: { matrix: number[][]; perClass: ClassMetrics[]; averages: MulticlassAverages } | null;
}

export function confusionRows(cm: readonly number[], k = 3): number[][] {
  return Array.from({ length: k }, (_, i) => cm.slice(i * k, i * k + k));
}

export function deriveMetrics(state: MetricsState): MetricsModel {
  const samples = state.mode === 'threshold' ? makeScoredSamples(state.seed, SAMPLE_COUNT) : null;
  const counts = samples ? countsAtThreshold(samples, state.t) : { tp: state.tp, fp: state.fp, fn: state.fn, tn: state.tn };
  const metrics = binaryMetrics(counts);
  const matrix = state.mode === 'multiclass' ? confusionRows(state.cm) : null;
  return {
    state,
    counts,
    metrics,
    fBeta: counts.tp === 0 ? null : fBeta(metrics.precision.value, metrics.recall.value, state.beta),
    sourceF1: sourceF1(metrics),
    threshold: samples
      ? {
          samples,
          roc: rocCurve(samples),
          pr: precisionRecallCurve(samples),
          bestF1: bestFBetaThreshold(samples, 1),
          bestFBeta: bestFBetaThreshold(samples, state.beta),
        }
      : null,
    multiclass: matrix ? { matrix, perClass: perClassMetrics(matrix), averages: multiclassAverages(matrix) } : null,
  };
}
