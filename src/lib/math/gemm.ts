/**
 * The n×n matrix product in plain JavaScript, for the chapter 4.1.1 scaling view: square
 * matrices stored row-major in Float64Arrays, the sizes measured (64, 128, … doubling),
 * the operation count 2n³, GFLOP/s, and when to stop before a size takes too long. The
 * island times the loops; this file only computes.
 */
import type { Rng } from '../random/prng';

export const GEMM_MIN_SIZE = 64;
export const GEMM_MAX_SIZE = 2048;

/** 64, 128, … up to `maxN` (a power of two between GEMM_MIN_SIZE and GEMM_MAX_SIZE). */
export function gemmSizes(maxN: number): number[] {
  if (!Number.isInteger(Math.log2(maxN)) || maxN < GEMM_MIN_SIZE || maxN > GEMM_MAX_SIZE) {
    throw new RangeError(`maxN must be a power of two in ${GEMM_MIN_SIZE}..${GEMM_MAX_SIZE}, got ${maxN}`);
  }
  const sizes: number[] = [];
  for (let n = GEMM_MIN_SIZE; n <= maxN; n *= 2) sizes.push(n);
  return sizes;
}

/** Floating-point operations of one n×n product: n² entries, each n multiplies and n adds. */
export function gemmFlops(n: number): number {
  return 2 * n * n * n;
}

/** Billions of floating-point operations per second; null when the time is not a positive number. */
export function gflops(n: number, ms: number): number | null {
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return gemmFlops(n) / (ms * 1e6);
}

/** A row-major n×n matrix of uniform entries in [−1, 1), drawn from `rng`. */
export function randomSquare(n: number, rng: Rng): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < m.length; i += 1) m[i] = 2 * rng.next() - 1;
  return m;
}

/**
 * Rows `from` to `to − 1` of C = A·B (all n×n, row-major), so the caller can compute a big
 * product in slices and let the page breathe between them. The loops run i, k, j: the
 * same sum Σₖ aᵢₖ bₖⱼ, but the innermost loop walks rows of B and C in memory order,
 * which is what a careful plain-JavaScript version does (i, j, k strides through B).
 */
export function multiplyRows(a: Float64Array, b: Float64Array, c: Float64Array, n: number, from: number, to: number): void {
  if (a.length !== n * n || b.length !== n * n || c.length !== n * n) throw new RangeError('arrays must hold n×n entries');
  if (from < 0 || to > n || from > to) throw new RangeError(`row range ${from}..${to} outside 0..${n}`);
  for (let i = from; i < to; i += 1) {
    const row = i * n;
    c.fill(0, row, row + n);
    for (let k = 0; k < n; k += 1) {
      const aik = a[row + k] as number;
      const bRow = k * n;
      for (let j = 0; j < n; j += 1) c[row + j] = (c[row + j] as number) + aik * (b[bRow + j] as number);
    }
  }
}

/** C = A·B in one go. */
export function multiplySquare(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  multiplyRows(a, b, c, n, 0, n);
  return c;
}

/** How many rows to compute per slice so a slice does about `flopsPerSlice` operations. */
export function rowsPerSlice(n: number, flopsPerSlice = 2e7): number {
  return Math.max(1, Math.min(n, Math.floor(flopsPerSlice / (2 * n * n))));
}

/** The time of size `nextN` predicted from a measured `ms` at size `n`: the work grows as n³. */
export function predictMs(n: number, ms: number, nextN: number): number {
  return ms * (nextN / n) ** 3;
}

export interface GemmPoint {
  n: number;
  /** Milliseconds per product. */
  ms: number;
  gflops: number;
}

export type NextSize = { kind: 'measure'; n: number } | { kind: 'done' } | { kind: 'too-slow'; n: number; predictedMs: number };

/**
 * What to do after the points measured so far: measure the next size, or stop because it
 * would take longer than `budgetMs` (predicted from the last point), or stop at the end.
 */
export function nextSize(sizes: readonly number[], measured: readonly GemmPoint[], budgetMs: number): NextSize {
  const n = sizes[measured.length];
  if (n === undefined) return { kind: 'done' };
  const last = measured[measured.length - 1];
  if (last) {
    const predicted = predictMs(last.n, last.ms, n);
    if (predicted > budgetMs) return { kind: 'too-slow', n, predictedMs: predicted };
  }
  return { kind: 'measure', n };
}

/** A measured time as a point, or null when the time is not usable (0 or not finite). */
export function gemmPoint(n: number, ms: number): GemmPoint | null {
  const rate = gflops(n, ms);
  return rate === null ? null : { n, ms, gflops: rate };
}

/** How many times faster `fast` ran than `slow` at each size both measured. */
export function speedups(slow: readonly GemmPoint[], fast: readonly GemmPoint[]): { n: number; ratio: number }[] {
  return slow.flatMap((s) => {
    const f = fast.find((p) => p.n === s.n);
    return f ? [{ n: s.n, ratio: s.ms / f.ms }] : [];
  });
}
