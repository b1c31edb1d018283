// Exports: ownTrainingPath(tf) → the options the worker passes to buildMnistModel (optimizer, loss, accuracy) and
// trainModel (batches): our fused Adam and GPU batches on the webgpu backend, {} (stock) elsewhere.
// STOCK_TRAINING_PATH is the stock choice ({}), for the bench's side-by-side; modelOptions(path) → buildMnistModel's part.
import type { Optimizer } from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { BatchSourceFactory } from '../batch-source';
import { createFusedAdam } from './fused-adam';
import { gpuBatches } from './gpu-batches';
import { fusedAccuracy, fusedCrossentropy, type LossOrMetric } from './fused-loss';
import { installPooledUploads, type UploadingBackend } from './pooled-uploads';

export interface TrainingPath {
  /** Builds the model's optimizer (buildMnistModel's `optimizer`); absent: tf.train.adam. */
  optimizer?: (learningRate: number) => Optimizer;
  /** The trainer's batch source (TrainingRun's `batches`); absent: filled on the CPU. */
  batches?: BatchSourceFactory;
  /** buildMnistModel's `loss` and `accuracy`; absent: tfjs-layers' 'categoricalCrossentropy' and 'accuracy'. */
  loss?: LossOrMetric;
  accuracy?: LossOrMetric;
}

export const STOCK_TRAINING_PATH: TrainingPath = {};

/** The path's part of buildMnistModel's options: optimizer, loss and accuracy. */
export const modelOptions = (path: TrainingPath) => ({ optimizer: path.optimizer, loss: path.loss, accuracy: path.accuracy });

/**
 * What chapter 5 and 9 train with on the current backend. On webgpu: Adam as one dispatch per
 * variable and batches gathered on the GPU; elsewhere, and when `enabled` is false, stock tfjs.
 * Call after the backend is chosen; the worker and `npm run bench:gpu` both go through here.
 * On webgpu it also makes this backend upload CPU-side values without creating buffers
 * (pooled-uploads.ts), once per backend.
 */
export function ownTrainingPath(tf: Tf, enabled = true): TrainingPath {
  if (!enabled || tf.getBackend() !== 'webgpu') return STOCK_TRAINING_PATH;
  installPooledUploads(tf.backend() as unknown as UploadingBackend);
  return { optimizer: (learningRate) => createFusedAdam(tf, learningRate), batches: gpuBatches, loss: fusedCrossentropy(tf), accuracy: fusedAccuracy(tf) };
}
