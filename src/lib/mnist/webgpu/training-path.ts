// Exports: ownTrainingPath(tf) → the options the worker passes to buildMnistModel (optimizer) and
// trainModel (batches): our fused Adam and GPU batches on the webgpu backend, {} (stock) elsewhere.
// STOCK_TRAINING_PATH is the stock choice ({}), for the bench's side-by-side.
import type { Optimizer } from '@tensorflow/tfjs-core';
import type { Tf } from '../../../tf/namespace';
import type { BatchSourceFactory } from '../batch-source';
import { createFusedAdam } from './fused-adam';
import { gpuBatches } from './gpu-batches';

export interface TrainingPath {
  /** Builds the model's optimizer (buildMnistModel's `optimizer`); absent: tf.train.adam. */
  optimizer?: (learningRate: number) => Optimizer;
  /** The trainer's batch source (TrainingRun's `batches`); absent: filled on the CPU. */
  batches?: BatchSourceFactory;
}

export const STOCK_TRAINING_PATH: TrainingPath = {};

/**
 * What chapter 5 and 9 train with on the current backend. On webgpu: Adam as one dispatch per
 * variable and batches gathered on the GPU; elsewhere, and when `enabled` is false, stock tfjs.
 * Call after the backend is chosen; the worker and `npm run bench:gpu` both go through here.
 */
export function ownTrainingPath(tf: Tf, enabled = true): TrainingPath {
  if (!enabled || tf.getBackend() !== 'webgpu') return STOCK_TRAINING_PATH;
  return { optimizer: (learningRate) => createFusedAdam(tf, learningRate), batches: gpuBatches };
}
