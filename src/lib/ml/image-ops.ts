import { bisectRight } from 'd3-array';
import type { Rng } from '../random/prng';

/**
 * Chapter 3.1.1, cleaning and normalization on greyscale images (MNIST: 28×28, values in
 * [0, 1], 0 = background). Every op returns a new image; none mutates its input.
 *
 * Missing pixels are explicit: a `MaskedImage` carries a mask (1 = missing) and holds 0 at
 * those pixels, so no NaN ever reaches a chart.
 */

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** width × height values, row-major. */
  readonly data: Float32Array;
}

export interface MaskedImage {
  readonly image: GrayImage;
  /** width × height flags, 1 where the pixel is missing. */
  readonly missing: Uint8Array;
}

export interface Block {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MNIST_SIDE = 28;

export function grayImage(width: number, height: number, data: Float32Array = new Float32Array(width * height)): GrayImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length !== width * height) {
    throw new RangeError(`an image of ${width}×${height} needs ${width * height} values, got ${data.length}`);
  }
  return { width, height, data };
}

/** Image `index` of a uint8 MNIST buffer (count × 784), scaled by 1/255 into [0, 1]. */
export function digitImage(pixels: Uint8Array, index: number, side: number = MNIST_SIDE): GrayImage {
  const size = side * side;
  if (!Number.isInteger(index) || index < 0 || (index + 1) * size > pixels.length) {
    throw new RangeError(`image ${index} is outside a buffer of ${Math.floor(pixels.length / size)} images`);
  }
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = (pixels[index * size + i] ?? 0) / 255;
  return grayImage(side, side, data);
}

const withData = (image: GrayImage, data: Float32Array): GrayImage => grayImage(image.width, image.height, data);

// ---------------------------------------------------------------- corruption (seeded)

/** Adds N(0, σ²) to every pixel; the result may leave [0, 1] (clipping is a separate step). */
export function addGaussianNoise(image: GrayImage, sigma: number, rng: Rng): GrayImage {
  if (!(sigma >= 0)) throw new RangeError(`sigma must be ≥ 0, got ${sigma}`);
  return withData(
    image,
    image.data.map((v) => v + sigma * rng.normal()),
  );
}

