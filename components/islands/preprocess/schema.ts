import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the chapter 3.1.1 preprocessing island (`?prep.mode=augment&prep.rot=30`).
 * One digit of the 300-digit sample, one seed for every random draw (noise, missing pixels,
 * augmentation parameters), and each mode's own settings. The default shows dead and stuck
 * pixels removed by a 3×3 median filter.
 */
export const prepSchema = {
  mode: { kind: 'enum', values: ['clean', 'normalize', 'augment'], default: 'clean' },
  /** Index into the 300 sample digits (0 is the first test digit, a 7). */
  digit: { kind: 'int', min: 0, max: 299, default: 1 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 7 },
  // Cleaning
  corrupt: { kind: 'enum', values: ['gaussian', 'salt', 'block', 'missing'], default: 'salt' },
  /** Standard deviation of the Gaussian noise (pixel values in [0, 1]). */
  sigma: { kind: 'number', min: 0, max: 1, default: 0.3 },
  /** Share of pixels hit by salt-and-pepper noise or missing at random. */
  p: { kind: 'number', min: 0, max: 1, default: 0.1 },
  /** Side of the missing block, in pixels. */
  block: { kind: 'int', min: 1, max: 28, default: 9 },
  fix: { kind: 'enum', values: ['none', 'median', 'clip', 'impute-mean', 'impute-neighbour'], default: 'median' },
  /** Outline the pixels that differ from the original. */
  marks: { kind: 'bool', default: true },
  // Normalization
  norm: { kind: 'enum', values: ['unit', 'symmetric', 'zscore', 'zscore-pixel'], default: 'unit' },
  // Augmentation: each parameter is drawn uniformly from its range.
  /** Rotation in [−rot, rot] degrees. */
  rot: { kind: 'number', min: 0, max: 180, default: 15 },
  /** Zoom factor in [1 − zoom, 1 + zoom]. */
  zoom: { kind: 'number', min: 0, max: 0.5, default: 0.1 },
  /** Shift in [−shift, shift] pixels on each axis. */
  shift: { kind: 'number', min: 0, max: 8, default: 2 },
  /** Crop side as a share of the image, in [crop, 1] (1: no crop). */
  crop: { kind: 'number', min: 0.5, max: 1, default: 0.85 },
  /** Probability of a left–right flip, and of a top–bottom flip. */
  flipH: { kind: 'number', min: 0, max: 1, default: 0 },
  flipV: { kind: 'number', min: 0, max: 1, default: 0 },
} as const satisfies Schema;

export const prepPresets = {
  /** Gaussian noise on every pixel: the median filter quiets it but roughens the strokes. */
  noisy: { mode: 'clean', corrupt: 'gaussian', sigma: 0.3, fix: 'median', marks: false },
  /** A fifth of the pixels missing at random, each filled from its known neighbours. */
  missing: { mode: 'clean', corrupt: 'missing', p: 0.2, fix: 'impute-neighbour', marks: true },
  /** z-scores with the training digits' mean and standard deviation. */
  standardize: { mode: 'normalize', norm: 'zscore' },
  /** A 7 flipped left–right half of the time: the flipped copies are no digit any more. */
  flip7: { mode: 'augment', digit: 0, rot: 10, zoom: 0.05, shift: 1, crop: 1, flipH: 0.5, flipV: 0 },
} as const satisfies Presets<typeof prepSchema>;
