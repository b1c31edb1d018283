import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { scheduleValues, type ScheduleConfig } from '../../src/lib/ml/lr-schedules';
import { setLearningRate } from '../../src/lib/mnist/learning-rate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// f(x) = Σ (x_i − a_i)², gradient 2(x − a): the iterates of a scheduled optimizer, by hand.
const a = [3, -1, 0.5];
const x0 = [0, 0, 0];
const config: ScheduleConfig = { lr: 0.1, lrMin: 0.001, factor: 0.5, everySteps: 3, warmup: 2, totalSteps: 12 };

function runTf(make: () => tf.Optimizer, rates: Float64Array): number[][] {
  const optimizer = make();
  const x = tf.variable(tf.tensor1d(x0));
  const target = tf.tensor1d(a);
  const iterates: number[][] = [];
  for (const lr of rates) {
    setLearningRate(optimizer, lr);
    optimizer.minimize(() => tf.sum(tf.square(tf.sub(x, target))) as tf.Scalar);
    iterates.push(Array.from(x.dataSync()));
  }
  optimizer.dispose();
  tf.dispose([x, target]);
  return iterates;
}

function sgdByHand(rates: Float64Array): number[][] {
  const x = [...x0];
  return Array.from(rates, (lr) => {
    x.forEach((xi, i) => (x[i] = xi - lr * 2 * (xi - a[i]!)));
    return [...x];
  });
}

function adamByHand(rates: Float64Array, b1 = 0.9, b2 = 0.999, eps = 1e-7): number[][] {
  const x = [...x0];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  return Array.from(rates, (lr, step) => {
    const t = step + 1;
    x.forEach((xi, i) => {
      const g = 2 * (xi - a[i]!);
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - b2 ** t);
      x[i] = xi - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
    return [...x];
  });
}

const close = (got: number[][], want: number[][]) => {
  expect(got).toHaveLength(want.length);
  got.forEach((row, t) => row.forEach((value, i) => expect(value).toBeCloseTo(want[t]![i]!, 4)));
};

describe('setting the learning rate before each step gives the scheduled iterates', () => {
  for (const kind of ['constant', 'step', 'cosine'] as const) {
    const rates = scheduleValues(kind, config);
    it(`SGD, ${kind}`, () => close(runTf(() => tf.train.sgd(1), rates), sgdByHand(rates)));
    it(`Adam, ${kind}`, () => close(runTf(() => tf.train.adam(1), rates), adamByHand(rates)));
  }

  it('the schedule matters: Adam with the step schedule differs from a constant rate', () => {
    const step = runTf(() => tf.train.adam(1), scheduleValues('step', config));
    const constant = runTf(() => tf.train.adam(1), scheduleValues('constant', config));
    expect(Math.abs(step.at(-1)![0]! - constant.at(-1)![0]!)).toBeGreaterThan(1e-3);
  });

  it('replacing SGD\'s rate tensor every step leaks nothing beyond what a fixed-rate run keeps', () => {
    const leftAfter = (set: boolean): number => {
      const before = tf.memory().numTensors;
      const optimizer = tf.train.sgd(0.1);
      const x = tf.variable(tf.tensor1d(x0));
      for (let t = 0; t < 12; t++) {
        if (set) setLearningRate(optimizer, 0.1 / (t + 1));
        optimizer.minimize(() => tf.sum(tf.square(x)) as tf.Scalar);
      }
      optimizer.dispose();
      x.dispose();
      return tf.memory().numTensors - before;
    };
    expect(leftAfter(true)).toBe(leftAfter(false));
  });
});
