import { createRng, type Rng } from '../random/prng';
import { epochBatches } from './batches';
import { initOptimizerState, optimizerStep, type OptimizerConfig } from './optimizers';

/**
 * Multinomial logistic (softmax) regression on digit images, 784 → 10, for racing the
 * optimizers of chapter 3.2 on real data. logits = x·W + b, p = softmax(logits), and the
 * loss is the MEAN cross-entropy −(1/|B|)·Σ ln p_y over a batch B. Its gradient:
 * ∂L/∂logit_k = (p_k − [k = y])/|B|, ∂L/∂W_pk = Σ x_p·∂L/∂logit_k, ∂L/∂b_k = Σ ∂L/∂logit_k.
 *
 * Parameters are one Float64Array of 7850 numbers: W (784 × 10, row-major, so
 * params[p·10 + k] = W[p][k], the layout of tf.matMul(x, W)) followed by b (10).
 * Training starts from all zeros, where the loss is ln 10 for every sample.
 */

export const PIXELS = 784;
export const CLASSES = 10;
export const PARAM_COUNT = PIXELS * CLASSES + CLASSES;

export interface DigitSet {
  /** count × 784 pixels in [0, 1], row-major. */
  images: Float32Array;
  /** count labels in 0–9. */
  labels: ArrayLike<number>;
  count: number;
}

/** count images starting at `start` of an MNIST split (uint8 pixels), scaled to [0, 1]. */
export function digitSetFrom(split: { images: Uint8Array; labels: Uint8Array }, start: number, count: number): DigitSet {
  const images = new Float32Array(count * PIXELS);
  for (let i = 0; i < images.length; i++) images[i] = (split.images[start * PIXELS + i] ?? 0) / 255;
  return { images, labels: split.labels.slice(start, start + count), count };
}

/** How the gradient of each update is computed (erratum E4). */
export type BatchPlan = { mode: 'full' } | { mode: 'sgd' } | { mode: 'minibatch'; size: number };

/** The batches of one epoch: the whole set once (in order), or a seeded shuffle cut into batches. */
export function epochPlan(count: number, plan: BatchPlan, rng: Rng): number[][] {
  if (plan.mode === 'full') return [Array.from({ length: count }, (_, i) => i)];
  return epochBatches(count, plan.mode === 'sgd' ? 1 : plan.size, rng);
}

function logits(params: Float64Array, images: Float32Array, n: number, out: Float64Array): void {
  const offset = n * PIXELS;
  for (let k = 0; k < CLASSES; k++) out[k] = params[PIXELS * CLASSES + k] ?? 0;
  for (let p = 0; p < PIXELS; p++) {
    const x = images[offset + p] ?? 0;
    if (x === 0) continue;
    for (let k = 0; k < CLASSES; k++) out[k] = (out[k] ?? 0) + x * (params[p * CLASSES + k] ?? 0);
  }
}

/** Turns logits into probabilities in place and returns ln Σ exp(logits) (computed stably). */
function softmaxInPlace(z: Float64Array): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] ?? 0) - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] ?? 0) / sum;
  return max + Math.log(sum);
}

export interface LossAndGradient {
  loss: number;
  gradient: Float64Array;
}

/** Mean cross-entropy and its gradient over the samples in `indices` (all when omitted). */
export function lossAndGradient(params: Float64Array, data: DigitSet, indices?: readonly number[]): LossAndGradient {
  const chosen = indices ?? Array.from({ length: data.count }, (_, i) => i);
  if (chosen.length === 0) throw new RangeError('a batch needs at least one sample');
  const gradient = new Float64Array(PARAM_COUNT);
  const z = new Float64Array(CLASSES);
  let loss = 0;
  const scale = 1 / chosen.length;
  for (const n of chosen) {
    const label = data.labels[n] ?? -1;
    if (n < 0 || n >= data.count || label < 0 || label >= CLASSES) throw new RangeError(`sample ${n} out of range`);
    logits(params, data.images, n, z);
    const target = z[label] ?? 0;
    // −ln p_y = ln Σ exp(logits) − logit_y, finite even when p_y underflows.
    loss += softmaxInPlace(z) - target;
    z[label] = (z[label] ?? 0) - 1;
    for (let k = 0; k < CLASSES; k++) z[k] = (z[k] ?? 0) * scale;
    for (let p = 0; p < PIXELS; p++) {
      const x = data.images[n * PIXELS + p] ?? 0;
      if (x === 0) continue;
      for (let k = 0; k < CLASSES; k++) gradient[p * CLASSES + k] = (gradient[p * CLASSES + k] ?? 0) + x * (z[k] ?? 0);
    }
    for (let k = 0; k < CLASSES; k++) gradient[PIXELS * CLASSES + k] = (gradient[PIXELS * CLASSES + k] ?? 0) + (z[k] ?? 0);
  }
  return { loss: loss * scale, gradient };
}

