import type { Tf } from '../../tf/namespace';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng } from '../random/prng';
import { shuffleInPlace, type MnistSplit } from './dataset';
import { cpuBatches, type BatchSourceFactory } from './batch-source';
import { evaluateSplit, type Evaluation } from './evaluate';
import type { BatchReport, EvalReport } from './reports';

export interface TrainingData {
  train: MnistSplit;
  /** Held-out images for the live validation curve. */
  validation: MnistSplit;
  /** All test images, scored after each epoch. */
  test: MnistSplit;
}

export interface TrainingRun {
  epochs: number;
  batchSize: number;
  seed: number;
  /** First epoch to run (1-based); > 1 when a run resumes after a backend fallback. */
  startEpoch?: number;
  /** Validation measurements per epoch (evenly spaced, the last at the epoch's end). */
  validationsPerEpoch?: number;
  /** Where batches come from: filled on the CPU by default (batch-source.ts), gathered on the GPU with webgpu/gpu-batches.ts. */
  batches?: BatchSourceFactory | undefined;
}

export interface TrainingHooks {
  onBatch?(report: BatchReport): void;
  onValidation?(report: EvalReport): void;
  /** After each epoch, with the test-set evaluation. Awaited: the worker snapshots weights here. */
  onEpoch?(epoch: number, test: Evaluation, seconds: number): Promise<void> | void;
  /** Resolves when training may go on (pause support); called between batches. */
  gate?(): Promise<void>;
  /** True when the reader asked to stop; checked between batches. */
  stopped?(): boolean;
  /** Just before each update, with its 0-based step in the whole run (a schedule sets the learning rate here). */
  beforeBatch?(step: number): void;
}

export type TrainingOutcome = { status: 'done'; test: Evaluation } | { status: 'stopped'; epoch: number };

/**
 * The training loop of chapter 5, equivalent to Keras' `model.fit(x, y, epochs, batch_size)`
 * with shuffling each epoch, but batch by batch so that the reader can pause, resume and
 * stop, and so that progress can be reported. Every tensor it creates is disposed before the
 * next batch.
 */
export async function trainModel(
  tf: Tf,
  model: LayersModel,
  data: TrainingData,
  run: TrainingRun,
  hooks: TrainingHooks = {},
): Promise<TrainingOutcome> {
  const { epochs, batchSize, seed, startEpoch = 1, validationsPerEpoch = 4, batches = cpuBatches } = run;
  const count = data.train.count;
  const batchesPerEpoch = Math.ceil(count / batchSize);
  const order = new Uint32Array(count);
  const rng = createRng(seed);
  const nextEpochOrder = (): void => {
    for (let i = 0; i < count; i++) order[i] = i;
    shuffleInPlace(order, rng);
  };
  // Replay skipped epochs' shuffles so a resumed run sees the same order as an unbroken one.
  for (let epoch = 1; epoch < startEpoch; epoch++) nextEpochOrder();
  const validateAt = new Set(
    Array.from({ length: validationsPerEpoch }, (_, i) => Math.round(((i + 1) * batchesPerEpoch) / validationsPerEpoch)),
  );
  const recent: { images: number; ms: number }[] = [];
  const source = batches(tf, data.train, batchSize);
  try {
    return await trainEpochs();
  } finally {
    source.dispose();
  }

  async function trainEpochs(): Promise<TrainingOutcome> {
    for (let epoch = startEpoch; epoch <= epochs; epoch++) {
      const epochStarted = performance.now();
      nextEpochOrder();
      source.setOrder(order);
      for (let batch = 1; batch <= batchesPerEpoch; batch++) {
        await hooks.gate?.();
        if (hooks.stopped?.()) return { status: 'stopped', epoch };
        const started = performance.now();
        const first = (batch - 1) * batchSize;
        const n = Math.min(count, batch * batchSize) - first;
        const { x, y } = source.batch(first, n);
        hooks.beforeBatch?.((epoch - 1) * batchesPerEpoch + batch - 1);
        let result: number | number[];
        try {
          result = await model.trainOnBatch(x, y);
        } finally {
          x.dispose();
          y.dispose();
        }
        const [loss = NaN, accuracy = NaN] = Array.isArray(result) ? result : [result];
        recent.push({ images: n, ms: performance.now() - started });
        if (recent.length > 20) recent.shift();
        const imagesPerSecond = (recent.reduce((a, r) => a + r.images, 0) * 1000) / recent.reduce((a, r) => a + r.ms, 0);
        const imagesLeft = (epochs - epoch) * count + (count - Math.min(count, batch * batchSize));
        hooks.onBatch?.({ epoch, batch, batchesPerEpoch, loss, accuracy, imagesPerSecond, secondsLeft: imagesLeft / imagesPerSecond });
        if (validateAt.has(batch) && hooks.onValidation) {
          const validation = await evaluateSplit(tf, model, data.validation);
          hooks.onValidation({ epoch, at: epoch - 1 + batch / batchesPerEpoch, loss: validation.loss, accuracy: validation.accuracy });
        }
      }
      const test = await evaluateSplit(tf, model, data.test);
      await hooks.onEpoch?.(epoch, test, (performance.now() - epochStarted) / 1000);
      if (epoch === epochs) return { status: 'done', test };
    }
    // Only reached when startEpoch > epochs: nothing left to train.
    return { status: 'done', test: await evaluateSplit(tf, model, data.test) };
  }
}
