import { binaryMetrics, countsAtThreshold, type BinaryCounts, type BinaryMetrics } from '../../../src/lib/ml/metrics';
import { bestFBetaThreshold, errorCost, minCostThreshold, thresholdSweep } from '../../../src/lib/ml/metric-curves';
import { runFraudExperiment, type FraudExperiment } from '../../../src/lib/ml/fraud';
import type { StateOf } from '../../../src/lib/state/codec';
import type { fraudSchema } from './schema';

export type FraudState = StateOf<typeof fraudSchema>;

/** Transactions generated per data set: half train the model, half test it. */
export const TRANSACTIONS = 20_000;
/** The charts' threshold axis is log₁₀ t from LOG_T_MIN to 0. */
export const LOG_T_MIN = -3;
const GRID = 121;

export interface Outcome {
  counts: BinaryCounts;
  metrics: BinaryMetrics;
  cost: { falseNegative: number; falsePositive: number; total: number };
}

export interface CurvePoint {
  /** log₁₀ of the threshold. */
  logT: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  costFn: number;
  costFp: number;
  cost: number;
}

export interface MarkedThreshold {
  /** A short decimal threshold that gives exactly these counts (what the "move here" button sets). */
  t: number;
  outcome: Outcome;
  /** True when the best is to flag nothing at all. */
  flagsNothing: boolean;
}

export type FraudModel =
  | {
      ok: true;
      state: FraudState;
      experiment: Extract<FraudExperiment, { ok: true }>;
      testFrauds: number;
      current: Outcome;
      /** "Always legitimate": flag nothing. */
      baseline: Outcome;
      minCost: MarkedThreshold;
      bestF1: MarkedThreshold | null;
      curve: CurvePoint[];
      /** Both costs are 0: every threshold loses nothing. */
      costsZero: boolean;
    }
  | { ok: false; state: FraudState; code: Extract<FraudExperiment, { ok: false }>['code'] };

/**
 * The shortest decimal in (below, above]: every threshold there flags the same
 * transactions as `above` does (no score lies strictly between the two).
 */
export function shortThreshold(below: number | null, above: number): number {
  for (let digits = 1; digits <= 15; digits++) {
    const scale = 10 ** digits;
    const t = Math.floor(above * scale) / scale;
    if (t <= above && (below === null || t > below)) return t;
  }
  return above;
}

let cache: { key: string; experiment: FraudExperiment; curveCounts: { logT: number; counts: BinaryCounts }[] } | null = null;

function experimentFor(state: FraudState) {
  const key = `${state.seed}:${state.rate}`;
  if (cache?.key !== key) {
    const experiment = runFraudExperiment({ seed: state.seed, n: TRANSACTIONS, fraudRate: state.rate / 100, weighting: 'none' });
    const curveCounts = experiment.ok
      ? Array.from({ length: GRID }, (_, i) => {
          const logT = LOG_T_MIN + (-LOG_T_MIN * i) / (GRID - 1);
          return { logT, counts: countsAtThreshold(experiment.test, 10 ** logT) };
        })
      : [];
    cache = { key, experiment, curveCounts };
  }
  return cache;
}

export function deriveFraud(state: FraudState): FraudModel {
  const { experiment, curveCounts } = experimentFor(state);
  if (!experiment.ok) return { ok: false, state, code: experiment.code };
  const costs = { falseNegative: state.costFn, falsePositive: state.costFp };
  const outcome = (counts: BinaryCounts): Outcome => ({ counts, metrics: binaryMetrics(counts), cost: errorCost(counts, costs) });
  const samples = experiment.test;
  const testFrauds = samples.filter((s) => s.positive).length;
  const cheapest = minCostThreshold(samples, costs);
  const minCost: MarkedThreshold =
    cheapest.threshold === null
      ? { t: 1, outcome: outcome(cheapest.counts), flagsNothing: true }
      : { t: shortThreshold(cheapest.below, cheapest.threshold), outcome: outcome(cheapest.counts), flagsNothing: false };
  const f1 = bestFBetaThreshold(samples, 1);
  let bestF1: MarkedThreshold | null = null;
  if (f1) {
    const sweep = thresholdSweep(samples);
    const index = sweep.findIndex((p) => p.threshold === f1.threshold);
    bestF1 = { t: shortThreshold(sweep[index + 1]?.threshold ?? null, f1.threshold), outcome: outcome(f1.counts), flagsNothing: false };
  }
  const curve = curveCounts.map(({ logT, counts }) => {
    const m = binaryMetrics(counts);
    const cost = errorCost(counts, costs);
    return { logT, precision: m.precision.value, recall: m.recall.value, f1: m.f1.value, costFn: cost.falseNegative, costFp: cost.falsePositive, cost: cost.total };
  });
  return {
    ok: true,
    state,
    experiment,
    testFrauds,
    current: outcome(countsAtThreshold(samples, state.t)),
    baseline: outcome({ tp: 0, fp: 0, fn: testFrauds, tn: samples.length - testFrauds }),
    minCost,
    bestF1,
    curve,
    costsZero: state.costFn === 0 && state.costFp === 0,
  };
}
