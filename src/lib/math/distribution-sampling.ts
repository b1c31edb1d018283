/**
 * Seeded draws from chapter 4.2's distributions, and histograms of them. Every method is
 * exact (no approximation of the distribution itself):
 * - binomial: inversion (sequential search from k = 0) when n·min(p, 1−p) < 10, otherwise
 *   Hörmann's transformed rejection BTRS ("The generation of binomial random variates",
 *   1993), on min(p, 1−p) and reflected;
 * - Poisson: inversion when λ < 10, otherwise Hörmann's PTRS (same idea, 1993);
 * - normal: μ + σ · rng.normal().
 * The rejection tests compare with log-probabilities from `logPmf`. Inversion resolves
 * probabilities down to the rng's 2⁻³² grain, which only matters far in the tails.
 */
import { bin } from 'd3-array';
import type { Rng } from '../random/prng';
import { logPmf, type Binomial, type Distribution, type Poisson } from './distributions';

function binomialInversion(n: number, p: number, rng: Rng): number {
  const ratio = p / (1 - p);
  let f = Math.exp(n * Math.log1p(-p));
  let cumulative = f;
  let k = 0;
  const u = rng.next();
  while (u > cumulative && k < n) {
    k += 1;
    f *= (ratio * (n - k + 1)) / k;
    if (f === 0) break;
    cumulative += f;
  }
  return k;
}

function binomialBtrs(n: number, p: number, rng: Rng): number {
  const d: Binomial = { kind: 'binomial', n, p };
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const m = Math.floor((n + 1) * p);
  const logAtMode = logPmf(d, m);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logPmf(d, k) - logAtMode) return k;
  }
}

function sampleBinomial(d: Binomial, rng: Rng): number {
  const { n, p } = d;
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const small = Math.min(p, 1 - p);
  const k = n * small < 10 ? binomialInversion(n, small, rng) : binomialBtrs(n, small, rng);
  return p > 0.5 ? n - k : k;
}

function samplePoisson(d: Poisson, rng: Rng): number {
  const { lambda } = d;
  if (lambda < 10) {
    let f = Math.exp(-lambda);
    let cumulative = f;
    let k = 0;
    const u = rng.next();
    while (u > cumulative) {
      k += 1;
      f *= lambda / k;
      if (f === 0) break;
      cumulative += f;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPmf(d, k)) return k;
  }
}

export function sampleOne(d: Distribution, rng: Rng): number {
  if (d.kind === 'binomial') return sampleBinomial(d, rng);
  if (d.kind === 'poisson') return samplePoisson(d, rng);
  return d.mu + d.sigma * rng.normal();
}

function extent(samples: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of samples) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

/** `count` independent draws; the same rng state gives the same numbers. */
export function sample(d: Distribution, count: number, rng: Rng): number[] {
  if (!Number.isInteger(count) || count < 0 || count > 1e7) {
    throw new RangeError(`count must be an integer in 0..1e7, got ${count}`);
  }
  return Array.from({ length: count }, () => sampleOne(d, rng));
}

export interface SampleMoments {
  count: number;
  mean: number;
  /** The unbiased sample variance s² (divides by count − 1); 0 for fewer than two samples. */
  variance: number;
}

/** Mean and s² in one pass (Welford), stable where the two-pass textbook sums cancel. */
export function sampleMoments(samples: readonly number[]): SampleMoments | null {
  if (samples.length === 0) return null;
  let mean = 0;
  let squares = 0;
  samples.forEach((x, i) => {
    const delta = x - mean;
    mean += delta / (i + 1);
    squares += delta * (x - mean);
  });
  const count = samples.length;
  return { count, mean, variance: count > 1 ? squares / (count - 1) : 0 };
}

export interface DiscreteBin {
  k: number;
  count: number;
  /** count / (all samples, including any outside the range). */
  frequency: number;
}

/** One bin per integer in [lo, hi] (default: the smallest and largest sample). */
export function histogramDiscrete(samples: readonly number[], range?: { lo: number; hi: number }): DiscreteBin[] {
  if (samples.length === 0 && range === undefined) return [];
  const [lo, hi] = range === undefined ? extent(samples) : [range.lo, range.hi];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo || hi - lo > 1e6) {
    throw new RangeError(`bad histogram range [${lo}, ${hi}]`);
  }
  const counts = new Array<number>(hi - lo + 1).fill(0);
  for (const x of samples) {
    if (Number.isInteger(x) && x >= lo && x <= hi) counts[x - lo] = (counts[x - lo] ?? 0) + 1;
  }
  const total = samples.length;
  return counts.map((count, i) => ({ k: lo + i, count, frequency: total === 0 ? 0 : count / total }));
}

export interface ContinuousBin {
  x0: number;
  x1: number;
  count: number;
  /** count / (all samples × width): comparable with the pdf. */
  density: number;
}

/** `bins` equal-width bins over `domain` (default: the samples' extent); outside ones are dropped. */
export function histogramContinuous(
  samples: readonly number[],
  options: { bins?: number; domain?: [number, number] } = {},
): ContinuousBin[] {
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new RangeError(`bins must be in 1..1000, got ${bins}`);
  if (samples.length === 0) return [];
  let [lo, hi] = options.domain ?? extent(samples);
  if (!(hi >= lo)) throw new RangeError(`bad histogram domain [${lo}, ${hi}]`);
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const thresholds = Array.from({ length: bins - 1 }, (_, i) => lo + (i + 1) * width);
  const binned = bin<number, number>().domain([lo, hi]).thresholds(thresholds)(samples);
  const total = samples.length;
  return binned.map((b) => {
    const x0 = b.x0 ?? lo;
    const x1 = b.x1 ?? hi;
    return { x0, x1, count: b.length, density: b.length / (total * (x1 - x0)) };
  });
}
