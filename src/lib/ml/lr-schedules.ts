/**
 * Learning-rate schedules of 9.2: constant, step decay and cosine annealing, each with an
 * optional linear warmup, as pure functions of the step. Steps count from 0: step t is the
 * t-th parameter update of a run of T steps.
 *
 * - constant: η_t = η_max;
 * - step decay: η_t = η_max · γ^⌊t / k⌋ (Keras `ExponentialDecay(η_max, k, γ, staircase=True)`);
 * - cosine annealing: η_t = η_min + ½(η_max − η_min)(1 + cos(πt/T)) (the formula of 9.2;
 *   Keras `CosineDecay(η_max, T, alpha=η_min/η_max)`).
 *
 * With a warmup of w steps, the rate climbs linearly, η_t = η_max · t / w for t < w (Keras'
 * warmup from 0), and the schedule then runs over the remaining T − w steps, evaluated at t − w.
 */

export type ScheduleKind = 'constant' | 'step' | 'cosine';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['constant', 'step', 'cosine'];

export interface ScheduleConfig {
  /** η_max: the rate at the start (after warmup). */
  lr: number;
  /** η_min: where cosine annealing ends. */
  lrMin: number;
  /** γ: step decay multiplies the rate by this every `everySteps` steps. */
  factor: number;
  /** k: steps between two step-decay drops. */
  everySteps: number;
  /** w: warmup steps (0 = none). */
  warmup: number;
  /** T: the total number of steps of the run. */
  totalSteps: number;
}

export type ScheduleProblem =
  | { code: 'lr-not-positive'; lr: number }
  | { code: 'lr-min-negative'; lrMin: number }
  | { code: 'lr-min-above-max'; lr: number; lrMin: number }
  | { code: 'factor-out-of-range'; factor: number }
  | { code: 'every-not-positive'; everySteps: number }
  | { code: 'total-not-positive'; totalSteps: number }
  | { code: 'warmup-too-long'; warmup: number; totalSteps: number };

const positiveInt = (n: number): boolean => Number.isInteger(n) && n > 0;

/** Why a configuration cannot make a schedule, or null when it can. */
export function checkSchedule(c: ScheduleConfig): ScheduleProblem | null {
  if (!(c.lr > 0) || !Number.isFinite(c.lr)) return { code: 'lr-not-positive', lr: c.lr };
  if (!(c.lrMin >= 0)) return { code: 'lr-min-negative', lrMin: c.lrMin };
  if (c.lrMin > c.lr) return { code: 'lr-min-above-max', lr: c.lr, lrMin: c.lrMin };
  if (!(c.factor > 0 && c.factor <= 1)) return { code: 'factor-out-of-range', factor: c.factor };
  if (!positiveInt(c.everySteps)) return { code: 'every-not-positive', everySteps: c.everySteps };
  if (!positiveInt(c.totalSteps)) return { code: 'total-not-positive', totalSteps: c.totalSteps };
  if (!Number.isInteger(c.warmup) || c.warmup < 0 || c.warmup >= c.totalSteps) return { code: 'warmup-too-long', warmup: c.warmup, totalSteps: c.totalSteps };
  return null;
}

/** Cosine annealing from lr to lrMin over `total` steps, at step t (0 ≤ t ≤ total). */
export function cosineAt(lr: number, lrMin: number, t: number, total: number): number {
  // Written as a drop from lr so that t = 0 gives lr exactly (lrMin + (lr − lrMin) can miss it by an
  // ulp); the clamp keeps rounding from stepping outside [lrMin, lr].
  const value = lr - 0.5 * (lr - lrMin) * (1 - Math.cos((Math.PI * t) / total));
  return Math.min(lr, Math.max(lrMin, value));
}

/** Step decay: lr · factor^⌊t / every⌋. */
export function stepDecayAt(lr: number, factor: number, every: number, t: number): number {
  return lr * factor ** Math.floor(t / every);
}

/** The learning rate of `kind` at step t of a checked configuration. */
export function learningRateAt(kind: ScheduleKind, c: ScheduleConfig, t: number): number {
  if (t < c.warmup) return (c.lr * t) / c.warmup;
  const s = t - c.warmup;
  switch (kind) {
    case 'constant':
      return c.lr;
    case 'step':
      return stepDecayAt(c.lr, c.factor, c.everySteps, s);
    case 'cosine':
      return cosineAt(c.lr, c.lrMin, s, c.totalSteps - c.warmup);
  }
}

/** Every step's rate, 0..T−1: what a run of T updates uses. */
export function scheduleValues(kind: ScheduleKind, c: ScheduleConfig): Float64Array {
  return Float64Array.from({ length: c.totalSteps }, (_, t) => learningRateAt(kind, c, t));
}

/**
 * Exponentially smoothed losses with TensorBoard's bias correction: s_t = β s_{t−1} + (1−β) x_t,
 * shown as s_t / (1 − β^{t+1}), so the first point is x_0 rather than (1−β) x_0.
 * A non-finite loss ends the curve (the run diverged): the result stops before it.
 */
export function smoothLosses(losses: ArrayLike<number>, beta: number): number[] {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`smoothing weight ${beta} is outside [0, 1)`);
  const out: number[] = [];
  let s = 0;
  for (let t = 0; t < losses.length; t++) {
    const x = losses[t] ?? NaN;
    if (!Number.isFinite(x)) break;
    s = beta * s + (1 - beta) * x;
    out.push(s / (1 - beta ** (t + 1)));
  }
  return out;
}

/** ln 10: the cross-entropy of a 10-class model that guesses uniformly (an untrained one). */
export const GUESSING_LOSS = Math.log(10);

export type RunVerdict = 'diverged' | 'no-progress' | 'learned';

/**
 * How a run ended, from its final loss: diverged when the loss is not a finite number or is
 * more than twice that of guessing (the model is confidently wrong: Keras clips probabilities
 * at 1e-7, so a blown-up model shows ≈ 14–16 rather than Infinity); no progress when it is no
 * better than guessing; learned otherwise.
 */
export function runVerdict(loss: number): RunVerdict {
  if (!Number.isFinite(loss) || loss > 2 * GUESSING_LOSS) return 'diverged';
  if (loss >= GUESSING_LOSS - 0.01) return 'no-progress';
  return 'learned';
}

/** A training run of the 9.2 island, in the units the reader sets (epochs, images). */
export interface ScheduledRun {
  images: number;
  epochs: number;
  batchSize: number;
  lr: number;
  lrMin: number;
  factor: number;
  /** Step decay drops the rate every this many epochs. */
  everyEpochs: number;
  /** Warmup in steps. */
  warmup: number;
}

/** Updates per epoch: the last, shorter batch of an epoch is an update too. */
export const stepsPerEpoch = (images: number, batchSize: number): number => Math.ceil(images / batchSize);

/** The schedule of a run, in steps. */
export function scheduleOfRun(run: ScheduledRun): ScheduleConfig {
  const perEpoch = stepsPerEpoch(run.images, run.batchSize);
  return { lr: run.lr, lrMin: run.lrMin, factor: run.factor, everySteps: run.everyEpochs * perEpoch, warmup: run.warmup, totalSteps: run.epochs * perEpoch };
}
