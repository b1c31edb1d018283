import type { Rng } from '../random/prng';
import { grayImage, type Block, type GrayImage } from './image-ops';

/**
 * Chapter 3.1.1, data augmentation: geometric transforms of a greyscale image.
 *
 * Coordinates: pixel (x, y) has its centre at (x, y), x to the right, y downwards; the image
 * centre is ((w − 1)/2, (h − 1)/2). Positive angles turn the digit counter-clockwise as seen
 * on screen (as tf.image.rotateWithOffset does). Each output pixel is looked up in the input
 * (inverse mapping); whatever comes from outside the image is background 0.
 * 'bilinear' blends the four nearest pixels; 'nearest' takes the one whose centre is nearest,
 * rounding halves up (Math.round), exactly as tf.image.rotateWithOffset on the CPU.
 */

export type Interpolation = 'bilinear' | 'nearest';

export interface WarpOptions {
  interpolation?: Interpolation;
  /** Centre of rotation and scaling in pixel coordinates; default the image centre. */
  centre?: readonly [number, number];
}

interface Affine {
  /** Output → input: src = c + M · (dst − c − t). */
  m00: number;
  m01: number;
  m10: number;
  m11: number;
  cx: number;
  cy: number;
  tx: number;
  ty: number;
}

/** sin and cos of an angle in degrees, exact at multiples of 90° (so a quarter turn is a pure permutation). */
function sinCos(degrees: number): [number, number] {
  const quarter = degrees / 90;
  if (Number.isInteger(quarter)) {
    const k = ((quarter % 4) + 4) % 4;
    return [[0, 1, 0, -1][k] ?? 0, [1, 0, -1, 0][k] ?? 1];
  }
  const radians = (degrees * Math.PI) / 180;
  return [Math.sin(radians), Math.cos(radians)];
}

function sample(image: GrayImage, sx: number, sy: number, interpolation: Interpolation): number {
  const { width, height, data } = image;
  const at = (x: number, y: number) => (x >= 0 && x < width && y >= 0 && y < height ? (data[y * width + x] ?? 0) : 0);
  if (interpolation === 'nearest') return at(Math.round(sx), Math.round(sy));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
  const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
  return top + (bottom - top) * fy;
}

function warp(image: GrayImage, a: Affine, interpolation: Interpolation): GrayImage {
  const { width, height } = image;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - a.cx - a.tx;
      const dy = y - a.cy - a.ty;
      out[y * width + x] = sample(image, a.m00 * dx + a.m01 * dy + a.cx, a.m10 * dx + a.m11 * dy + a.cy, interpolation);
    }
  }
  return grayImage(width, height, out);
}

/**
 * One warp for rotation by `degrees`, zoom by `scale` (> 1 enlarges) about the centre, then a
 * shift by (tx, ty) pixels: combining them interpolates once instead of three times.
 */
export function affineTransform(
  image: GrayImage,
  { degrees = 0, scale = 1, tx = 0, ty = 0 }: { degrees?: number; scale?: number; tx?: number; ty?: number },
  options: WarpOptions = {},
): GrayImage {
  if (!(scale > 0)) throw new RangeError(`scale must be > 0, got ${scale}`);
  const [sin, cos] = sinCos(degrees);
  const [cx, cy] = options.centre ?? [(image.width - 1) / 2, (image.height - 1) / 2];
  const affine = { m00: cos / scale, m01: -sin / scale, m10: sin / scale, m11: cos / scale, cx, cy, tx, ty };
  return warp(image, affine, options.interpolation ?? 'bilinear');
}

export const rotate = (image: GrayImage, degrees: number, options: WarpOptions = {}): GrayImage =>
  affineTransform(image, { degrees }, options);

export const scaleImage = (image: GrayImage, scale: number, options: WarpOptions = {}): GrayImage =>
  affineTransform(image, { scale }, options);

export const translate = (image: GrayImage, tx: number, ty: number, options: WarpOptions = {}): GrayImage =>
  affineTransform(image, { tx, ty }, options);

/** Mirror left ↔ right (tf.image.flipLeftRight). */
export function flipHorizontal(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = data[y * width + (width - 1 - x)] ?? 0;
  }
  return grayImage(width, height, out);
}

/** Mirror top ↔ bottom. */
export function flipVertical(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) out.set(data.subarray((height - 1 - y) * width, (height - y) * width), y * width);
  return grayImage(width, height, out);
}

/**
 * Bilinear resize with half-pixel centres: output pixel i samples input coordinate
 * (i + 0.5) · in/out − 0.5, clamped to the edge pixels. This is
 * tf.image.resizeBilinear(x, size, alignCorners = false, halfPixelCenters = true)
 * (and OpenCV's INTER_LINEAR); it keeps the image centre fixed, where the legacy
 * halfPixelCenters = false shifts the content by up to half a pixel.
 */
export function resizeBilinear(image: GrayImage, width: number, height: number): GrayImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`cannot resize to ${width}×${height}`);
  }
  const { data } = image;
  const out = new Float32Array(width * height);
  const source = (i: number, inSize: number, outSize: number): [number, number, number] => {
    const f = (inSize / outSize) * (i + 0.5) - 0.5;
    const lo = Math.max(0, Math.floor(f));
    return [lo, Math.min(inSize - 1, Math.ceil(f)), f - lo];
  };
  for (let y = 0; y < height; y++) {
    const [top, bottom, fy] = source(y, image.height, height);
    for (let x = 0; x < width; x++) {
      const [left, right, fx] = source(x, image.width, width);
      const v = (row: number, col: number) => data[row * image.width + col] ?? 0;
      const upper = v(top, left) + (v(top, right) - v(top, left)) * fx;
      const lower = v(bottom, left) + (v(bottom, right) - v(bottom, left)) * fx;
      out[y * width + x] = upper + (lower - upper) * fy;
    }
  }
  return grayImage(width, height, out);
}

