import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers no gradients by itself (the @tensorflow/tfjs bundle does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRng } from '../../src/lib/random/prng';
import { binaryMetrics, countsAtThreshold, type ScoredSample } from '../../src/lib/ml/metrics';
import { errorCost, minCostThreshold } from '../../src/lib/ml/metric-curves';
import {
  FEATURE_COUNT,
  fitLogistic,
  fitStandardizer,
  generateTransactions,
  logisticGradient,
  logisticLoss,
  runFraudExperiment,
  solveSpd,
  standardize,
  type LogisticProblem,
} from '../../src/lib/ml/fraud';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function problem(seed: number, n: number, rate: number, positiveWeight = 1, l2 = 1e-4): LogisticProblem {
  const data = generateTransactions(seed, n, rate);
  const s = fitStandardizer(data.features, FEATURE_COUNT);
  return { x: standardize(data.features, FEATURE_COUNT, s), d: FEATURE_COUNT, y: data.labels, positiveWeight, l2 };
}

describe('generateTransactions', () => {
  it('is reproducible: the same seed gives identical data, another seed different data', () => {
    const a = generateTransactions(42, 2000, 0.01);
    const b = generateTransactions(42, 2000, 0.01);
    const c = generateTransactions(43, 2000, 0.01);
    expect(Array.from(b.features)).toEqual(Array.from(a.features));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.amounts)).toEqual(Array.from(a.amounts));
    expect(Array.from(c.amounts)).not.toEqual(Array.from(a.amounts));
  });

  it('has about the asked fraud rate, and fraud is shifted to larger amounts', () => {
    for (const seed of [1, 42, 2024]) {
      const data = generateTransactions(seed, 20_000, 0.01);
      const frauds = data.labels.reduce((a, b) => a + b, 0);
      // Binomial(20 000, 0.01): sd ≈ 14; allow 4 sd.
      expect(Math.abs(frauds - 200)).toBeLessThan(56);
      const mean = (fraud: boolean) => {
        let sum = 0;
        let count = 0;
        data.labels.forEach((y, i) => {
          if ((y === 1) === fraud) {
            sum += data.features[i * FEATURE_COUNT] ?? 0;
            count++;
          }
        });
        return sum / count;
      };
      expect(mean(true) - mean(false)).toBeGreaterThan(1);
    }
    expect(() => generateTransactions(1, 10, 1.5)).toThrow(RangeError);
  });
});

describe('logistic regression', () => {
  it('has the gradient of central finite differences of its loss', () => {
    const p = problem(7, 600, 0.1, 3, 0.01);
    const rng = createRng(3);
    const theta = Float64Array.from({ length: FEATURE_COUNT + 1 }, () => rng.normal());
    const { gradient } = logisticGradient(p, theta);
    const h = 1e-6;
    theta.forEach((_, j) => {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[j] = (plus[j] ?? 0) + h;
      minus[j] = (minus[j] ?? 0) - h;
      expect(gradient[j]).toBeCloseTo((logisticLoss(p, plus) - logisticLoss(p, minus)) / (2 * h), 7);
    });
  });

  it('has the gradient tf.grad computes for the same weighted loss (float32)', () => {
    const p = problem(11, 3000, 0.01, 5, 0.01);
    const theta = Float64Array.from([0.3, -0.2, 0.5, 0.1, -2]);
    const ours = logisticGradient(p, theta).gradient;
    const theirs = tfLossAndGradient(p, theta).gradient;
    ours.forEach((g, j) => expect(Math.abs(g - (theirs[j] ?? 0))).toBeLessThan(1e-5));
  });

  it('solves a symmetric positive-definite system and refuses an indefinite one', () => {
    const x = solveSpd([[4, 2], [2, 3]], [2, 1]);
    expect(Array.from(x ?? [])).toEqual([0.5, 0].map((v) => expect.closeTo(v, 12)));
    expect(solveSpd([[1, 2], [2, 1]], [1, 1])).toBeNull();
  });

  it('converges by Newton’s method to a point where the gradient vanishes', () => {
    const p = problem(42, 10_000, 0.01);
    const fit = fitLogistic(p);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.iterations).toBeLessThan(20);
    const { gradient } = logisticGradient(p, fit.theta);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-9);
    // Every feature pushes towards fraud; the bias reflects the 1 % base rate.
    for (let j = 0; j < FEATURE_COUNT; j++) expect(fit.theta[j]).toBeGreaterThan(0);
    expect(fit.theta[FEATURE_COUNT]).toBeLessThan(-4);
  });

  it('agrees with a fit by TensorFlow.js (Adam on the same loss) to 1e-4', () => {
    const p = problem(5, 1500, 0.2, 2, 0.01);
    const fit = fitLogistic(p);
    if (!fit.ok) throw new Error('fit failed');
    const theirs = tfFit(p, 3000);
    Array.from(fit.theta).forEach((v, j) => expect(Math.abs(v - (theirs[j] ?? 0))).toBeLessThan(1e-4));
  }, 60_000); // 3,000 Adam steps on the CPU backend: seconds, more on a busy 2-core machine

  it('refuses a training set with one class', () => {
    const p = problem(1, 50, 0);
    expect(fitLogistic(p)).toEqual({ ok: false, code: 'one-class' });
  });
});