/** Mean cross-entropy over the whole set. */
export function meanCrossEntropy(params: Float64Array, data: DigitSet): number {
  const z = new Float64Array(CLASSES);
  let loss = 0;
  for (let n = 0; n < data.count; n++) {
    logits(params, data.images, n, z);
    const target = z[data.labels[n] ?? 0] ?? 0;
    loss += softmaxInPlace(z) - target;
  }
  return loss / Math.max(1, data.count);
}

/** Share of images whose largest logit is the true class. */
export function softmaxAccuracy(params: Float64Array, data: DigitSet): number {
  const z = new Float64Array(CLASSES);
  let correct = 0;
  for (let n = 0; n < data.count; n++) {
    logits(params, data.images, n, z);
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if ((z[k] ?? 0) > (z[best] ?? 0)) best = k;
    if (best === data.labels[n]) correct++;
  }
  return correct / Math.max(1, data.count);
}

export interface SoftmaxTrainOptions {
  optimizer: OptimizerConfig;
  batch: BatchPlan;
  epochs: number;
  /** Seeds the shuffling of every epoch. */
  seed: number;
  /** Record the whole-set loss each time this many more per-sample gradients have been evaluated; default ⌈count/10⌉. */
  recordEvery?: number;
}

export interface CurvePoint {
  /** Per-sample gradients evaluated so far. */
  evaluations: number;
  /** Mean cross-entropy over the whole set at that moment. */
  loss: number;
}

export type SoftmaxStatus =
  | { code: 'ok' }
  /** Update `step` (1-based, within epoch `epoch`) made a parameter or the loss non-finite; it is dropped. */
  | { code: 'diverged'; epoch: number; step: number };

export interface SoftmaxRun {
  params: Float64Array;
  /** Whole-set loss: epochLosses[0] before training, epochLosses[e] after epoch e. */
  epochLosses: number[];
  /** Whole-set loss against per-sample gradients evaluated, starting at (0, ln 10). */
  curve: CurvePoint[];
  /** Per-sample gradients evaluated in all: count per epoch, whatever the batch plan. */
  evaluations: number;
  status: SoftmaxStatus;
}

export function validateTraining(data: DigitSet, options: SoftmaxTrainOptions): number {
  const { epochs, batch } = options;
  if (data.count < 1 || data.images.length !== data.count * PIXELS || data.labels.length !== data.count) {
    throw new RangeError('images and labels must describe count ≥ 1 digits of 784 pixels');
  }
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`epochs must be a non-negative integer, got ${epochs}`);
  if (batch.mode === 'minibatch' && (!Number.isInteger(batch.size) || batch.size < 1)) throw new RangeError(`batch size must be a positive integer, got ${batch.size}`);
  const every = options.recordEvery ?? Math.ceil(data.count / 10);
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`recordEvery must be a positive integer, got ${every}`);
  return every;
}

/** Whether going from `before` to `after` evaluations crossed a multiple of `every`. */
export const crossesRecord = (before: number, after: number, every: number): boolean => Math.floor(after / every) > Math.floor(before / every);

/** Trains from zeros with one update rule and one batch plan; deterministic per seed. */
export function trainSoftmaxRegression(data: DigitSet, options: SoftmaxTrainOptions): SoftmaxRun {
  const every = validateTraining(data, options);
  const rng = createRng(options.seed);
  let params: Float64Array = new Float64Array(PARAM_COUNT);
  let state = initOptimizerState(options.optimizer.kind, PARAM_COUNT);
  const initial = meanCrossEntropy(params, data);
  const epochLosses = [initial];
  const curve: CurvePoint[] = [{ evaluations: 0, loss: initial }];
  let evaluations = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const batches = epochPlan(data.count, options.batch, rng);
    for (let b = 0; b < batches.length; b++) {
      const indices = batches[b] ?? [];
      const { gradient } = lossAndGradient(params, data, indices);
      const update = optimizerStep(options.optimizer, state, params, gradient);
      const after = evaluations + indices.length;
      const recorded = crossesRecord(evaluations, after, every) || b === batches.length - 1 ? meanCrossEntropy(update.params, data) : 0;
      if (!Number.isFinite(recorded) || !update.params.every(Number.isFinite)) {
        return { params, epochLosses, curve, evaluations, status: { code: 'diverged', epoch, step: b + 1 } };
      }
      if (crossesRecord(evaluations, after, every)) curve.push({ evaluations: after, loss: recorded });
      if (b === batches.length - 1) epochLosses.push(recorded);
      params = update.params;
      state = update.state;
      evaluations = after;
    }
  }
  return { params, epochLosses, curve, evaluations, status: { code: 'ok' } };
}
