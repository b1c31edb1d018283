import {
  addGaussianNoise,
  addSaltAndPepper,
  applyMinMax,
  clip,
  countDifferent,
  differenceMask,
  digitImage,
  dropBlock,
  dropPixels,
  fitMinMax,
  fitStandardizer,
  grayImage,
  histogram,
  imputeMissing,
  meanAbsoluteDifference,
  medianFilter3,
  pixelMeanStd,
  standardize,
  window3,
  type GrayImage,
  type HistogramBin,
  type MaskedImage,
} from '../../../src/lib/ml/image-ops';
import { flipChangesMeaning, randomAugment, rotationChangesMeaning, type AugmentParams, type Flip } from '../../../src/lib/ml/augmentation';
import type { DigitSample } from '../../../src/lib/mnist/sample-digits';
import { createRng } from '../../../src/lib/random/prng';
import type { StateOf } from '../../../src/lib/state/codec';
import type { prepSchema } from './schema';

export type PrepState = StateOf<typeof prepSchema>;

/** A pixel "differs" when it moved by more than this (about 26 of 255 grey levels). */
export const CHANGE_TOLERANCE = 0.1;
export const AUGMENT_COPIES = 8;
export const HISTOGRAM_BINS = 32;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

export type CleanExample =
  | { kind: 'median'; x: number; y: number; window: number[]; before: number; after: number }
  | { kind: 'clip'; x: number; y: number; before: number; after: number }
  | { kind: 'impute-mean'; mean: number; known: number; filled: number }
  | { kind: 'impute-neighbour'; filled: number };

export interface CleanView {
  corrupted: GrayImage;
  missing: Uint8Array | null;
  /** Null when the cleaning step could not run (failure says why). */
  cleaned: GrayImage | null;
  failure: 'all-missing' | null;
  /** 'nothing-missing': imputation on an image without missing pixels; 'mask-as-zero': a filter saw missing pixels as 0. */
  note: 'nothing-missing' | 'mask-as-zero' | null;
  corruptedMask: Uint8Array;
  changedByCorruption: number;
  remainingMask: Uint8Array | null;
  remaining: number | null;
  /** Of the pixels the corruption broke: how many the cleaning repaired (within the tolerance). */
  repaired: number | null;
  /** Pixels that were right and that the cleaning step broke (a filter also smooths strokes). */
  introduced: number | null;
  /** Pixels the cleaning step itself changed. */
  touched: number | null;
  /** Corrupted values outside [0, 1]. */
  outOfRange: number;
  maeBefore: number;
  maeAfter: number | null;
  example: CleanExample | null;
}

export type NormalizeFit =
  | { kind: 'minmax'; min: number; max: number; lo: number; hi: number }
  | { kind: 'zscore'; mean: number; std: number }
  | { kind: 'zscore-pixel'; flat: number };

export interface NormalizeView {
  trainCount: number;
  fit: NormalizeFit | null;
  failure: 'no-images' | 'zero-range' | 'zero-variance' | null;
  /** The held-out digit in raw grey levels 0…255, and normalized. */
  before: GrayImage;
  after: GrayImage | null;
  afterDomain: readonly [number, number];
  histBefore: HistogramBin[];
  histAfter: HistogramBin[];
  trainBefore: { mean: number; std: number };
  trainAfter: { mean: number; std: number } | null;
  heldAfter: { mean: number; std: number } | null;
  /** Pixels of the held-out digit, raw → normalized, for the formula (per-pixel: with that pixel's μ and σ). */
  examples: { x: number; y: number; raw: number; value: number; mean?: number; std?: number }[];
}

export interface AugmentCopy {
  image: GrayImage;
  params: AugmentParams;
  flip: Flip | null;
  /** The flip turns this digit into no digit or another one. */
  flipChanges: boolean;
  rotationChanges: boolean;
}

export interface PrepModel {
  state: PrepState;
  label: number;
  original: GrayImage;
  clean: CleanView | null;
  normalize: NormalizeView | null;
  augment: AugmentCopy[] | null;
}

const rawDigit = (sample: DigitSample, index: number): GrayImage =>
  grayImage(SIDE, SIDE, Float32Array.from(sample.images.subarray(index * PIXELS, (index + 1) * PIXELS)));

function corrupt(original: GrayImage, state: PrepState): { image: GrayImage; masked: MaskedImage | null } {
  const rng = createRng(state.seed);
  switch (state.corrupt) {
    case 'gaussian':
      return { image: addGaussianNoise(original, state.sigma, rng), masked: null };
    case 'salt':
      return { image: addSaltAndPepper(original, state.p, rng), masked: null };
    case 'missing': {
      const masked = dropPixels(original, state.p, rng);
      return { image: masked.image, masked };
    }
    case 'block': {
      // Near the centre, where the strokes are, moved a little by the seed.
      const start = Math.floor((SIDE - state.block) / 2);
      const at = (jitter: number) => Math.min(SIDE - state.block, Math.max(0, start + jitter - 3));
      const masked = dropBlock(original, { x: at(rng.int(7)), y: at(rng.int(7)), width: state.block, height: state.block });
      return { image: masked.image, masked };
    }
  }
}

