import type * as TfCore from '@tensorflow/tfjs-core';
import { createRng } from '../random/prng';
import type { OptimizerConfig } from './optimizers';
import {
  CLASSES,
  crossesRecord,
  epochPlan,
  PIXELS,
  validateTraining,
  type CurvePoint,
  type DigitSet,
  type SoftmaxStatus,
  type SoftmaxTrainOptions,
} from './softmax-regression';

/**
 * The TensorFlow.js twin of trainSoftmaxRegression: the same model, loss, zero start,
 * batches (same seed, same order) and records, trained by tf.train.* on whatever backend
 * `tf` runs (WebGPU in the island). TensorFlow.js arrives as a parameter so that this
 * module does not load it.
 */

export type Tf = typeof TfCore;

export interface SoftmaxTfRun {
  /** W (784 × 10, row-major) then b (10), as in the pure engine; float32. Empty when the run diverged. */
  params: Float32Array;
  epochLosses: number[];
  curve: CurvePoint[];
  evaluations: number;
  status: SoftmaxStatus;
}

export interface SoftmaxTfHooks {
  /** Called after each epoch with the records so far; the training waits for it. */
  onEpoch?: (epoch: number, loss: number, progress: { curve: readonly CurvePoint[]; evaluations: number }) => void | Promise<void>;
  /** Checked between updates; true stops the run (status stays 'ok', fewer epochs). */
  stopped?: () => boolean;
}

export function makeTfOptimizer(tf: Tf, config: OptimizerConfig): TfCore.Optimizer {
  switch (config.kind) {
    case 'gd':
      return tf.train.sgd(config.lr);
    case 'momentum':
      return tf.train.momentum(config.lr, config.momentum, false);
    case 'rmsprop':
      return tf.train.rmsprop(config.lr, config.rho, 0, config.epsilon, false);
    case 'adam':
      return tf.train.adam(config.lr, config.beta1, config.beta2, config.epsilon);
  }
}

export async function trainSoftmaxRegressionTf(
  tf: Tf,
  data: DigitSet,
  options: SoftmaxTrainOptions,
  hooks: SoftmaxTfHooks = {},
): Promise<SoftmaxTfRun> {
  const every = validateTraining(data, options);
  const rng = createRng(options.seed);
  // Inside tidy, so the zeros the variables are made from are freed.
  const weights = tf.tidy(() => tf.variable(tf.zeros([PIXELS, CLASSES]), true));
  const bias = tf.tidy(() => tf.variable(tf.zeros([CLASSES]), true));
  const images = tf.tensor2d(data.images, [data.count, PIXELS]);
  const oneHot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from(data.labels), 'int32'), CLASSES), 'float32'));
  const optimizer = makeTfOptimizer(tf, options.optimizer);
  const loss = (x: TfCore.Tensor, y: TfCore.Tensor): TfCore.Scalar =>
    tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x as TfCore.Tensor2D, weights), bias)) as TfCore.Scalar;
  const wholeLoss = async (): Promise<number> => {
    const value = tf.tidy(() => loss(images, oneHot));
    const [v = Number.NaN] = await value.data();
    value.dispose();
    return v;
  };
  const readParams = async (): Promise<Float32Array> => {
    const flat = tf.tidy(() => tf.concat([tf.reshape(weights, [-1]), bias]));
    const values = await flat.data();
    flat.dispose();
    return Float32Array.from(values);
  };
  const finish = async (status: SoftmaxStatus) => {
    const params = status.code === 'ok' ? await readParams() : new Float32Array(0);
    tf.dispose([weights, bias, images, oneHot]);
    optimizer.dispose();
    return { params, epochLosses, curve, evaluations, status };
  };

  const initial = await wholeLoss();
  const epochLosses = [initial];
  const curve: CurvePoint[] = [{ evaluations: 0, loss: initial }];
  let evaluations = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const batches = epochPlan(data.count, options.batch, rng);
    for (let b = 0; b < batches.length; b++) {
      if (hooks.stopped?.()) return finish({ code: 'ok' });
      const indices = batches[b] ?? [];
      tf.tidy(() => {
        const rows = tf.tensor1d(indices, 'int32');
        const x = tf.gather(images, rows);
        const y = tf.gather(oneHot, rows);
        optimizer.minimize(() => loss(x, y), false, [weights, bias]);
      });
      const after = evaluations + indices.length;
      const last = b === batches.length - 1;
      if (crossesRecord(evaluations, after, every) || last) {
        const value = await wholeLoss();
        if (!Number.isFinite(value)) return finish({ code: 'diverged', epoch, step: b + 1 });
        if (crossesRecord(evaluations, after, every)) curve.push({ evaluations: after, loss: value });
        if (last) epochLosses.push(value);
      }
      evaluations = after;
    }
    await hooks.onEpoch?.(epoch, epochLosses[epochLosses.length - 1] ?? Number.NaN, { curve, evaluations });
  }
  return finish({ code: 'ok' });
}
