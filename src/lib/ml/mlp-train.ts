import type { Rng } from '../random/prng';
import { createBatchSampler } from './batches';
import { meanLoss, type MlpGradients, type MlpParams, type Samples } from './mlp';
import { batchGradient } from './mlp-backward';

/** The update step of plain gradient descent: θ ← θ − η·∂L/∂θ. Returns new parameters. */
export function gradientStep(params: MlpParams, gradients: MlpGradients, lr: number): MlpParams {
  return {
    activation: params.activation,
    layers: params.layers.map((layer, l) => {
      const g = gradients[l];
      if (!g) throw new RangeError(`gradient for layer ${l + 1} missing`);
      return {
        weights: layer.weights.map((row, i) => row.map((w, j) => w - lr * (g.weights[i]?.[j] ?? 0))),
        biases: layer.biases.map((b, i) => b - lr * (g.biases[i] ?? 0)),
      };
    }),
  };
}

export interface TrainOptions {
  /** η */
  lr: number;
  /** Samples per update; ≥ the sample count means full-batch gradient descent. */
  batchSize: number;
  steps: number;
  /** Draws the batch order; the same seed gives the same run. */
  rng: Rng;
}

/** A mean loss above this counts as exploding: the logits are then in the hundreds. */
export const EXPLODING_LOSS = 100;

export type TrainStatus =
  | { code: 'ok' }
  /** Step `step` (1-based) would have made the loss non-finite or exploding; its result is dropped. */
  | { code: 'diverged'; step: number; reason: 'non-finite' | 'exploding' };

export interface TrainRun {
  /** The parameters after the last good step. */
  params: MlpParams;
  /** Mean loss over all samples: losses[0] before training, losses[t] after step t. Always finite. */
  losses: number[];
  status: TrainStatus;
}

const finiteParams = (params: MlpParams) =>
  params.layers.every((layer) => layer.biases.every(Number.isFinite) && layer.weights.every((row) => row.every(Number.isFinite)));

/** Mini-batch gradient descent for `steps` updates, with the full-data loss after each step. */
export function trainSteps(params: MlpParams, data: Samples, options: TrainOptions): TrainRun {
  const { lr, batchSize, steps, rng } = options;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`learning rate must be positive and finite, got ${lr}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const nextBatch = createBatchSampler(data.inputs.length, batchSize, rng);
  let current = params;
  const losses = [meanLoss(current, data)];
  for (let step = 1; step <= steps; step++) {
    const { gradients } = batchGradient(current, data, nextBatch());
    const candidate = gradientStep(current, gradients, lr);
    const loss = finiteParams(candidate) ? meanLoss(candidate, data) : Number.NaN;
    if (!Number.isFinite(loss)) return { params: current, losses, status: { code: 'diverged', step, reason: 'non-finite' } };
    if (loss > EXPLODING_LOSS) return { params: current, losses, status: { code: 'diverged', step, reason: 'exploding' } };
    current = candidate;
    losses.push(loss);
  }
  return { params: current, losses, status: { code: 'ok' } };
}