describe('runFraudExperiment', () => {
  it('shows why accuracy misleads: "always legitimate" is ≈ 99 % accurate with recall 0', () => {
    const r = runFraudExperiment({ seed: 42, n: 20_000, fraudRate: 0.01, weighting: 'none' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.test).toHaveLength(10_000);
    const baseline = binaryMetrics(countsAtThreshold(r.test, Number.POSITIVE_INFINITY));
    expect(baseline.accuracy.value).toBeGreaterThan(0.98);
    expect(baseline.recall.value).toBe(0);
    const model = binaryMetrics(countsAtThreshold(r.test, 0.1));
    expect(model.recall.value).toBeGreaterThan(0.4);
    expect(r.meanFraudAmount).toBeGreaterThan(200);
  });

  it('is reproducible, and balanced weighting raises the scores of the same ranking', () => {
    const a = runFraudExperiment({ seed: 9, n: 6000, fraudRate: 0.02, weighting: 'none' });
    const b = runFraudExperiment({ seed: 9, n: 6000, fraudRate: 0.02, weighting: 'none' });
    const c = runFraudExperiment({ seed: 9, n: 6000, fraudRate: 0.02, weighting: 'balanced' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected fits');
    expect(b.test).toEqual(a.test);
    const mean = (s: ScoredSample[]) => s.reduce((sum, x) => sum + x.score, 0) / s.length;
    expect(mean(c.test)).toBeGreaterThan(3 * mean(a.test));
    expect(c.positiveWeight).toBeGreaterThan(30);
  });

  it('reports a test set without fraud instead of dividing by zero', () => {
    expect(runFraudExperiment({ seed: 1, n: 40, fraudRate: 0, weighting: 'none' })).toEqual({ ok: false, code: 'no-fraud-in-train' });
  });
});

describe('minCostThreshold and errorCost', () => {
  const samples = (seed: number): ScoredSample[] => {
    const rng = createRng(seed);
    // Ties on purpose: scores on a coarse grid.
    return Array.from({ length: 300 }, () => {
      const positive = rng.next() < 0.1;
      return { score: Math.round((positive ? 0.3 + 0.7 * rng.next() : 0.8 * rng.next()) * 40) / 40, positive };
    });
  };

  it('finds the cheapest threshold a brute force over every score finds', () => {
    for (const seed of [1, 2, 3]) {
      const data = samples(seed);
      for (const costs of [{ falseNegative: 700, falsePositive: 30 }, { falseNegative: 10, falsePositive: 100 }, { falseNegative: 5000, falsePositive: 1 }]) {
        const best = minCostThreshold(data, costs);
        const candidates = [Number.POSITIVE_INFINITY, ...new Set(data.map((s) => s.score))];
        const brute = Math.min(...candidates.map((t) => errorCost(countsAtThreshold(data, t), costs).total));
        expect(best.cost).toBe(brute);
        expect(countsAtThreshold(data, best.threshold ?? Number.POSITIVE_INFINITY)).toEqual(best.counts);
        if (best.threshold !== null && best.below !== null) {
          // Anything between the next lower score and the threshold gives the same counts.
          expect(countsAtThreshold(data, (best.threshold + best.below) / 2)).toEqual(best.counts);
        }
      }
    }
  });

  it('flags nothing when alarms cost more than any miss could', () => {
    const data = [...samples(4), { score: 1, positive: false }];
    const best = minCostThreshold(data, { falseNegative: 1, falsePositive: 1000 });
    expect(best.threshold).toBeNull();
    expect(best.counts.tp + best.counts.fp).toBe(0);
  });

  it('prices each kind of error, and refuses negative or non-finite costs', () => {
    expect(errorCost({ tp: 5, fp: 20, fn: 3, tn: 100 }, { falseNegative: 700, falsePositive: 30 })).toEqual({ falseNegative: 2100, falsePositive: 600, total: 2700 });
    expect(() => errorCost({ tp: 0, fp: 0, fn: 0, tn: 0 }, { falseNegative: -1, falsePositive: 0 })).toThrow(RangeError);
    expect(() => errorCost({ tp: 0, fp: 0, fn: 0, tn: 0 }, { falseNegative: 1, falsePositive: Number.NaN })).toThrow(RangeError);
  });
});

/** The same weighted, L2-penalized cross-entropy in TensorFlow.js. */
function tfLoss(p: LogisticProblem, x: tf.Tensor2D, y: tf.Tensor1D, c: tf.Tensor1D, w: tf.Tensor, b: tf.Tensor): tf.Scalar {
  const z = tf.add(tf.squeeze(tf.matMul(x, tf.reshape(w, [p.d, 1]))), b);
  // softplus(z) − y·z
  const perSample = tf.sub(tf.softplus(z), tf.mul(y, z));
  return tf.add(tf.div(tf.sum(tf.mul(c, perSample)), tf.sum(c)), tf.mul(p.l2 / 2, tf.sum(tf.square(w)))) as tf.Scalar;
}

function tensorsOf(p: LogisticProblem) {
  const n = p.y.length;
  return {
    x: tf.tensor2d(Array.from(p.x), [n, p.d]),
    y: tf.tensor1d(Array.from(p.y)),
    c: tf.tensor1d(Array.from(p.y, (v) => (v ? p.positiveWeight : 1))),
  };
}

function tfLossAndGradient(p: LogisticProblem, theta: Float64Array): { gradient: number[] } {
  return tf.tidy(() => {
    const { x, y, c } = tensorsOf(p);
    const w = tf.tensor1d(Array.from(theta.subarray(0, p.d)));
    const b = tf.scalar(theta[p.d] ?? 0);
    const [gw, gb] = tf.grads((wv: tf.Tensor, bv: tf.Tensor) => tfLoss(p, x, y, c, wv, bv))([w, b]);
    return { gradient: [...Array.from(gw?.dataSync() ?? []), ...Array.from(gb?.dataSync() ?? [])] };
  });
}

function tfFit(p: LogisticProblem, steps: number): number[] {
  const { x, y, c } = tensorsOf(p);
  const w = tf.variable(tf.zeros([p.d]));
  const b = tf.variable(tf.scalar(0));
  const optimizer = tf.train.adam(0.02);
  for (let i = 0; i < steps; i++) {
    const lr = i < steps / 2 ? 0.02 : 0.002;
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    optimizer.minimize(() => tfLoss(p, x, y, c, w, b));
  }
  const result = [...Array.from(w.dataSync()), ...Array.from(b.dataSync())];
  optimizer.dispose();
  tf.dispose([x, y, c, w, b]);
  return result;
}
