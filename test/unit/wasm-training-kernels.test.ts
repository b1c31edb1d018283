import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../src/tf/namespace';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from '../../src/lib/mnist/wasm-training-kernels';
import { CONV_GRAD_CASES, MAXPOOL_GRAD_CASES, expectClose, expectSameTraining, maxPoolGradient, randomValues, twoTrainingSteps } from '../kernel-checks';

// Our wasm kernels against the CPU backend's, through the public gradient API
// (tf.grad → Conv2DBackpropInput / Conv2DBackpropFilter / MaxPoolGrad).

/** In Node the wasm binaries are read from the package's dist folder on disk. */
const wasmDist = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`;

/** Runs `fn` on `backend` and returns its outputs' values, leaving no tensors behind. */
function on(backend: 'cpu' | 'wasm', fn: () => tfc.Tensor[]): Float32Array[] {
  tf.setBackend(backend);
  return tf.tidy(fn).map((t) => {
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
  });
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
  for (const c of CONV_GRAD_CASES) {
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
  for (const c of MAXPOOL_GRAD_CASES) {
    it(`${c.name}: x ${c.x}, pool ${c.size}, strides ${c.strides}, ${c.pad}`, () => {
      const [cpu] = on('cpu', () => [maxPoolGradient(tf, c)]);
      tf.setBackend('wasm');
      const leaks = leakCheck();
      const [wasm] = on('wasm', () => [maxPoolGradient(tf, c)]);
      leaks();
      expectClose(wasm!, cpu!, `${c.name} dx`);
    });
  }
});

describe('one training step of the chapter 5 model', () => {
  it('gives the same loss and updated weights on wasm as on cpu, without leaking', async () => {
    await tf.setBackend('cpu');
    const cpu = await twoTrainingSteps(tf, 8);
    await tf.setBackend('wasm');
    expectSameTraining(await twoTrainingSteps(tf, 8), cpu);
  }, 60_000);
});
