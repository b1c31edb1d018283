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

/**
 * Mini-batch gradient descent that advances on request (an island's play button): the
 * same batches, updates and divergence checks as trainSteps, which runs on one. The batch
 * of the next step is drawn in advance, so a view can mark it before the step is taken.
 */
export interface Trainer {
  /** The parameters after the last good step. */
  readonly params: MlpParams;
  /** Mean loss over all samples: losses[0] before training, losses[t] after step t. */
  readonly losses: readonly number[];
  readonly status: TrainStatus;
  /** Updates taken so far. */
  readonly steps: number;
  /** Sample indices of the batch the next update will use. */
  readonly nextBatch: readonly number[];
  /** Takes up to `count` more updates; stops for good at the first diverging one. */
  advance(count: number): TrainStatus;
}

export function createTrainer(params: MlpParams, data: Samples, options: Omit<TrainOptions, 'steps'>): Trainer {
  const { lr, batchSize, rng } = options;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`learning rate must be positive and finite, got ${lr}`);
  const drawBatch = createBatchSampler(data.inputs.length, batchSize, rng);
  let current = params;
  let status: TrainStatus = { code: 'ok' };
  let batch = drawBatch();
  const losses = [meanLoss(current, data)];
  const advance = (count: number): TrainStatus => {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`step count must be a non-negative integer, got ${count}`);
    for (let k = 0; k < count && status.code === 'ok'; k++) {
      const step = losses.length;
      const { gradients } = batchGradient(current, data, batch);
      const candidate = gradientStep(current, gradients, lr);
      const loss = finiteParams(candidate) ? meanLoss(candidate, data) : Number.NaN;
      if (!Number.isFinite(loss)) status = { code: 'diverged', step, reason: 'non-finite' };
      else if (loss > EXPLODING_LOSS) status = { code: 'diverged', step, reason: 'exploding' };
      else {
        current = candidate;
        losses.push(loss);
        batch = drawBatch();
      }
    }
    return status;
  };
  return {
    get params() {
      return current;
    },
    losses,
    get status() {
      return status;
    },
    get steps() {
      return losses.length - 1;
    },
    get nextBatch() {
      return batch;
    },
    advance,
  };
}

/** Mini-batch gradient descent for `steps` updates, with the full-data loss after each step. */
export function trainSteps(params: MlpParams, data: Samples, options: TrainOptions): TrainRun {
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const trainer = createTrainer(params, data, options);
  const status = trainer.advance(steps);
  return { params: trainer.params, losses: [...trainer.losses], status };
}
