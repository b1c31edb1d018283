import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '../../src/lib/random/prng';
import { initBiases, initVariance, initWeights, TRUNCATED_NORMAL_STD, uniformLimit, type InitScheme } from '../../src/lib/ml/initializers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FAN_IN = 400;
const FAN_OUT = 300; // 120,000 draws per kernel

/** Sample mean, variance (divide by n: the mean is known to be 0 but estimated anyway) and the standard error of that variance. */
function moments(w: Float32Array) {
  const n = w.length;
  const mean = w.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of w) {
    const d = (v - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  // Var(s²) ≈ (μ₄ − σ⁴) / n for any distribution with a finite fourth moment.
  return { mean, variance: m2, varianceSe: Math.sqrt((m4 - m2 * m2) / n) };
}

const schemes: [InitScheme, number][] = [
  [{ kind: 'glorot-uniform' }, 2 / (FAN_IN + FAN_OUT)],
  [{ kind: 'glorot-normal' }, 2 / (FAN_IN + FAN_OUT)],
  [{ kind: 'he-uniform' }, 2 / FAN_IN],
  [{ kind: 'he-normal' }, 2 / FAN_IN],
  [{ kind: 'uniform', limit: 0.05 }, 0.05 ** 2 / 3],
  [{ kind: 'normal', std: 0.1 }, 0.01],
];

describe('initializers', () => {
  it.each(schemes)('%o: sampled variance matches the formula within 5 standard errors, mean 0', (scheme, variance) => {
    expect(initVariance(scheme, FAN_IN, FAN_OUT)).toBeCloseTo(variance, 15);
    const w = initWeights(scheme, FAN_IN, FAN_OUT, createRng(2024));
    expect(w.length).toBe(FAN_IN * FAN_OUT);
    const m = moments(w);
    expect(Math.abs(m.variance - variance)).toBeLessThan(5 * m.varianceSe);
    expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(variance / w.length));
    // The bound is tight enough to catch a 3 % error in the formula.
    expect(5 * m.varianceSe).toBeLessThan(0.03 * variance);
  });

  it('uniform limits: √(6/(fan_in+fan_out)) for Glorot, √(6/fan_in) for He, reached but never exceeded', () => {
    expect(uniformLimit({ kind: 'glorot-uniform' }, FAN_IN, FAN_OUT)).toBeCloseTo(Math.sqrt(6 / 700), 15);
    expect(uniformLimit({ kind: 'he-uniform' }, FAN_IN, FAN_OUT)).toBeCloseTo(Math.sqrt(6 / 400), 15);
    expect(uniformLimit({ kind: 'uniform', limit: 0.05 }, FAN_IN, FAN_OUT)).toBe(0.05);
    expect(uniformLimit({ kind: 'he-normal' }, FAN_IN, FAN_OUT)).toBeNull();
    for (const scheme of [{ kind: 'glorot-uniform' }, { kind: 'he-uniform' }, { kind: 'uniform', limit: 0.05 }] as const) {
      const limit = uniformLimit(scheme, FAN_IN, FAN_OUT) ?? 0;
      const w = initWeights(scheme, FAN_IN, FAN_OUT, createRng(9));
      const maxAbs = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(maxAbs).toBeLessThanOrEqual(Math.fround(limit));
      expect(maxAbs).toBeGreaterThan(0.999 * limit);
    }
  });

  it("Glorot uniform's limit agrees with TF.js Layers' glorotUniform (Keras' default kernel initializer)", () => {
    const theirs = tf.tidy(() => tf.max(tf.abs(tfl.initializers.glorotUniform({ seed: 1 }).apply([FAN_IN, FAN_OUT]))).dataSync()[0] ?? 0);
    const limit = uniformLimit({ kind: 'glorot-uniform' }, FAN_IN, FAN_OUT) ?? 0;
    expect(theirs).toBeLessThanOrEqual(Math.fround(limit));
    expect(theirs).toBeGreaterThan(0.999 * limit);
  });

  it('normal variants are truncated at 2 raw standard deviations (Keras 3 style)', () => {
    const rawStd = Math.sqrt(2 / FAN_IN) / TRUNCATED_NORMAL_STD;
    const w = initWeights({ kind: 'he-normal' }, FAN_IN, FAN_OUT, createRng(5));
    const maxAbs = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs).toBeLessThanOrEqual(Math.fround(2 * rawStd));
    expect(maxAbs).toBeGreaterThan(1.99 * rawStd);
    // The plain Gaussian is not truncated: beyond 2σ lie about 4.55 % of the draws.
    const g = initWeights({ kind: 'normal', std: 1 }, FAN_IN, FAN_OUT, createRng(5));
    const tail = g.filter((v) => Math.abs(v) > 2).length / g.length;
    expect(Math.abs(tail - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / g.length));
  });

  it('the same seed gives the same weights, another seed others; biases start at zero', () => {
    const a = initWeights({ kind: 'glorot-normal' }, 30, 20, createRng(1));
    expect(initWeights({ kind: 'glorot-normal' }, 30, 20, createRng(1))).toEqual(a);
    expect(initWeights({ kind: 'glorot-normal' }, 30, 20, createRng(2))).not.toEqual(a);
    expect(initBiases(20)).toEqual(new Float32Array(20));
    expect(() => initWeights({ kind: 'normal', std: -1 }, 3, 3, createRng(1))).toThrow(RangeError);
  });
});
