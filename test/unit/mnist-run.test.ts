import { describe, expect, it } from 'vitest';
import { initialRun, isBusy, reduceRun, type RunAction, type RunState } from '../../components/islands/mnist/run';
import type { MnistTrainEvent } from '../../src/workers/features/mnist-api';
import type { TrainConfig } from '../../src/lib/mnist/reports';

type Message = MnistTrainEvent | RunAction;
const config: TrainConfig = { backend: 'wasm', slice: 'quick', epochs: 2, batchSize: 64, learningRate: 0.001, seed: 1 };
const batch = (epoch: number, batchIndex: number, loss: number, batchesPerEpoch = 200): Message => ({
  type: 'batch',
  report: { epoch, batch: batchIndex, batchesPerEpoch, loss, accuracy: 1 - loss / 3, imagesPerSecond: 600, secondsLeft: 10 },
});
const fold = (messages: Message[], start: RunState = initialRun()) => messages.reduce(reduceRun, start);

describe('the MNIST island’s run state (folded from worker events and page actions)', () => {
  it('keeps the run’s own settings, whatever the form says later', () => {
    const run = fold([{ type: 'start', config }]);
    expect(run.status).toBe('loading');
    expect(run.config).toEqual(config);
    expect(isBusy(run)).toBe(true);
  });

  it('averages batches into about 100 curve points per epoch, closing each epoch', () => {
    const run = fold(Array.from({ length: 200 }, (_, i) => batch(1, i + 1, 2 - i / 200)));
    expect(run.trainPoints).toHaveLength(100);
    expect(run.trainPoints[0]).toMatchObject({ x: 2 / 200 });
    expect(run.trainPoints[0]!.loss).toBeCloseTo((2 + (2 - 1 / 200)) / 2, 12);
    expect(run.trainPoints.at(-1)!.x).toBe(1);
    expect(run.bucket.count).toBe(0);
    expect(run.status).toBe('training');
  });

  it('keeps "paused" and "stopping" while in-flight batch reports arrive', () => {
    expect(fold([{ type: 'start', config }, batch(1, 1, 2), { type: 'paused' }, batch(1, 2, 1.9)]).status).toBe('paused');
    expect(fold([{ type: 'start', config }, batch(1, 1, 2), { type: 'stopping' }, batch(1, 2, 1.9), { type: 'status', status: 'training' }]).status).toBe('stopping');
  });

  it('ends stopped with the epochs it finished, or with none', () => {
    const some = fold([{ type: 'start', config }, { type: 'epoch', report: { epoch: 1, testAccuracy: 0.9, testLoss: 0.3, numTensors: 30, seconds: 9 } }, { type: 'finished', status: 'stopped', epochsDone: 1 }]);
    expect([some.status, some.epochsDone]).toEqual(['stopped', 1]);
    expect(isBusy(some)).toBe(false);
    expect(fold([{ type: 'start', config }, { type: 'finished', status: 'stopped', epochsDone: 0 }]).epochsDone).toBe(0);
  });

  it('on a backend fallback drops what belonged to the unfinished epoch and records why', () => {
    const before = fold([
      ...Array.from({ length: 10 }, (_, i) => batch(1, i + 1, 1, 10)),
      { type: 'epoch', report: { epoch: 1, testAccuracy: 0.95, testLoss: 0.2, numTensors: 32, seconds: 10 } },
      ...Array.from({ length: 5 }, (_, i) => batch(2, i + 1, 0.5, 10)),
      { type: 'validation', report: { epoch: 2, at: 1.5, loss: 0.4, accuracy: 0.9 } },
    ]);
    const after = reduceRun(before, { type: 'fallback', from: 'webgpu', to: 'wasm', resumeEpoch: 2, loss: 'webgpu-device-lost' });
    expect(after.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(after.trainPoints.every((p) => p.x <= 1)).toBe(true);
    expect(after.validation).toEqual([]);
    expect(after.fallback).toMatchObject({ to: 'wasm', resumeEpoch: 2, loss: 'webgpu-device-lost' });
  });

  it('records data counts, failures as codes and each notice once', () => {
    const run = fold([
      { type: 'data-ready', trainCount: 60_000, testCount: 10_000, fromCache: true },
      { type: 'notice', notice: { code: 'save-timeout', seconds: 8 } },
      { type: 'notice', notice: { code: 'save-timeout', seconds: 8 } },
      { type: 'failed', code: 'data-stalled', detail: {} },
    ]);
    expect(run.dataCounts).toEqual({ train: 60_000, test: 10_000 });
    expect(run.dataFromCache).toBe(true);
    expect(run.notices).toHaveLength(1);
    expect([run.status, run.error?.code]).toEqual(['error', 'data-stalled']);
  });
});
