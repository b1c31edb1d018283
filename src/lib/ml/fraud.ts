import { createRng } from '../random/prng';
import type { ScoredSample } from './metrics';

/**
 * Chapter 6.3: fraud detection on a synthetic, seeded set of card transactions, and a
 * binary logistic regression trained on it by Newton's method. Fraud is rare (about 1 %
 * by default) and its features are shifted: larger amounts, more often at night, farther
 * from home, at riskier merchants — with enough overlap that no threshold is perfect.
 */

export const FRAUD_FEATURES = ['logAmount', 'night', 'logDistance', 'merchantRisk'] as const;
export type FraudFeature = (typeof FRAUD_FEATURES)[number];
export const FEATURE_COUNT = FRAUD_FEATURES.length;

export interface TransactionSet {
  /** Row-major, n × FEATURE_COUNT, in the order of FRAUD_FEATURES. */
  features: Float64Array;
  /** 1 for fraud, 0 for a legitimate transaction. */
  labels: Uint8Array;
  /** The transaction amount in yuan. */
  amounts: Float64Array;
}

/**
 * n transactions, each fraudulent with probability fraudRate. ln(amount) ~ N(4.6, 1) for
 * legitimate and N(5.9, 1) for fraud; night 10 % vs 50 %; ln(1 + km from home) ~ N(1.5, 0.9)
 * vs N(3, 1.1) (cut at 0); merchant risk u^1.8 vs u^0.6 with u uniform on [0, 1).
 */
export function generateTransactions(seed: number, n: number, fraudRate: number): TransactionSet {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!(fraudRate >= 0 && fraudRate <= 1)) throw new RangeError(`fraudRate must be in [0, 1], got ${fraudRate}`);
  const rng = createRng(seed);
  const features = new Float64Array(n * FEATURE_COUNT);
  const labels = new Uint8Array(n);
  const amounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fraud = rng.next() < fraudRate;
    const logAmount = (fraud ? 5.9 : 4.6) + rng.normal();
    const night = rng.next() < (fraud ? 0.5 : 0.1) ? 1 : 0;
    const logDistance = Math.max(0, fraud ? 3 + 1.1 * rng.normal() : 1.5 + 0.9 * rng.normal());
    const merchantRisk = rng.next() ** (fraud ? 0.6 : 1.8);
    labels[i] = fraud ? 1 : 0;
    amounts[i] = Math.round(Math.exp(logAmount) * 100) / 100;
    features.set([Math.log(amounts[i] ?? 1), night, logDistance, merchantRisk], i * FEATURE_COUNT);
  }
  return { features, labels, amounts };
}

export interface Standardizer {
  mean: number[];
  std: number[];
}

/** Column means and standard deviations (a constant column gets std 1). */
export function fitStandardizer(x: Float64Array, d: number): Standardizer {
  const n = x.length / d;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (x[i * d + j] ?? 0) / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] = (std[j] ?? 0) + ((x[i * d + j] ?? 0) - (mean[j] ?? 0)) ** 2 / n;
  return { mean, std: std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

export function standardize(x: Float64Array, d: number, s: Standardizer): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = ((x[k] ?? 0) - (s.mean[k % d] ?? 0)) / (s.std[k % d] ?? 1);
  return out;
}

export interface LogisticProblem {
  /** Row-major n × d. */
  x: Float64Array;
  d: number;
  y: Uint8Array;
  /** Weight of each fraud (positive) sample in the loss; legitimate ones weigh 1. */
  positiveWeight: number;
  /** L2 penalty λ/2·‖w‖² on the weights (not the bias). */
  l2: number;
}

/** θ = (w₁ … w_d, b). */
export type LogisticParams = Float64Array;

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** ln(1 + eᶻ) without overflow. */
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

function logit(p: LogisticProblem, theta: LogisticParams, i: number): number {
  let z = theta[p.d] ?? 0;
  for (let j = 0; j < p.d; j++) z += (theta[j] ?? 0) * (p.x[i * p.d + j] ?? 0);
  return z;
}

function totalWeight(p: LogisticProblem): number {
  let w = 0;
  for (let i = 0; i < p.y.length; i++) w += p.y[i] ? p.positiveWeight : 1;
  return w;
}

