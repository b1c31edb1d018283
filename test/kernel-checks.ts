import { expect } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import type { Tf } from '../src/tf/namespace';
import { buildMnistModel } from '../src/lib/mnist/model';
import { createRng } from '../src/lib/random/prng';

// What the tests of our training kernels share, whatever the backend (test/unit/wasm-*,
// test/gpu/conv-grads): inputs, the shapes to try, the comparison, a model's training step.
export type Pad = 'valid' | 'same' | number | tfc.backend_util.ExplicitPadding;
export type Shape4 = [number, number, number, number];

export function randomValues(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1);
}

/** Passes within `tol` of the reference's largest magnitude (absolute where that is below 1). */
export function expectClose(actual: Float32Array, expected: Float32Array, what: string, tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let abs = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    abs = Math.max(abs, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  console.log(`${what}: max abs ${abs.toExponential(2)}, relative ${(abs / Math.max(1, scale)).toExponential(2)} (scale ${scale.toFixed(3)})`);
  expect(abs).toBeLessThanOrEqual(tol * Math.max(1, scale));
}

export interface ConvCase {
  name: string;
  x: Shape4;
  w: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

/** Conv2D shapes for the gradient kernels: the chapter 5 layers at small batch, then odd cases. */
export const CONV_GRAD_CASES: ConvCase[] = [
  { name: 'conv2d_1 (model)', x: [4, 28, 28, 1], w: [3, 3, 1, 32], strides: 1, pad: 'valid' },
  { name: 'conv2d_2 (model)', x: [4, 13, 13, 32], w: [3, 3, 32, 64], strides: 1, pad: 'valid' },
  { name: 'conv2d_3 (model)', x: [4, 5, 5, 64], w: [3, 3, 64, 64], strides: 1, pad: 'valid' },
  { name: 'odd sizes, batch 1', x: [1, 7, 5, 3], w: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { name: 'odd sizes, batch 3, same', x: [3, 7, 5, 3], w: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: 'stride 2 valid, odd size', x: [2, 9, 8, 3], w: [3, 3, 3, 5], strides: 2, pad: 'valid' },
  { name: 'stride 2 same', x: [2, 9, 8, 3], w: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { name: 'same, stride 1, 5×5', x: [3, 12, 12, 4], w: [5, 5, 4, 6], strides: 1, pad: 'same' },
  { name: 'numeric padding 1, 5×5', x: [2, 8, 8, 4], w: [5, 5, 4, 6], strides: 1, pad: 1 },
  { name: 'non-square input, filter and stride', x: [2, 11, 7, 3], w: [5, 2, 3, 4], strides: [3, 2], pad: 'same' },
  { name: 'explicit padding', x: [2, 6, 7, 3], w: [3, 3, 3, 4], strides: [2, 1], pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
];

export interface PoolCase {
  name: string;
  x: Shape4;
  size: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same';
}

export const MAXPOOL_GRAD_CASES: PoolCase[] = [
  { name: 'max_pooling2d_1 (model)', x: [4, 26, 26, 32], size: 2, strides: 2, pad: 'valid' },
  { name: 'max_pooling2d_2 (model, odd size)', x: [4, 11, 11, 64], size: 2, strides: 2, pad: 'valid' },
  { name: 'odd sizes, batch 3', x: [3, 7, 5, 3], size: 2, strides: 2, pad: 'valid' },
  { name: 'overlapping 3×3 stride 2 same', x: [2, 9, 10, 3], size: 3, strides: 2, pad: 'same' },
  { name: 'overlapping 3×2 stride [1, 2] same', x: [1, 7, 5, 3], size: [3, 2], strides: [1, 2], pad: 'same' },
];

/** The gradient of max pooling for `c` (ReLU-like inputs with many exact ties), from tf.grad. */
export function maxPoolGradient(tf: Tf, c: PoolCase): tfc.Tensor {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomValues(c.x, 4).map((v) => Math.max(0, Math.round(v * 4) / 4)), c.x);
    const f = (a: tfc.Tensor) => tf.maxPool(a as tfc.Tensor4D, c.size, c.strides, c.pad);
    const y = f(x);
    return tf.grad(f)(x, tf.tensor(randomValues(y.shape, 5), y.shape));
  });
}

/**
 * Two training steps of the chapter 5 model on the current backend, from a fixed seed: the
 * first step's loss and the weights after both. The second step (Adam's slots exist by then)
 * must leave the tensor and buffer counts as they were. `around` may wrap that step.
 */
export async function twoTrainingSteps(tf: Tf, batch: number, around = async (step: () => Promise<unknown>) => void (await step())) {
  const model = buildMnistModel(tf, { seed: 5 });
  const x = tf.tensor4d(randomValues([batch, 28, 28, 1], 6).map((v) => (v + 1) / 2), [batch, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7) % 10), 'int32'), 10);
  const [loss] = (await model.trainOnBatch(x, y)) as number[];
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  await around(() => model.trainOnBatch(x, y));
  expect(tf.memory().numTensors).toBe(tensors);
  expect(tf.backend().numDataIds()).toBe(buffers);
  const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
  tf.dispose([x, y]);
  model.dispose();
  return { loss: loss!, weights };
}

/** Same loss to 1e-4; each weight within 1 % of an Adam step (the learning rate, 1e-3). */
export function expectSameTraining(actual: { loss: number; weights: Float32Array[] }, reference: { loss: number; weights: Float32Array[] }): void {
  console.log(`loss: reference ${reference.loss}, ours ${actual.loss}`);
  expect(Math.abs(actual.loss - reference.loss)).toBeLessThanOrEqual(1e-4 * Math.max(1, reference.loss));
  expect(actual.weights.length).toBe(reference.weights.length);
  reference.weights.forEach((w, i) => expectClose(actual.weights[i]!, w, `weights[${i}] after 2 Adam steps`, 1e-5));
}
