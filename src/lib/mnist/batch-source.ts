import type { Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';
import type { Tf } from '../../tf/namespace';
import { MNIST_CLASSES } from './model';
import { MNIST_PIXELS, fillBatch, type MnistSplit } from './dataset';

/**
 * Where the trainer's batches come from. Each epoch the trainer hands over its shuffled order;
 * a batch is a range of it. `cpuBatches` (the default) fills them on the CPU with fillBatch and
 * uploads each as new tensors; webgpu/gpu-batches.ts gathers them on the GPU instead.
 */
export interface BatchSource {
  /** This epoch's order of the training images. The array is the trainer's and is reused. */
  setOrder(order: Uint32Array): void;
  /** Images order[start .. start+n−1]: x [n,28,28,1] = pixels / 255, y [n,10] one-hot. The caller disposes both. */
  batch(start: number, n: number): { x: Tensor4D; y: Tensor2D };
  /** Frees what the source holds (called once, when training ends). */
  dispose(): void;
}

export type BatchSourceFactory = (tf: Tf, train: MnistSplit, batchSize: number) => BatchSource;

export const cpuBatches: BatchSourceFactory = (tf, train, batchSize) => {
  const xs = new Float32Array(batchSize * MNIST_PIXELS);
  const ys = new Float32Array(batchSize * MNIST_CLASSES);
  let order: Uint32Array = new Uint32Array(0);
  return {
    setOrder: (epochOrder) => {
      order = epochOrder;
    },
    batch: (start, n) => {
      fillBatch(train, order.subarray(start, start + n), xs, ys);
      return { x: tf.tensor4d(xs.subarray(0, n * MNIST_PIXELS), [n, 28, 28, 1]), y: tf.tensor2d(ys.subarray(0, n * MNIST_CLASSES), [n, MNIST_CLASSES]) };
    },
    dispose: () => undefined,
  };
};
