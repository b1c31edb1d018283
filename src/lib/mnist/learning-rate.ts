import type { Optimizer } from '@tensorflow/tfjs-core';

/**
 * Sets the learning rate a TensorFlow.js optimizer uses from its next update on. tfjs-core's
 * SGD (and Momentum, which extends it) keeps the rate as a kept scalar tensor and offers
 * `setLearningRate`, which replaces it; Adam, RMSProp and the others read their numeric
 * `learningRate` field inside every `applyGradients`, so assigning it is enough. Checked
 * against hand-computed iterates in test/unit/lr-schedules-tf.test.ts.
 */
export function setLearningRate(optimizer: Optimizer, learningRate: number): void {
  const target = optimizer as Optimizer & { learningRate?: number; setLearningRate?: (lr: number) => void };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate);
  else if (typeof target.learningRate === 'number') target.learningRate = learningRate;
  else throw new TypeError(`optimizer ${optimizer.getClassName()} has no learning rate to set`);
}
