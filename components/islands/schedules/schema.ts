import type { Presets, Schema } from '../../../src/lib/state/codec';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the 9.2 learning-rate island (`?sched.lr=0.01&sched.factor=0.5#live-schedules`).
 * The compare run trains the chapter 5 CNN (Adam) three times, once per schedule, on the first
 * `images` training images for `epochs` epochs; the grid trains it once per learning rate ×
 * batch size on the first `gridImages` images (one pass, so every cell sees the same
 * examples). Negative or zero rates, a step factor above 1 and non-integer counts are refused
 * by the codec; η_min above η_max and a warmup as long as the run are explained by the island.
 */
export const schedulesSchema = {
  backend: backendField,
  /** η_max: the peak learning rate (Adam). */
  lr: { kind: 'number', min: 0.00001, max: 1, default: 0.003 },
  /** η_min: where cosine annealing ends. */
  lrMin: { kind: 'number', min: 0, max: 1, default: 0 },
  /** γ: step decay multiplies the rate by this… */
  factor: { kind: 'number', min: 0.01, max: 1, default: 0.5 },
  /** …every this many epochs. */
  every: { kind: 'int', min: 1, max: 10, default: 1 },
  /** Linear warmup, in steps. */
  warmup: { kind: 'int', min: 0, max: 2_000, default: 0 },
  images: { kind: 'int', min: 64, max: 12_000, default: 2_000 },
  epochs: { kind: 'int', min: 1, max: 10, default: 3 },
  batch: { kind: 'int', min: 8, max: 512, default: 64 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
  gridLrs: { kind: 'numbers', min: 0.00001, max: 1, minLength: 1, maxLength: 4, default: [0.001, 0.01, 0.1] },
  gridBatches: { kind: 'numbers', min: 8, max: 512, minLength: 1, maxLength: 4, integer: true, default: [16, 64, 256] },
  gridImages: { kind: 'int', min: 64, max: 12_000, default: 2_048 },
} as const satisfies Schema;

export const schedulesPresets = {
  /** A rate where decay pays: cosine against step decay (and constant) at η_max = 0.01. */
  'cosine-vs-step': { lr: 0.01, lrMin: 0, factor: 0.5, every: 1, warmup: 0 },
  /** Too high for Adam on this CNN: the constant run blows up. */
  'too-high': { lr: 0.1, lrMin: 0, factor: 0.5, every: 1, warmup: 0 },
  /** The same high rate reached by a linear warmup over the first 60 steps. */
  warmup: { lr: 0.01, warmup: 60 },
  /** A first look in a few seconds: 512 images, one epoch. */
  quick: { images: 512, epochs: 1, every: 1, gridImages: 512 },
} as const satisfies Presets<typeof schedulesSchema>;
