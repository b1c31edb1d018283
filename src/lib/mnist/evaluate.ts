import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from '../../tf/namespace';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MNIST_CLASSES } from './model';
import { MNIST_PIXELS, fillBatch, type MnistSplit } from './dataset';

export interface Evaluation {
  loss: number;
  accuracy: number;
  /** Predicted class of every image. */
  predicted: Uint8Array;
  /** The model's probability for its predicted class. */
  confidence: Float32Array;
}

/**
 * Runs the model over a whole split in batches and scores it in JavaScript: categorical
 * cross-entropy (probabilities clipped at 1e-7, as Keras does) and accuracy.
 */
export async function evaluateSplit(
  tf: Tf,
  model: LayersModel,
  split: MnistSplit,
  batchSize = 500,
): Promise<Evaluation> {
  const xs = new Float32Array(batchSize * MNIST_PIXELS);
  const ys = new Float32Array(batchSize * MNIST_CLASSES);
  const predicted = new Uint8Array(split.count);
  const confidence = new Float32Array(split.count);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < split.count; start += batchSize) {
    const n = Math.min(batchSize, split.count - start);
    const indices = Array.from({ length: n }, (_, i) => start + i);
    fillBatch(split, indices, xs, ys);
    const probabilities = tf.tidy(() => model.predict(tf.tensor4d(xs.subarray(0, n * MNIST_PIXELS), [n, 28, 28, 1])) as tfType.Tensor);
    const values = (await probabilities.data()) as Float32Array;
    probabilities.dispose();
    for (let i = 0; i < n; i++) {
      const row = values.subarray(i * MNIST_CLASSES, (i + 1) * MNIST_CLASSES);
      let best = 0;
      for (let k = 1; k < MNIST_CLASSES; k++) if ((row[k] ?? 0) > (row[best] ?? 0)) best = k;
      const label = split.labels[start + i] ?? 0;
      predicted[start + i] = best;
      confidence[start + i] = row[best] ?? 0;
      if (best === label) correct++;
      lossSum -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, row[label] ?? 0)));
    }
  }
  return { loss: lossSum / split.count, accuracy: correct / split.count, predicted, confidence };
}
