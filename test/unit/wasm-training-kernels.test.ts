import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../src/tf/namespace';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { buildMnistModel } from '../../src/lib/mnist/model';
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from '../../src/lib/mnist/wasm-training-kernels';
import { createRng } from '../../src/lib/random/prng';

// Our wasm kernels against the CPU backend's, through the public gradient API
// (tf.grad → Conv2DBackpropInput / Conv2DBackpropFilter / MaxPoolGrad).
type Pad = 'valid' | 'same' | tfc.backend_util.ExplicitPadding;
type Shape4 = [number, number, number, number];

/** In Node the wasm binaries are read from the package's dist folder on disk. */
const wasmDist = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`;

function randomValues(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1);
}

/** Runs `fn` on `backend` and returns its outputs' values, leaving no tensors behind. */
function on(backend: 'cpu' | 'wasm', fn: () => tfc.Tensor[]): Float32Array[] {
  tf.setBackend(backend);
  return tf.tidy(fn).map((t) => {
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
  });
}

/** Max |a − b|, also relative to the reference's largest magnitude. */
function compare(actual: Float32Array, expected: Float32Array) {
  expect(actual.length).toBe(expected.length);
  let abs = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    abs = Math.max(abs, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return { abs, rel: abs / Math.max(scale, Number.MIN_VALUE), scale };
}

/** Passes within `tol` of the reference's scale (absolute where the scale is below 1). */
function expectClose(actual: Float32Array, expected: Float32Array, what: string, tol = 1e-4) {
  const { abs, rel, scale } = compare(actual, expected);
  console.log(`${what}: max abs ${abs.toExponential(2)}, max rel ${rel.toExponential(2)} (scale ${scale.toFixed(3)})`);
  expect(abs).toBeLessThanOrEqual(tol * Math.max(1, scale));
}

function leakCheck() {
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  return () => {
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
  };
}

beforeAll(async () => {
  setWasmPaths(wasmDist);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('cpu');
});

afterAll(() => {
  tf.disposeVariables();
});

describe('registerWasmTrainingKernels', () => {
  it('installs its kernels for wasm, idempotently, and leaves the other backends alone', () => {
    const before = WASM_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'wasm').kernelFunc);
    registerWasmTrainingKernels(tf);
    WASM_TRAINING_KERNELS.forEach((name, i) => expect(tf.getKernel(name, 'wasm').kernelFunc).toBe(before[i]));
    expect(WASM_TRAINING_KERNELS).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput']));
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu').backendName).toBe('cpu');
  });

  it('rejects NCHW and dilations with a clear error, leaking nothing', () => {
    tf.setBackend('wasm');
    const x = tf.zeros([1, 2, 5, 5]);
    const dy = tf.zeros([1, 3, 3, 3]);
    const filter = tf.zeros([3, 3, 3, 3]);
    const leaks = leakCheck();
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] };
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs)).toThrow(/only dataFormat 'NHWC'/);
    const dilated = { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [1, 5, 5, 3], dilations: 2 };
    expect(() => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, dilated))
      .toThrow(/only dilation 1/);
    leaks();
    tf.dispose([x, dy, filter]);
  });
});

describe('Conv2D gradients on wasm match the CPU backend', () => {
  const cases: { name: string; x: Shape4; w: Shape4; strides: number | [number, number]; pad: Pad }[] = [
    { name: 'conv2d_1 (model)', x: [4, 28, 28, 1], w: [3, 3, 1, 32], strides: 1, pad: 'valid' },
    { name: 'conv2d_2 (model)', x: [4, 13, 13, 32], w: [3, 3, 32, 64], strides: 1, pad: 'valid' },
    { name: 'conv2d_3 (model)', x: [4, 5, 5, 64], w: [3, 3, 64, 64], strides: 1, pad: 'valid' },
    { name: 'stride 2 valid, odd size', x: [2, 9, 8, 3], w: [3, 3, 3, 5], strides: 2, pad: 'valid' },
    { name: 'stride 2 same', x: [2, 9, 8, 3], w: [3, 3, 3, 5], strides: 2, pad: 'same' },
    { name: 'same, stride 1, 5×5', x: [3, 12, 12, 4], w: [5, 5, 4, 6], strides: 1, pad: 'same' },
    { name: 'non-square input, filter and stride', x: [2, 11, 7, 3], w: [5, 2, 3, 4], strides: [3, 2], pad: 'same' },
    { name: 'explicit padding', x: [2, 6, 7, 3], w: [3, 3, 3, 4], strides: [2, 1], pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  ];

  for (const c of cases) {
    it(`${c.name}: x ${c.x} · w ${c.w}, strides ${c.strides}, ${Array.isArray(c.pad) ? 'explicit' : c.pad}`, () => {
      const xValues = randomValues(c.x, 1);
      const wValues = randomValues(c.w, 2);
      const grads = () => {
        const x = tf.tensor4d(xValues, c.x);
        const w = tf.tensor4d(wValues, c.w);
        const y = tf.conv2d(x, w, c.strides, c.pad);
        const dy = tf.tensor(randomValues(y.shape, 3), y.shape);
        const [dx, dw] = tf.grads((a: tfc.Tensor, b: tfc.Tensor) => tf.conv2d(a as tfc.Tensor4D, b as tfc.Tensor4D, c.strides, c.pad))([x, w], dy);
        return [dx!, dw!];
      };
      const [dxCpu, dwCpu] = on('cpu', grads);
      tf.setBackend('wasm');
      const leaks = leakCheck();
      const [dxWasm, dwWasm] = on('wasm', grads);
      leaks();
      expectClose(dxWasm!, dxCpu!, `${c.name} dx`);
      expectClose(dwWasm!, dwCpu!, `${c.name} dw`);
    });
  }
});

describe('MaxPoolGrad on wasm matches the CPU backend (first maximum wins ties)', () => {
  const cases: { name: string; x: Shape4; size: number; strides: number; pad: 'valid' | 'same' }[] = [
    { name: 'max_pooling2d_1 (model)', x: [4, 26, 26, 32], size: 2, strides: 2, pad: 'valid' },
    { name: 'max_pooling2d_2 (model, odd size)', x: [4, 11, 11, 64], size: 2, strides: 2, pad: 'valid' },
    { name: 'overlapping 3×3 stride 2 same', x: [2, 9, 10, 3], size: 3, strides: 2, pad: 'same' },
  ];
  for (const c of cases) {
    it(`${c.name}: x ${c.x}`, () => {
      // Rounded ReLU outputs: many exact ties, as after the model's ReLU.
      const xValues = randomValues(c.x, 4).map((v) => Math.max(0, Math.round(v * 4) / 4));
      const grad = () => {
        const x = tf.tensor4d(xValues, c.x);
        const f = (a: tfc.Tensor) => tf.maxPool(a as tfc.Tensor4D, c.size, c.strides, c.pad);
        const dy = tf.tensor(randomValues(f(x).shape, 5), f(x).shape);
        return [tf.grad(f)(x, dy)];
      };
      const [cpu] = on('cpu', grad);
      tf.setBackend('wasm');
      const leaks = leakCheck();
      const [wasm] = on('wasm', grad);
      leaks();
      expectClose(wasm!, cpu!, `${c.name} dx`);
    });
  }
});

describe('one training step of the chapter 5 model', () => {
  it('gives the same loss and updated weights on wasm as on cpu, without leaking', async () => {
    const batch = 8;
    const xValues = randomValues([batch, 28, 28, 1], 6).map((v) => (v + 1) / 2);
    const labels = Array.from({ length: batch }, (_, i) => (i * 7) % 10);
    const step = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const model = buildMnistModel(tf, { seed: 5 });
      const x = tf.tensor4d(xValues, [batch, 28, 28, 1]);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      const [loss] = (await model.trainOnBatch(x, y)) as number[];
      const leaks = leakCheck(); // after the first step, which creates Adam's slots
      await model.trainOnBatch(x, y);
      leaks();
      const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
      tf.dispose([x, y]);
      model.dispose();
      return { loss: loss!, weights };
    };
    const cpu = await step('cpu');
    const wasm = await step('wasm');
    console.log(`loss: cpu ${cpu.loss}, wasm ${wasm.loss}`);
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThanOrEqual(1e-4 * Math.max(1, cpu.loss));
    expect(wasm.weights.length).toBe(cpu.weights.length);
    // An Adam step moves each weight by about the learning rate, 1e-3: ask for 1% of that.
    cpu.weights.forEach((w, i) => expectClose(wasm.weights[i]!, w, `weights[${i}] after 2 Adam steps`, 1e-5));
  }, 60_000);
});
