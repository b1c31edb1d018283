// The batch's remaining work fused (fused-loss.ts, fused-gradients.ts, sum-leading.ts) and uploads
// without new buffers (pooled-uploads.ts), each against the CPU backend; then the per-batch counts
// of a training batch on the path the worker runs.
import { beforeAll, describe, expect, test } from 'vitest';
import type * as tfType from '@tensorflow/tfjs-core';
import { webgpuTf, onCpu } from './gpu-backend';
import type { Tf } from '../../src/tf/namespace';
import { createRng } from '../../src/lib/random/prng';
import { MNIST_PIXELS, type MnistSplit } from '../../src/lib/mnist/dataset';
import { buildMnistModel } from '../../src/lib/mnist/model';
import { trainModel } from '../../src/lib/mnist/trainer';
import { registerWebGpuTrainingKernels } from '../../src/lib/mnist/webgpu/register-kernels';
import { fusedAccuracy, fusedCrossentropy } from '../../src/lib/mnist/webgpu/fused-loss';
import { installPooledUploads, type UploadingBackend } from '../../src/lib/mnist/webgpu/pooled-uploads';
import { modelOptions, ownTrainingPath } from '../../src/lib/mnist/webgpu/training-path';

let tf: Tf;
beforeAll(async () => {
  tf = await webgpuTf();
  registerWebGpuTrainingKernels(tf);
});

function random(shape: number[], seed: number, lo = -1, hi = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * rng.next());
}

