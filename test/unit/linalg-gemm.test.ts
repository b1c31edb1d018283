import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  gemmFlops,
  gemmPoint,
  gemmSizes,
  gflops,
  multiplyRows,
  multiplySquare,
  nextSize,
  predictMs,
  randomSquare,
  rowsPerSlice,
  speedups,
} from '../../src/lib/math/gemm';
import { createRng } from '../../src/lib/random/prng';

function toMl(m: Float64Array, n: number): MlMatrix {
  return new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(m.subarray(i * n, i * n + n))));
}

/** max |a − b| over all entries. */
function maxDiff(a: Float64Array, b: MlMatrix, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) worst = Math.max(worst, Math.abs((a[i * n + j] ?? Number.NaN) - b.get(i, j)));
  return worst;
}

describe('plain-JavaScript matrix product', () => {
  it.each([1, 2, 7, 64, 100])('matches ml-matrix for n = %i', (n) => {
    const rng = createRng(n);
    const a = randomSquare(n, rng);
    const b = randomSquare(n, rng);
    const c = multiplySquare(a, b, n);
    const reference = toMl(a, n).mmul(toMl(b, n));
    // Entries are sums of n products of numbers in [−1, 1]: a few ulps of n is the slack.
    expect(maxDiff(c, reference, n)).toBeLessThan(n * 4 * Number.EPSILON);
  });

  it('gives the same product when computed in slices of rows', () => {
    const n = 37;
    const rng = createRng(5);
    const a = randomSquare(n, rng);
    const b = randomSquare(n, rng);
    const whole = multiplySquare(a, b, n);
    const sliced = new Float64Array(n * n).fill(Number.NaN);
    const step = 5;
    for (let from = 0; from < n; from += step) multiplyRows(a, b, sliced, n, from, Math.min(n, from + step));
    expect(Array.from(sliced)).toEqual(Array.from(whole));
  });

  it('multiplies the identity and a known 2×2 product exactly', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const b = Float64Array.from([5, 6, 7, 8]);
    expect(Array.from(multiplySquare(a, b, 2))).toEqual([19, 22, 43, 50]);
    const eye = Float64Array.from([1, 0, 0, 1]);
    expect(Array.from(multiplySquare(eye, b, 2))).toEqual(Array.from(b));
  });

  it('refuses arrays of the wrong length and bad row ranges', () => {
    const a = new Float64Array(4);
    expect(() => multiplyRows(a, a, new Float64Array(3), 2, 0, 2)).toThrow(RangeError);
    expect(() => multiplyRows(a, a, new Float64Array(4), 2, 1, 3)).toThrow(RangeError);
  });

  it('draws entries in [−1, 1) from the seed, the same for the same seed', () => {
    const m = randomSquare(16, createRng(9));
    expect(Array.from(m).every((x) => x >= -1 && x < 1)).toBe(true);
    expect(Array.from(randomSquare(16, createRng(9)))).toEqual(Array.from(m));
    expect(Array.from(randomSquare(16, createRng(10)))).not.toEqual(Array.from(m));
  });
});

describe('sizes, counts and rates', () => {
  it('doubles n from 64 to the largest size asked for', () => {
    expect(gemmSizes(2048)).toEqual([64, 128, 256, 512, 1024, 2048]);
    expect(gemmSizes(64)).toEqual([64]);
    expect(() => gemmSizes(100)).toThrow(RangeError);
    expect(() => gemmSizes(4096)).toThrow(RangeError);
  });

  it('counts 2n³ operations and converts milliseconds to GFLOP/s', () => {
    expect(gemmFlops(1024)).toBe(2_147_483_648);
    // 2·1000³ = 2e9 operations in 1 s is 2 GFLOP/s.
    expect(gflops(1000, 1000)).toBeCloseTo(2, 12);
    expect(gflops(64, 0)).toBeNull();
    expect(gflops(64, Number.NaN)).toBeNull();
    expect(gemmPoint(64, -1)).toBeNull();
    expect(gemmPoint(1000, 500)).toEqual({ n: 1000, ms: 500, gflops: 4 });
  });

  it('slices rows to a bounded amount of work', () => {
    expect(rowsPerSlice(64)).toBe(64);
    expect(rowsPerSlice(2048)).toBe(2);
    expect(rowsPerSlice(4096, 1)).toBe(1);
    for (const n of [64, 256, 1024]) expect(2 * n * n * rowsPerSlice(n)).toBeLessThanOrEqual(Math.max(2e7, 2 * n * n));
  });

  it('stops before a size whose predicted time exceeds the budget', () => {
    const sizes = gemmSizes(2048);
    expect(nextSize(sizes, [], 3000)).toEqual({ kind: 'measure', n: 64 });
    expect(predictMs(256, 40, 512)).toBe(320);
    const points = [64, 128, 256].map((n) => gemmPoint(n, 40 * (n / 256) ** 3)!);
    expect(nextSize(sizes, points, 3000)).toEqual({ kind: 'measure', n: 512 });
    const withBig = [...points, gemmPoint(512, 320)!, gemmPoint(1024, 2560)!];
    expect(nextSize(sizes, withBig, 3000)).toEqual({ kind: 'too-slow', n: 2048, predictedMs: 20480 });
    expect(nextSize([64], [gemmPoint(64, 1)!], 3000)).toEqual({ kind: 'done' });
  });

  it('compares two runs at the sizes both measured', () => {
    const slow = [gemmPoint(64, 10)!, gemmPoint(128, 80)!, gemmPoint(256, 640)!];
    const fast = [gemmPoint(64, 5)!, gemmPoint(128, 4)!];
    expect(speedups(slow, fast)).toEqual([
      { n: 64, ratio: 2 },
      { n: 128, ratio: 20 },
    ]);
  });
});
