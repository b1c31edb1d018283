/**
 * Turns the drawing pad's ink into a 28×28 network input, prepared the way the MNIST digits
 * were: crop to the ink's bounding box, scale it (aspect kept) so its longer side is 20 px with
 * an area-averaging filter, then place it in a 28×28 field so that the ink's center of mass
 * sits at pixel (14, 14). Pure: no DOM, so the island, tests and benchmarks share it.
 *
 * Coordinates are pixel indices (pixel (x, y) at x, y; row-major, row = y), the convention of
 * MNIST's own centering: measured this way the test set's centers of mass all lie in
 * [13.5, 14.5], i.e. MNIST shifted by whole pixels. We do the same — the shift is
 * round(14 − center of mass) — so the 20 px box stays aligned to the grid and no second
 * resampling blurs it; the price is an error of at most 0.5 px per axis.
 */

export const MNIST_SIZE = 28;
export const MNIST_BOX = 20;
export const MNIST_CENTER = 14;
/** Ink below this (on the 0–1 scale) is paper: stray anti-aliasing must not stretch the box. */
export const INK_THRESHOLD = 0.05;

export interface InkPad {
  width: number;
  height: number;
  /** One value per pixel, row-major: 0 is paper; full ink is 255 in a Uint8ClampedArray, 1 in a Float32Array. */
  ink: Float32Array | Uint8ClampedArray;
}

export interface Point {
  x: number;
  y: number;
}

/** Ink bounding box on the pad, in pad pixels (x, y inclusive; width, height in pixels). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PreparedDigit =
  | { empty: true }
  | {
      empty: false;
      /** 784 values in [0, 1], row-major, ink = 1 (the network's input). */
      pixels: Float32Array;
      box: Box;
      /** Output pixels per pad pixel: 20 / longer side of the box. */
      scale: number;
      /** Where the scaled box's top-left corner landed in the 28×28 field. */
      offset: Point;
      /** Of `pixels`, in 28×28 pixel indices; within 0.5 px of (14, 14) unless clipped. */
      centerOfMass: Point;
    };

export function preprocessDrawing(pad: InkPad): PreparedDigit {
  const { width, height } = pad;
  if (pad.ink.length !== width * height) {
    throw new RangeError(`ink has ${pad.ink.length} values, expected ${width}×${height}`);
  }
  const ink = normalizeInk(pad.ink);

  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return { empty: true };

  const box = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  const longer = Math.max(box.width, box.height);
  const small = resampleBox(ink, width, box, longer);
  const com = centerOfMass(small.pixels, small.width, small.height)!;
  const offset = { x: Math.round(MNIST_CENTER - com.x), y: Math.round(MNIST_CENTER - com.y) };

  const pixels = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < small.height; y++) {
    const ty = y + offset.y;
    if (ty < 0 || ty >= MNIST_SIZE) continue;
    for (let x = 0; x < small.width; x++) {
      const tx = x + offset.x;
      if (tx < 0 || tx >= MNIST_SIZE) continue;
      pixels[ty * MNIST_SIZE + tx] = small.pixels[y * small.width + x]!;
    }
  }

  // Clipping (ink far off its center of mass, e.g. a long thin stroke) can cut some ink, never all:
  // the center of mass itself lands at (14, 14).
  const centered = centerOfMass(pixels, MNIST_SIZE, MNIST_SIZE)!;
  return { empty: false, pixels, box, scale: MNIST_BOX / longer, offset, centerOfMass: centered };
}

/** Center of mass in pixel indices (pixel (x, y) weighs pixels[y·width + x]); null when there is no mass. */
export function centerOfMass(pixels: ArrayLike<number>, width: number, height: number): Point | null {
  let sum = 0, sx = 0, sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x]!;
      sum += v;
      sx += x * v;
      sy += y * v;
    }
  }
  return sum > 0 ? { x: sx / sum, y: sy / sum } : null;
}

export type Rgb = readonly [number, number, number];

/**
 * RGBA bytes for a preview canvas (putImageData), blending paper → ink by each value.
 * Defaults to MNIST's look: white ink on black.
 */
export function toRgba(
  pixels: ArrayLike<number>,
  { ink = [255, 255, 255], paper = [0, 0, 0] }: { ink?: Rgb; paper?: Rgb } = {},
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels.length * 4);
  for (let i = 0; i < pixels.length; i++) {
    const v = Math.min(1, Math.max(0, pixels[i]!));
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = paper[c]! + (ink[c]! - paper[c]!) * v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** 0–1 ink with the near-zero noise set to paper. */
function normalizeInk(raw: Float32Array | Uint8ClampedArray): Float32Array {
  const unit = raw instanceof Uint8ClampedArray ? 1 / 255 : 1;
  const ink = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]! * unit;
    // `v > threshold` is false for NaN too.
    ink[i] = v > INK_THRESHOLD ? Math.min(1, v) : 0;
  }
  return ink;
}

/**
 * Area-averaging (box-filter) resampling of the box by 20 / longer. Pad pixel i spans
 * [i·s, (i+1)·s) in output pixels; each output pixel is the mean of the ink over its unit cell,
 * i.e. Σ ink × overlap area, fractional coverage included. The filter is separable, so one
 * weight matrix per axis; the ink's sum is multiplied by exactly s².
 */
function resampleBox(ink: Float32Array, padWidth: number, box: Box, longer: number) {
  const wx = areaWeights(box.width, longer);
  const wy = areaWeights(box.height, longer);
  const width = wx.length, height = wy.length;

  // Horizontal pass: rows of the box → `width` columns.
  const rows = new Float32Array(box.height * width);
  for (let y = 0; y < box.height; y++) {
    const start = (box.y + y) * padWidth + box.x;
    for (let j = 0; j < width; j++) {
      const { from, weights } = wx[j]!;
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k]! * ink[start + from + k]!;
      rows[y * width + j] = acc;
    }
  }

  // Vertical pass: box rows → `height` rows.
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < height; i++) {
    const { from, weights } = wy[i]!;
    for (let j = 0; j < width; j++) {
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k]! * rows[(from + k) * width + j]!;
      pixels[i * width + j] = Math.min(1, acc);
    }
  }
  return { pixels, width, height };
}

/**
 * For each output pixel along one axis, the pad pixels it overlaps and by how much (in output
 * pixels). Positions are computed as (i·20)/longer so that whole-number edges come out exact
 * and no output pixel gets a spurious 1e-16 of ink.
 */
function areaWeights(length: number, longer: number): { from: number; weights: number[] }[] {
  const edge = (i: number) => (i * MNIST_BOX) / longer;
  const outLength = Math.ceil(edge(length));
  const cells: { from: number; weights: number[] }[] = [];
  for (let j = 0; j < outLength; j++) {
    const from = Math.max(0, Math.floor((j * longer) / MNIST_BOX));
    const weights: number[] = [];
    for (let i = from; i < length && edge(i) < j + 1; i++) {
      weights.push(Math.max(0, Math.min(edge(i + 1), j + 1) - Math.max(edge(i), j)));
    }
    cells.push({ from, weights });
  }
  return cells;
}