/** Weighted mean cross-entropy (1/W)·Σ cᵢ·[softplus(zᵢ) − yᵢzᵢ] + λ/2·‖w‖². */
export function logisticLoss(p: LogisticProblem, theta: LogisticParams): number {
  let sum = 0;
  for (let i = 0; i < p.y.length; i++) {
    const z = logit(p, theta, i);
    const y = p.y[i] ?? 0;
    sum += (y ? p.positiveWeight : 1) * (softplus(z) - y * z);
  }
  let penalty = 0;
  for (let j = 0; j < p.d; j++) penalty += (theta[j] ?? 0) ** 2;
  return sum / totalWeight(p) + (p.l2 / 2) * penalty;
}

/** The gradient (1/W)·Σ cᵢ(σ(zᵢ) − yᵢ)·(xᵢ, 1) + λ·(w, 0), and the Hessian when asked. */
export function logisticGradient(p: LogisticProblem, theta: LogisticParams, withHessian = false): { gradient: Float64Array; hessian: number[][] | null } {
  const m = p.d + 1;
  const gradient = new Float64Array(m);
  const hessian = withHessian ? Array.from({ length: m }, () => new Array<number>(m).fill(0)) : null;
  const row = new Float64Array(m);
  const total = totalWeight(p);
  for (let i = 0; i < p.y.length; i++) {
    for (let j = 0; j < p.d; j++) row[j] = p.x[i * p.d + j] ?? 0;
    row[p.d] = 1;
    const y = p.y[i] ?? 0;
    const c = (y ? p.positiveWeight : 1) / total;
    const s = sigmoid(logit(p, theta, i));
    for (let j = 0; j < m; j++) gradient[j] = (gradient[j] ?? 0) + c * (s - y) * (row[j] ?? 0);
    if (hessian) {
      const h = c * s * (1 - s);
      for (let j = 0; j < m; j++) {
        const hj = hessian[j];
        if (hj) for (let k = 0; k <= j; k++) hj[k] = (hj[k] ?? 0) + h * (row[j] ?? 0) * (row[k] ?? 0);
      }
    }
  }
  for (let j = 0; j < p.d; j++) gradient[j] = (gradient[j] ?? 0) + p.l2 * (theta[j] ?? 0);
  if (hessian) {
    for (let j = 0; j < m; j++) {
      const hj = hessian[j];
      if (!hj) continue;
      if (j < p.d) hj[j] = (hj[j] ?? 0) + p.l2;
      for (let k = 0; k < j; k++) (hessian[k] as number[])[j] = hj[k] ?? 0;
    }
  }
  return { gradient, hessian };
}

/** Solves the symmetric positive-definite system A·x = b by Cholesky; null when A is not positive definite. */
export function solveSpd(a: readonly (readonly number[])[], b: ArrayLike<number>): Float64Array | null {
  const m = a.length;
  const l = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return null;
        (l[i] as number[])[i] = Math.sqrt(sum);
      } else (l[i] as number[])[j] = sum / (l[j]?.[j] ?? 1);
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = b[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (l[i]?.[k] ?? 0) * (z[k] ?? 0);
    z[i] = sum / (l[i]?.[i] ?? 1);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = z[i] ?? 0;
    for (let k = i + 1; k < m; k++) sum -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i]?.[i] ?? 1);
  }
  return x;
}

export type LogisticFit =
  | { ok: true; theta: LogisticParams; loss: number; iterations: number; gradientNorm: number }
  | { ok: false; code: 'one-class' | 'not-converged' };

/**
 * Newton's method (equivalently IRLS) from θ = 0 with step halving: each step solves
 * H·Δ = ∇L and moves to θ − tΔ with the largest t ∈ {1, ½, ¼, …} that lowers the loss.
 * Stops when ‖∇L‖∞ < tolerance. Deterministic: no randomness, no batches.
 */