/** round(fraction × pixels) distinct positions, drawn by a partial Fisher–Yates shuffle. */
function pickPixels(count: number, fraction: number, rng: Rng): Uint32Array {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be in [0, 1], got ${fraction}`);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const k = Math.round(fraction * count);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(count - i);
    const tmp = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = tmp;
  }
  return order.subarray(0, k);
}

/**
 * Impulse noise: a `fraction` of the pixels becomes 1 (salt, a stuck-on pixel) or 0 (pepper,
 * a dead pixel), each with probability `saltShare` and 1 − saltShare.
 */
export function addSaltAndPepper(image: GrayImage, fraction: number, rng: Rng, saltShare = 0.5): GrayImage {
  const data = image.data.slice();
  for (const i of pickPixels(data.length, fraction, rng)) data[i] = rng.next() < saltShare ? 1 : 0;
  return withData(image, data);
}

/** Marks a `fraction` of the pixels as missing, at random. */
export function dropPixels(image: GrayImage, fraction: number, rng: Rng): MaskedImage {
  const missing = new Uint8Array(image.data.length);
  for (const i of pickPixels(missing.length, fraction, rng)) missing[i] = 1;
  return maskImage(image, missing);
}

/** Marks a rectangle as missing (the part of it inside the image). */
export function dropBlock(image: GrayImage, block: Block): MaskedImage {
  const missing = new Uint8Array(image.data.length);
  const x1 = Math.min(image.width, block.x + block.width);
  const y1 = Math.min(image.height, block.y + block.height);
  for (let y = Math.max(0, block.y); y < y1; y++) {
    for (let x = Math.max(0, block.x); x < x1; x++) missing[y * image.width + x] = 1;
  }
  return maskImage(image, missing);
}

/** Zeroes the missing pixels so that the data stays drawable. */
export function maskImage(image: GrayImage, missing: Uint8Array): MaskedImage {
  if (missing.length !== image.data.length) throw new RangeError('mask and image differ in size');
  return {
    image: withData(
      image,
      image.data.map((v, i) => (missing[i] ? 0 : v)),
    ),
    missing,
  };
}

// ---------------------------------------------------------------- cleaning

/**
 * 3×3 median filter. Edges replicate the nearest pixel (clamp-to-edge), so every window has
 * nine values and the output has the input's size. An isolated salt or pepper pixel is never
 * the median of its window and disappears; edges of strokes survive better than under a blur.
 */
export function medianFilter3(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Float32Array(data.length);
  const window = new Float64Array(9);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let k = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = Math.min(height - 1, Math.max(0, y + dy));
        for (let dx = -1; dx <= 1; dx++) {
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          window[k++] = data[yy * width + xx] ?? 0;
        }
      }
      window.sort();
      out[y * width + x] = window[4] ?? 0;
    }
  }
  return withData(image, out);
}

export function clip(image: GrayImage, lo = 0, hi = 1): GrayImage {
  if (!(lo <= hi)) throw new RangeError(`clip needs lo ≤ hi, got [${lo}, ${hi}]`);
  return withData(
    image,
    image.data.map((v) => Math.min(hi, Math.max(lo, v))),
  );
}

export type ImputeMethod = 'image-mean' | 'neighbour-mean';

export type ImputeResult = { ok: true; image: GrayImage; filled: number } | { ok: false; code: 'all-missing' };

/**
 * Fills every missing pixel. 'image-mean': the mean of the known pixels. 'neighbour-mean':
 * the mean of the known (or already filled) pixels among the 8 neighbours, applied in passes
 * from the edge of a hole inwards, so a large block fills too.
 */
export function imputeMissing(masked: MaskedImage, method: ImputeMethod): ImputeResult {
  const { image, missing } = masked;
  const { width, height } = image;
  const data = image.data.slice();
  const known = missing.map((m) => (m ? 0 : 1));
  let knownCount = 0;
  let knownSum = 0;
  known.forEach((k, i) => {
    if (k) {
      knownCount++;
      knownSum += data[i] ?? 0;
    }
  });
  const filled = data.length - knownCount;
  if (knownCount === 0) return { ok: false, code: 'all-missing' };
  if (method === 'image-mean') {
    const mean = knownSum / knownCount;
    known.forEach((k, i) => {
      if (!k) data[i] = mean;
    });
    return { ok: true, image: withData(image, data), filled };
  }
  let remaining = filled;
  while (remaining > 0) {
    const updates: [number, number][] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (known[i]) continue;
        let sum = 0;
        let n = 0;
        for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
          for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
            const j = yy * width + xx;
            if (known[j]) {
              sum += data[j] ?? 0;
              n++;
            }
          }
        }
        if (n > 0) updates.push([i, sum / n]);
      }
    }
    for (const [i, value] of updates) {
      data[i] = value;
      known[i] = 1;
    }
    remaining -= updates.length;
  }
  return { ok: true, image: withData(image, data), filled };
}

// ---------------------------------------------------------------- normalization

/**
 * Min–max scaling of one image onto [lo, hi]: [0, 1] or [−1, 1] in the chapter. A constant
 * image has no range; it maps to `lo` (the convention of scikit-learn's MinMaxScaler).
 */
export function minMaxScale(image: GrayImage, lo = 0, hi = 1): GrayImage {
  let min = Infinity;
  let max = -Infinity;
  for (const v of image.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return withData(
    image,
    image.data.map((v) => (range > 0 ? lo + ((v - min) / range) * (hi - lo) : lo)),
  );
}

/**
 * Z-score statistics, fitted on one set of images (the training set) and applied to any
 * other: 'global' uses one mean and standard deviation over all pixels (MNIST's classic
 * 0.1307 / 0.3081); 'per-pixel' one per pixel position, where a pixel that never varies in the
 * fitted set (MNIST's blank border) keeps scale 1, as scikit-learn's StandardScaler does.
 * Standard deviations are population ones (divide by n).
 */
export type Standardizer = { kind: 'global'; mean: number; std: number } | { kind: 'per-pixel'; mean: Float64Array; std: Float64Array };

export type FitResult = { ok: true; standardizer: Standardizer } | { ok: false; code: 'no-images' | 'zero-variance' };

export function fitStandardizer(images: readonly GrayImage[], kind: Standardizer['kind']): FitResult {
  const first = images[0];
  if (!first) return { ok: false, code: 'no-images' };
  const size = first.data.length;
  if (images.some((im) => im.data.length !== size)) throw new RangeError('images differ in size');
  const sum = new Float64Array(kind === 'global' ? 1 : size);
  const sumSq = new Float64Array(sum.length);
  for (const im of images) {
    im.data.forEach((v, i) => {
      const k = kind === 'global' ? 0 : i;
      sum[k] = (sum[k] ?? 0) + v;
      sumSq[k] = (sumSq[k] ?? 0) + v * v;
    });
  }
  const n = kind === 'global' ? images.length * size : images.length;
  const mean = sum.map((s) => s / n);
  const std = sumSq.map((s, k) => Math.sqrt(Math.max(0, s / n - (mean[k] ?? 0) ** 2)));
  if (kind === 'global') {
    const m = mean[0] ?? 0;
    const s = std[0] ?? 0;
    return s > 0 ? { ok: true, standardizer: { kind, mean: m, std: s } } : { ok: false, code: 'zero-variance' };
  }
  return { ok: true, standardizer: { kind, mean, std: std.map((s) => (s > 0 ? s : 1)) } };
}

export function standardize(image: GrayImage, standardizer: Standardizer): GrayImage {
  if (standardizer.kind === 'global') {
    const { mean, std } = standardizer;
    return withData(
      image,
      image.data.map((v) => (v - mean) / std),
    );
  }
  const { mean, std } = standardizer;
  if (mean.length !== image.data.length) throw new RangeError('standardizer fitted on images of another size');
  return withData(
    image,
    image.data.map((v, i) => (v - (mean[i] ?? 0)) / (std[i] ?? 1)),
  );
}

/**
 * Min–max scaling with statistics fitted on a training set (the chapter's x_min, x_max),
 * applied unchanged to any other image; a held-out image may then leave [lo, hi].
 */
export interface MinMaxFit {
  min: number;
  max: number;
}

export type MinMaxFitResult = { ok: true; fit: MinMaxFit } | { ok: false; code: 'no-images' | 'zero-range' };

export function fitMinMax(images: readonly GrayImage[]): MinMaxFitResult {
  if (images.length === 0) return { ok: false, code: 'no-images' };
  let min = Infinity;
  let max = -Infinity;
  for (const im of images) {
    for (const v of im.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return max > min ? { ok: true, fit: { min, max } } : { ok: false, code: 'zero-range' };
}

export function applyMinMax(image: GrayImage, fit: MinMaxFit, lo = 0, hi = 1): GrayImage {
  const range = fit.max - fit.min;
  if (!(range > 0)) throw new RangeError(`a min–max fit needs max > min, got [${fit.min}, ${fit.max}]`);
  return withData(
    image,
    image.data.map((v) => lo + ((v - fit.min) / range) * (hi - lo)),
  );
}

/** Population mean and standard deviation of all pixels of a set of images. */
export function pixelMeanStd(images: readonly GrayImage[]): { mean: number; std: number; count: number } {
  let count = 0;
  let sum = 0;
  for (const im of images) {
    count += im.data.length;
    for (const v of im.data) sum += v;
  }
  if (count === 0) return { mean: 0, std: 0, count };
  const mean = sum / count;
  let sq = 0;
  for (const im of images) for (const v of im.data) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / count), count };
}

// ---------------------------------------------------------------- comparing

/** How many pixels of `a` and `b` differ by more than `tolerance` (a missing pixel of `missing` always counts). */
export function countDifferent(a: GrayImage, b: GrayImage, tolerance: number, missing?: Uint8Array): number {
  if (a.data.length !== b.data.length) throw new RangeError('images differ in size');
  let n = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (missing?.[i] || Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > tolerance) n++;
  }
  return n;
}

/** 1 where the pixels differ by more than `tolerance` (or are missing), else 0. */
export function differenceMask(a: GrayImage, b: GrayImage, tolerance: number, missing?: Uint8Array): Uint8Array {
  if (a.data.length !== b.data.length) throw new RangeError('images differ in size');
  return Uint8Array.from(a.data, (v, i) => (missing?.[i] || Math.abs(v - (b.data[i] ?? 0)) > tolerance ? 1 : 0));
}

/** Mean |a − b| over all pixels. */
export function meanAbsoluteDifference(a: GrayImage, b: GrayImage): number {
  if (a.data.length !== b.data.length) throw new RangeError('images differ in size');
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
}

/** The 3×3 window around (x, y) with clamp-to-edge, row by row: what medianFilter3 sorts. */
export function window3(image: GrayImage, x: number, y: number): number[] {
  const { width, height, data } = image;
  const out: number[] = [];
  for (let dy = -1; dy <= 1; dy++) {
    const yy = Math.min(height - 1, Math.max(0, y + dy));
    for (let dx = -1; dx <= 1; dx++) out.push(data[yy * width + Math.min(width - 1, Math.max(0, x + dx))] ?? 0);
  }
  return out;
}

// ---------------------------------------------------------------- histograms

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * `bins` equal-width bins over [lo, hi], with d3-array's `bin` rule: bin k holds
 * t[k−1] ≤ v < t[k] for the inner thresholds t, found with d3's `bisectRight`; a value equal
 * to hi falls in the last bin, values outside [lo, hi] and NaN are not counted. It only counts
 * (`bin` would also keep every value in its bin: slow for the 200,000 pixels of a training
 * set). Without a domain, the values' extent is used (a constant set gets the width-1 domain
 * [v − 0.5, v + 0.5]).
 */
export function histogram(values: ArrayLike<number>, bins: number, domain?: readonly [number, number]): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  let [lo, hi] = domain ?? extentOf(values);
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, lo + 0.5];
  const step = (hi - lo) / bins;
  const thresholds = Array.from({ length: bins - 1 }, (_, i) => lo + (i + 1) * step);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (v >= lo && v <= hi) {
      const k = bisectRight(thresholds, v);
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  return counts.map((count, k) => ({ x0: k > 0 ? (thresholds[k - 1] ?? lo) : lo, x1: k < bins - 1 ? (thresholds[k] ?? hi) : hi, count }));
}

function extentOf(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 1];
}

/** The pixel histograms of a set of images before and after a step, each over its own extent. */
export function histogramsBeforeAfter(
  before: readonly GrayImage[],
  after: readonly GrayImage[],
  bins: number,
): { before: HistogramBin[]; after: HistogramBin[] } {
  const pixels = (images: readonly GrayImage[]) => {
    const all = new Float32Array(images.reduce((n, im) => n + im.data.length, 0));
    let offset = 0;
    for (const im of images) {
      all.set(im.data, offset);
      offset += im.data.length;
    }
    return all;
  };
  return { before: histogram(pixels(before), bins), after: histogram(pixels(after), bins) };
}