/** The pixel where two images differ most (first of ties). */
function mostChanged(a: GrayImage, b: GrayImage): { x: number; y: number; delta: number } {
  let best = 0;
  let delta = 0;
  a.data.forEach((v, i) => {
    const d = Math.abs(v - (b.data[i] ?? 0));
    if (d > delta) {
      delta = d;
      best = i;
    }
  });
  return { x: best % a.width, y: Math.floor(best / a.width), delta };
}

export function deriveClean(original: GrayImage, state: PrepState): CleanView {
  const { image: corrupted, masked } = corrupt(original, state);
  const missing = masked?.missing ?? null;
  let cleaned: GrayImage | null = corrupted;
  let failure: CleanView['failure'] = null;
  let note: CleanView['note'] = null;
  let example: CleanExample | null = null;
  const fix = state.fix;
  if (fix === 'median' || fix === 'clip') {
    cleaned = fix === 'median' ? medianFilter3(corrupted) : clip(corrupted);
    if (missing) note = 'mask-as-zero';
    const at = mostChanged(corrupted, cleaned);
    if (at.delta > 0) {
      const before = corrupted.data[at.y * SIDE + at.x] ?? 0;
      const after = cleaned.data[at.y * SIDE + at.x] ?? 0;
      example = fix === 'median' ? { kind: 'median', x: at.x, y: at.y, window: window3(corrupted, at.x, at.y), before, after } : { kind: 'clip', x: at.x, y: at.y, before, after };
    }
  } else if (fix === 'impute-mean' || fix === 'impute-neighbour') {
    if (!masked) note = 'nothing-missing';
    else {
      const result = imputeMissing(masked, fix === 'impute-mean' ? 'image-mean' : 'neighbour-mean');
      if (result.ok) {
        cleaned = result.image;
        const known = PIXELS - result.filled;
        example =
          fix === 'impute-mean'
            ? { kind: 'impute-mean', mean: result.image.data[masked.missing.indexOf(1)] ?? 0, known, filled: result.filled }
            : { kind: 'impute-neighbour', filled: result.filled };
      } else {
        cleaned = null;
        failure = result.code;
      }
    }
  }
  const corruptedMask = differenceMask(original, corrupted, CHANGE_TOLERANCE, missing ?? undefined);
  const remainingMask = cleaned ? differenceMask(original, cleaned, CHANGE_TOLERANCE) : null;
  let repaired: number | null = null;
  let introduced: number | null = null;
  if (remainingMask) {
    repaired = 0;
    introduced = 0;
    for (let i = 0; i < PIXELS; i++) {
      if (corruptedMask[i] && !remainingMask[i]) repaired++;
      if (!corruptedMask[i] && remainingMask[i]) introduced++;
    }
  }
  return {
    corrupted,
    missing,
    cleaned,
    failure,
    note,
    corruptedMask,
    changedByCorruption: corruptedMask.reduce((s, m) => s + m, 0),
    remainingMask,
    remaining: remainingMask ? remainingMask.reduce((s, m) => s + m, 0) : null,
    repaired,
    introduced,
    touched: cleaned && fix !== 'none' ? countDifferent(corrupted, cleaned, 0) : null,
    outOfRange: corrupted.data.reduce((n, v) => n + (v < 0 || v > 1 ? 1 : 0), 0),
    maeBefore: meanAbsoluteDifference(original, corrupted),
    maeAfter: cleaned ? meanAbsoluteDifference(original, cleaned) : null,
    example,
  };
}

function allPixels(images: readonly GrayImage[]): Float32Array {
  const out = new Float32Array(images.length * PIXELS);
  images.forEach((im, k) => out.set(im.data, k * PIXELS));
  return out;
}