export function fitLogistic(p: LogisticProblem, options: { maxIterations?: number; tolerance?: number } = {}): LogisticFit {
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  let positives = 0;
  for (let i = 0; i < p.y.length; i++) positives += p.y[i] ?? 0;
  if (positives === 0 || positives === p.y.length) return { ok: false, code: 'one-class' };
  let theta: LogisticParams = new Float64Array(p.d + 1);
  let loss = logisticLoss(p, theta);
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = logisticGradient(p, theta, true);
    const gradientNorm = Math.max(...Array.from(gradient, Math.abs));
    if (gradientNorm < tolerance) return { ok: true, theta, loss, iterations: iteration, gradientNorm };
    const step = hessian ? solveSpd(hessian, gradient) : null;
    if (!step) return { ok: false, code: 'not-converged' };
    let t = 1;
    let moved = false;
    while (t > 1e-8) {
      const candidate = theta.map((v, j) => v - t * (step[j] ?? 0));
      const candidateLoss = logisticLoss(p, candidate);
      if (candidateLoss <= loss) {
        theta = candidate;
        loss = candidateLoss;
        moved = true;
        break;
      }
      t /= 2;
    }
    // No step lowers the loss any more: we are at the minimum to rounding.
    if (!moved) return { ok: true, theta, loss, iterations: iteration, gradientNorm };
  }
  return { ok: false, code: 'not-converged' };
}

/** σ(w·x + b) for every row. */
export function predictProbabilities(x: Float64Array, d: number, theta: LogisticParams): Float64Array {
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = theta[d] ?? 0;
    for (let j = 0; j < d; j++) z += (theta[j] ?? 0) * (x[i * d + j] ?? 0);
    out[i] = sigmoid(z);
  }
  return out;
}

export interface FraudExperimentOptions {
  seed: number;
  /** Transactions in all; the first half trains, the second half tests. */
  n: number;
  fraudRate: number;
  /** 'balanced': each fraud weighs (legitimate / fraud) of the training set, so both classes weigh the same. */
  weighting: 'none' | 'balanced';
  l2?: number;
}

export type FraudExperiment =
  | {
      ok: true;
      trainSize: number;
      trainFrauds: number;
      positiveWeight: number;
      /** Fitted on standardized features. */
      theta: LogisticParams;
      standardizer: Standardizer;
      iterations: number;
      gradientNorm: number;
      /** The test transactions' fraud probabilities and truth. */
      test: ScoredSample[];
      testAmounts: Float64Array;
      /** Mean amount of the test set's frauds (null when it has none). */
      meanFraudAmount: number | null;
    }
  | { ok: false; code: 'no-fraud-in-train' | 'no-fraud-in-test' | 'not-converged' };

export function runFraudExperiment(options: FraudExperimentOptions): FraudExperiment {
  const { seed, n, fraudRate, weighting } = options;
  const data = generateTransactions(seed, n, fraudRate);
  const d = FEATURE_COUNT;
  const trainSize = Math.floor(n / 2);
  const trainX = data.features.subarray(0, trainSize * d);
  const trainY = data.labels.subarray(0, trainSize);
  const testX = data.features.subarray(trainSize * d);
  const testY = data.labels.subarray(trainSize);
  let trainFrauds = 0;
  for (const y of trainY) trainFrauds += y;
  let testFrauds = 0;
  let fraudAmount = 0;
  for (let i = 0; i < testY.length; i++) {
    if (testY[i]) {
      testFrauds++;
      fraudAmount += data.amounts[trainSize + i] ?? 0;
    }
  }
  if (trainFrauds === 0 || trainFrauds === trainSize) return { ok: false, code: 'no-fraud-in-train' };
  if (testFrauds === 0) return { ok: false, code: 'no-fraud-in-test' };
  const standardizer = fitStandardizer(trainX, d);
  const positiveWeight = weighting === 'balanced' ? (trainSize - trainFrauds) / trainFrauds : 1;
  const fit = fitLogistic({ x: standardize(trainX, d, standardizer), d, y: trainY, positiveWeight, l2: options.l2 ?? 1e-4 });
  if (!fit.ok) return { ok: false, code: 'not-converged' };
  const probabilities = predictProbabilities(standardize(testX, d, standardizer), d, fit.theta);
  const test = Array.from(probabilities, (score, i) => ({ score, positive: testY[i] === 1 }));
  return {
    ok: true,
    trainSize,
    trainFrauds,
    positiveWeight,
    theta: fit.theta,
    standardizer,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    test,
    testAmounts: data.amounts.slice(trainSize),
    meanFraudAmount: fraudAmount / testFrauds,
  };
}