/** The pixels of `box` (integer, inside the image). */
export function crop(image: GrayImage, box: Block): GrayImage {
  const { x, y, width, height } = box;
  if (
    ![x, y, width, height].every(Number.isInteger) ||
    x < 0 ||
    y < 0 ||
    width < 1 ||
    height < 1 ||
    x + width > image.width ||
    y + height > image.height
  ) {
    throw new RangeError(`crop box ${JSON.stringify(box)} is not inside a ${image.width}×${image.height} image`);
  }
  const out = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    const start = (y + row) * image.width + x;
    out.set(image.data.subarray(start, start + width), row * width);
  }
  return grayImage(width, height, out);
}

/** Random-crop augmentation: cut `box`, then resize it back to the original size (bilinear, half-pixel centres). */
export const cropAndResize = (image: GrayImage, box: Block): GrayImage => resizeBilinear(crop(image, box), image.width, image.height);

// ---------------------------------------------------------------- random augmentation

export type Range = readonly [number, number];

export interface AugmentRanges {
  degrees: Range;
  scale: Range;
  /** Shifts in pixels. */
  tx: Range;
  ty: Range;
  /** Side of the crop box as a fraction of the image side, within (0, 1]; [1, 1] = no crop. */
  cropFraction: Range;
  /** Probability of each flip, 0..1. */
  flipHorizontal: number;
  flipVertical: number;
}

export interface AugmentParams {
  degrees: number;
  scale: number;
  tx: number;
  ty: number;
  crop: Block;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

/** No change at all: every range collapsed on the identity. */
export const IDENTITY_RANGES: AugmentRanges = {
  degrees: [0, 0],
  scale: [1, 1],
  tx: [0, 0],
  ty: [0, 0],
  cropFraction: [1, 1],
  flipHorizontal: 0,
  flipVertical: 0,
};

/**
 * Draws every parameter uniformly from its range and applies them: crop (then resize back),
 * one affine warp (rotate, scale, shift; bilinear), then the flips. The draws happen in a
 * fixed order and always the same number of them (degrees, scale, tx, ty, crop side, crop x,
 * crop y, flip h, flip v), so a seed gives the same parameters whatever the ranges' widths.
 */
export function randomAugment(image: GrayImage, ranges: AugmentRanges, rng: Rng): { image: GrayImage; params: AugmentParams } {
  const uniform = ([lo, hi]: Range) => lo + (hi - lo) * rng.next();
  const degrees = uniform(ranges.degrees);
  const scale = uniform(ranges.scale);
  const tx = uniform(ranges.tx);
  const ty = uniform(ranges.ty);
  const fraction = uniform(ranges.cropFraction);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`crop fraction must be in (0, 1], got ${fraction}`);
  const cropWidth = Math.max(1, Math.round(fraction * image.width));
  const cropHeight = Math.max(1, Math.round(fraction * image.height));
  const crop: Block = {
    x: rng.int(image.width - cropWidth + 1),
    y: rng.int(image.height - cropHeight + 1),
    width: cropWidth,
    height: cropHeight,
  };
  const flipH = rng.next() < ranges.flipHorizontal;
  const flipV = rng.next() < ranges.flipVertical;

  let out = cropWidth === image.width && cropHeight === image.height ? image : cropAndResize(image, crop);
  if (degrees !== 0 || scale !== 1 || tx !== 0 || ty !== 0) out = affineTransform(out, { degrees, scale, tx, ty });
  if (flipH) out = flipHorizontal(out);
  if (flipV) out = flipVertical(out);
  return { image: out, params: { degrees, scale, tx, ty, crop, flipHorizontal: flipH, flipVertical: flipV } };
}

export type Flip = 'horizontal' | 'vertical' | 'both';

/**
 * Digits that stay (roughly) the same digit under each flip, for handwritten MNIST shapes:
 * left ↔ right keeps 0, 1, 8; top ↔ bottom keeps 0, 1, 3, 8; both flips (a 180° turn) keep
 * 0, 1, 8 and swap 6 ↔ 9. Every other digit turns into a mirror glyph that is no digit, or
 * into another digit, so the label would be wrong.
 */
export const FLIP_KEEPS: Readonly<Record<Flip, readonly number[]>> = {
  horizontal: [0, 1, 8],
  vertical: [0, 1, 3, 8],
  both: [0, 1, 8],
};

/** True when flipping an image of `label` this way no longer shows that digit. */
export function flipChangesMeaning(label: number, flip: Flip): boolean {
  if (!Number.isInteger(label) || label < 0 || label > 9) throw new RangeError(`label must be 0..9, got ${label}`);
  return !FLIP_KEEPS[flip].includes(label);
}

/**
 * True when a rotation by `degrees` turns a digit into something else: past a quarter turn
 * either way the digit stands closer to upside down than upright, and upside down is the
 * 180° turn (both flips), which only 0, 1 and 8 survive (6 and 9 swap).
 */
export function rotationChangesMeaning(label: number, degrees: number): boolean {
  const turn = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return Math.abs(turn) > 90 && flipChangesMeaning(label, 'both');
}