/** Fits on every sample digit except the held-out one, applies to all; the training pixels' histograms before and after. */
export function deriveNormalize(sample: DigitSample, held: number, norm: PrepState['norm']): NormalizeView {
  const train: GrayImage[] = [];
  for (let i = 0; i < sample.count; i++) if (i !== held) train.push(rawDigit(sample, i));
  const before = rawDigit(sample, held);
  const trainBefore = pixelMeanStd(train);
  const histBefore = histogram(allPixels(train), HISTOGRAM_BINS, [0, 255]);
  const base = { trainCount: train.length, before, histBefore, trainBefore: { mean: trainBefore.mean, std: trainBefore.std } };
  let apply: (im: GrayImage) => GrayImage;
  let fit: NormalizeFit;
  let perPixel: { mean: Float64Array; std: Float64Array } | null = null;
  if (norm === 'unit' || norm === 'symmetric') {
    const fitted = fitMinMax(train);
    if (!fitted.ok) return failed(base, fitted.code);
    const [lo, hi] = norm === 'unit' ? [0, 1] : [-1, 1];
    fit = { kind: 'minmax', ...fitted.fit, lo, hi };
    apply = (im) => applyMinMax(im, fitted.fit, lo, hi);
  } else {
    const fitted = fitStandardizer(train, norm === 'zscore' ? 'global' : 'per-pixel');
    if (!fitted.ok) return failed(base, fitted.code);
    const s = fitted.standardizer;
    if (s.kind === 'global') fit = { kind: 'zscore', mean: s.mean, std: s.std };
    else {
      // Raw grey levels are ≥ 0, so a pixel whose training mean is 0 was blank in every training digit.
      fit = { kind: 'zscore-pixel', flat: s.mean.reduce((n, m) => n + (m === 0 ? 1 : 0), 0) };
      perPixel = s;
    }
    apply = (im) => standardize(im, s);
  }
  const trainAfter = train.map(apply);
  const afterPixels = allPixels(trainAfter);
  const after = apply(before);
  const afterDomain = extent(afterPixels);
  const stats = pixelMeanStd(trainAfter);
  const heldStats = pixelMeanStd([after]);
  return {
    ...base,
    fit,
    failure: null,
    after,
    afterDomain,
    histAfter: histogram(afterPixels, HISTOGRAM_BINS, afterDomain),
    trainAfter: { mean: stats.mean, std: stats.std },
    heldAfter: { mean: heldStats.mean, std: heldStats.std },
    examples: examplePixels(before, after, perPixel),
  };
}

function failed(base: Omit<NormalizeView, 'fit' | 'failure' | 'after' | 'afterDomain' | 'histAfter' | 'trainAfter' | 'heldAfter' | 'examples'>, code: NonNullable<NormalizeView['failure']>): NormalizeView {
  return { ...base, fit: null, failure: code, after: null, afterDomain: [0, 1], histAfter: [], trainAfter: null, heldAfter: null, examples: [] };
}

function extent(values: Float32Array): readonly [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

function examplePixels(before: GrayImage, after: GrayImage, perPixel: { mean: Float64Array; std: Float64Array } | null): NormalizeView['examples'] {
  const pixel = (index: number) => ({ x: index % SIDE, y: Math.floor(index / SIDE), raw: before.data[index] ?? 0, value: after.data[index] ?? 0 });
  if (perPixel) {
    // The held-out pixel that standardization pushes furthest from 0.
    const at = mostChanged(after, grayImage(SIDE, SIDE));
    const index = at.y * SIDE + at.x;
    return [{ ...pixel(index), mean: perPixel.mean[index] ?? 0, std: perPixel.std[index] ?? 1 }];
  }
  let brightest = 0;
  before.data.forEach((v, i) => {
    if (v > (before.data[brightest] ?? 0)) brightest = i;
  });
  const background = before.data.indexOf(0);
  return [pixel(brightest), ...(background >= 0 ? [pixel(background)] : [])];
}

export function deriveAugment(original: GrayImage, label: number, state: PrepState): AugmentCopy[] {
  const rng = createRng(state.seed);
  const ranges = {
    degrees: [-state.rot, state.rot],
    scale: [1 - state.zoom, 1 + state.zoom],
    tx: [-state.shift, state.shift],
    ty: [-state.shift, state.shift],
    cropFraction: [state.crop, 1],
    flipHorizontal: state.flipH,
    flipVertical: state.flipV,
  } as const;
  return Array.from({ length: AUGMENT_COPIES }, () => {
    const { image, params } = randomAugment(original, ranges, rng);
    const flip: Flip | null = params.flipHorizontal ? (params.flipVertical ? 'both' : 'horizontal') : params.flipVertical ? 'vertical' : null;
    return {
      image,
      params,
      flip,
      flipChanges: flip !== null && flipChangesMeaning(label, flip),
      rotationChanges: rotationChangesMeaning(label, params.degrees),
    };
  });
}

export function derivePrep(state: PrepState, sample: DigitSample): PrepModel {
  const index = Math.min(state.digit, sample.count - 1);
  const original = digitImage(sample.images, index);
  const label = sample.labels[index] ?? 0;
  return {
    state,
    label,
    original,
    clean: state.mode === 'clean' ? deriveClean(original, state) : null,
    normalize: state.mode === 'normalize' ? deriveNormalize(sample, index, state.norm) : null,
    augment: state.mode === 'augment' ? deriveAugment(original, label, state) : null,
  };
}
