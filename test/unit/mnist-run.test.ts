import { describe, expect, it } from 'vitest';
import { initialRun, reduceRun, type RunState } from '../../components/islands/mnist/run';
import type { FromWorker } from '../../src/lib/mnist/protocol';

const batch = (epoch: number, batchIndex: number, loss: number, batchesPerEpoch = 200): FromWorker => ({
  type: 'batch',
  report: { epoch, batch: batchIndex, batchesPerEpoch, loss, accuracy: 1 - loss / 3, imagesPerSecond: 600, secondsLeft: 10 },
});
const fold = (messages: FromWorker[], start: RunState = initialRun()) => messages.reduce(reduceRun, start);

describe('the MNIST island’s run state (folded from worker messages)', () => {
  it('averages batches into about 100 curve points per epoch, closing each epoch', () => {
    const run = fold(Array.from({ length: 200 }, (_, i) => batch(1, i + 1, 2 - i / 200)));
    expect(run.trainPoints).toHaveLength(100);
    expect(run.trainPoints[0]).toMatchObject({ x: 2 / 200 });
    expect(run.trainPoints[0]!.loss).toBeCloseTo((2 + (2 - 1 / 200)) / 2, 12);
    expect(run.trainPoints.at(-1)!.x).toBe(1);
    expect(run.bucket.count).toBe(0);
    expect(run.status).toBe('training');
  });

  it('keeps "paused" while in-flight batch reports arrive', () => {
    const run = fold([batch(1, 1, 2), { type: 'status', status: 'paused' }, batch(1, 2, 1.9)]);
    expect(run.status).toBe('paused');
    expect(run.batch?.batch).toBe(2);
  });

  it('on a backend fallback drops what belonged to the unfinished epoch and explains it', () => {
    const before = fold([
      ...Array.from({ length: 10 }, (_, i) => batch(1, i + 1, 1, 10)),
      { type: 'epoch', report: { epoch: 1, testAccuracy: 0.95, testLoss: 0.2, numTensors: 32, seconds: 10 } },
      ...Array.from({ length: 5 }, (_, i) => batch(2, i + 1, 0.5, 10)),
      { type: 'validation', report: { epoch: 2, at: 1.5, loss: 0.4, accuracy: 0.9 } },
    ]);
    const after = reduceRun(before, { type: 'fallback', from: 'webgpu', to: 'wasm', resumeEpoch: 2, why: 'GPU 设备丢失（destroyed）' });
    expect(after.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(after.trainPoints.every((p) => p.x <= 1)).toBe(true);
    expect(after.validation).toEqual([]);
    expect(after.notice).toContain('WASM 上从第 2 轮继续');
  });

  it('records the data counts, errors and the current model', () => {
    const run = fold([
      { type: 'data-ready', trainCount: 60_000, testCount: 10_000, fromCache: true },
      { type: 'error', message: '坏了' },
      { type: 'model', source: 'indexeddb', testAccuracy: 0.99, savedAt: null },
    ]);
    expect(run.dataCounts).toEqual({ train: 60_000, test: 10_000 });
    expect(run.dataFromCache).toBe(true);
    expect(run.error).toBe('坏了');
    expect(run.model?.source).toBe('indexeddb');
  });
});