async function expectClose(got: tfType.Tensor, want: Float32Array, tolerance: number): Promise<void> {
  const values = (await got.data()) as Float32Array;
  expect(values.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/** Rows of positive values (not summing to 1), a few of them tiny enough to be clipped, and one-hot targets. */
function probabilities(rows: number, classes: number, seed: number) {
  const p = random([rows, classes], seed, 0, 1);
  p[3] = 1e-12; // q below ε: clipped, no gradient through it
  p[classes + 2] = 0;
  const t = new Float32Array(rows * classes);
  const rng = createRng(seed + 1);
  for (let r = 0; r < rows; r++) t[r * classes + (r === 0 ? 3 : rng.int(classes))] = 1;
  return { p, t };
}

describe('fused loss and accuracy equal tfjs-layers on the CPU', () => {
  test('categorical crossentropy: value and gradient', async () => {
    const [rows, classes] = [13, 10];
    const { p, t } = probabilities(rows, classes, 3);
    const upstream = random([rows], 4, 0.5, 2);
    const lossOf = (f: (a: tfType.Tensor, b: tfType.Tensor) => tfType.Tensor) => (x: tfType.Tensor) => tf.mul(f(tf.tensor2d(t, [rows, classes]), x), tf.tensor1d(upstream));
    const wantLoss = await onCpu(tf, () => tf.metrics.categoricalCrossentropy(tf.tensor2d(t, [rows, classes]), tf.tensor2d(p, [rows, classes])));
    const wantGrad = await onCpu(tf, () => tf.grad(lossOf(tf.metrics.categoricalCrossentropy))(tf.tensor2d(p, [rows, classes])));
    const loss = fusedCrossentropy(tf);
    // On another backend (a fallback mid-run) the same function is tfjs-layers' own.
    expect(await onCpu(tf, () => loss(tf.tensor2d(t, [rows, classes]), tf.tensor2d(p, [rows, classes])))).toEqual(wantLoss);
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => loss(tf.tensor2d(t, [rows, classes]), tf.tensor2d(p, [rows, classes])));
    await expectClose(got, wantLoss, 1e-6);
    const grad = tf.tidy(() => tf.grad(lossOf(loss))(tf.tensor2d(p, [rows, classes])));
    await expectClose(grad, wantGrad, 1e-5);
    expect(wantGrad[3]).toBe(0); // the clipped entry passes no gradient …
    expect((await grad.data())[3]).toBe(0); // … here neither
    tf.dispose([got, grad]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('accuracy, ties to the first largest as argMax', async () => {
    const [rows, classes] = [9, 10];
    const { p, t } = probabilities(rows, classes, 8);
    p.set([0.5, 0.5, 0.1, 0, 0, 0, 0, 0, 0, 0], classes); // row 1: a tie, argMax takes class 0
    t.fill(0, classes, 2 * classes);
    t[classes] = 1;
    const want = await onCpu(tf, () => tf.metrics.categoricalAccuracy(tf.tensor2d(t, [rows, classes]), tf.tensor2d(p, [rows, classes])));
    const got = tf.tidy(() => fusedAccuracy(tf)(tf.tensor2d(t, [rows, classes]), tf.tensor2d(p, [rows, classes])));
    expect(await got.data()).toEqual(Float32Array.from(want)); // tfjs's metric is bool; the mean of either is the same
    expect(want[1]).toBe(1);
    got.dispose();
  });
});

describe('fused gradients and the leading-axes sum equal the CPU backend', () => {
  test.each([
    ['dense bias', [37, 64], [0], false],
    ['conv bias', [3, 9, 11, 32], [0, 1, 2], false],
    ['keepDims, axes unsorted', [5, 7, 6], [1, 0], true],
    ['inner axis (stock kernel)', [5, 7], [1], false],
  ] as const)('Sum over %s', async (_, shape, axes, keepDims) => {
    const x = random([...shape], 11);
    const want = await onCpu(tf, () => tf.sum(tf.tensor(x, [...shape]), [...axes], keepDims));
    const got = tf.tidy(() => tf.sum(tf.tensor(x, [...shape]), [...axes], keepDims));
    await expectClose(got, want, 1e-5);
    got.dispose();
  });

  test('Relu and Softmax gradients (NaN and zeros included)', async () => {
    const x = random([6, 10], 21, -2, 2);
    x[4] = 0;
    x[7] = NaN;
    const dy = random([6, 10], 22);
    const grads = () => {
      const relu = tf.grad((a: tfType.Tensor) => tf.mul(tf.relu(a), tf.tensor2d(dy, [6, 10])))(tf.tensor2d(x, [6, 10]));
      const soft = tf.grad((a: tfType.Tensor) => tf.mul(tf.softmax(a), tf.tensor2d(dy, [6, 10])))(tf.tensor2d(x.map((v) => (Number.isNaN(v) ? 0.3 : v)), [6, 10]));
      return tf.concat([relu, soft]);
    };
    const want = await onCpu(tf, grads);
    const got = tf.tidy(grads);
    const values = (await got.data()) as Float32Array;
    expect(Number.isNaN(values[7]!)).toBe(true);
    expect(Number.isNaN(want[7]!)).toBe(true);
    values[7] = want[7] = 0;
    await expectClose(tf.tensor(values), want, 1e-5);
    got.dispose();
  });
});

describe('uploads into pooled buffers', () => {
  test('same values, no buffer created once the pool is warm, and uninstalled again', async () => {
    const backend = tf.backend() as unknown as UploadingBackend;
    const device = (backend as unknown as { device: GPUDevice }).device;
    const stockUpload = backend.uploadToGPU;
    const uninstall = installPooledUploads(backend);
    expect(installPooledUploads(backend)).toBe(uninstall);
    const original = device.createBuffer.bind(device);
    let created = 0;
    device.createBuffer = (d) => {
      created++;
      return original(d);
    };
    const step = (k: number) => tf.tidy(() => tf.add(tf.mul(tf.tensor1d([k, 2, 3]), tf.scalar(2)), tf.tensor1d(Int32Array.of(1, -1, 5), 'int32').toFloat()));
    try {
      for (let k = 0; k < 4; k++) {
        if (k === 2) created = 0;
        const y = step(k);
        expect(Array.from(await y.data())).toEqual([2 * k + 1, 3, 11]);
        y.dispose();
      }
      expect(created).toBe(0);
    } finally {
      device.createBuffer = original;
      uninstall();
    }
    expect(backend.uploadToGPU).toBe(stockUpload);
    expect(Object.prototype.hasOwnProperty.call(backend, 'uploadToGPU')).toBe(false);
  });
});

describe('a training batch on the path the worker runs', () => {
  test('at most 59 dispatches and no buffer created per batch; losses as stock tfjs', async () => {
    const rng = createRng(1);
    const count = 16 * 3;
    const train: MnistSplit = { images: Uint8Array.from({ length: count * MNIST_PIXELS }, () => rng.int(256)), labels: Uint8Array.from({ length: count }, () => rng.int(10)), count };
    const data = { train, validation: train, test: train };
    const run = { epochs: 1, batchSize: 16, seed: 5, validationsPerEpoch: 0 };
    const pass = globalThis.GPUComputePassEncoder.prototype;
    const gpu = globalThis.GPUDevice.prototype;
    const { dispatchWorkgroups } = pass;
    const { createBuffer } = gpu;
    const calls = { dispatches: 0, buffers: 0 };
    pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<typeof dispatchWorkgroups>) {
      calls.dispatches++;
      return dispatchWorkgroups.apply(this, args);
    };
    gpu.createBuffer = function (this: GPUDevice, ...args: Parameters<typeof createBuffer>) {
      calls.buffers++;
      return createBuffer.apply(this, args);
    };
    const perBatch: (typeof calls)[] = [];
    const losses: number[] = [];
    try {
      const path = ownTrainingPath(tf);
      const model = buildMnistModel(tf, { seed: 2, ...modelOptions(path) });
      let mark = { ...calls };
      await trainModel(tf, model, data, { ...run, batches: path.batches }, {
        gate: async () => void (mark = { ...calls }),
        onBatch: (r) => {
          losses.push(r.loss);
          perBatch.push({ dispatches: calls.dispatches - mark.dispatches, buffers: calls.buffers - mark.buffers });
        },
        stopped: () => losses.length >= 3,
      });
      model.dispose();
    } finally {
      pass.dispatchWorkgroups = dispatchWorkgroups;
      gpu.createBuffer = createBuffer;
    }
    console.log('ours per batch:', perBatch);
    expect(perBatch).toHaveLength(3);
    for (const batch of perBatch.slice(1)) {
      expect(batch.dispatches).toBeLessThanOrEqual(59);
      expect(batch.buffers).toBe(0);
    }
    // The same batches on the CPU backend with stock tfjs (tf.train.adam, tfjs-layers' loss).
    await tf.setBackend('cpu');
    const cpuLosses: number[] = [];
    try {
      const model = buildMnistModel(tf, { seed: 2 });
      await trainModel(tf, model, data, run, { onBatch: (r) => void cpuLosses.push(r.loss), stopped: () => cpuLosses.length >= 3 });
      model.dispose();
    } finally {
      await tf.setBackend('webgpu');
    }
    losses.forEach((loss, i) => expect(Math.abs(loss - cpuLosses[i]!)).toBeLessThanOrEqual(1e-4));
  }, 60_000);
});
