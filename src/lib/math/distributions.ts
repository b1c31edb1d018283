/**
 * Chapter 4.2.1's three distributions: binomial (the number of successes in n independent
 * trials, erratum E11), Poisson (the number of events in a fixed interval at a constant
 * average rate λ; mean = variance = λ; the limit of Binomial(n, λ/n), erratum E20) and
 * normal.
 *
 * The discrete probabilities use the saddle-point forms (Loader, "Fast and accurate
 * computation of binomial probabilities", 2000), e.g. for the binomial
 *   log P(X = k) = δ(n) − δ(k) − δ(n−k) − D(k, np) − D(n−k, nq) − ½ log(2π k (n−k)/n)
 * with δ Stirling's error term and D the deviance term. Unlike log C(n,k) + k log p + …,
 * nothing large cancels, so the result keeps ~15 digits at n = 10⁶, p = 10⁻⁹ and beyond.
 * A cdf sums probabilities from k away from the mode (where they only shrink), so each
 * tail is accurate even when it is tiny; `cdf` and `sf` give both sides.
 */
import { deviance, normalTail, stirlingError } from './special-functions';

export interface Binomial {
  kind: 'binomial';
  n: number;
  p: number;
}
export interface Poisson {
  kind: 'poisson';
  lambda: number;
}
export interface Normal {
  kind: 'normal';
  mu: number;
  sigma: number;
}
export type DiscreteDistribution = Binomial | Poisson;
export type Distribution = DiscreteDistribution | Normal;

/** Keeps every cdf (a sum over ≲ 20 standard deviations of terms) fast enough to drag. */
export const MAX_BINOMIAL_N = 1e7;
export const MAX_POISSON_LAMBDA = 1e7;

export type ParameterName = 'n' | 'p' | 'lambda' | 'mu' | 'sigma';

export type ValidationCode =
  | 'not-finite'
  | 'n-not-integer'
  | 'n-negative'
  | 'n-too-large'
  | 'p-out-of-range'
  | 'lambda-not-positive'
  | 'lambda-too-large'
  | 'sigma-not-positive';

/** `min`/`max` are the allowed bounds for the parameter, for the island's message. */
export type Validation<D> =
  | { ok: true; dist: D }
  | { ok: false; code: ValidationCode; param: ParameterName; value: number; min: number; max: number };

function invalid(code: ValidationCode, param: ParameterName, value: number, min: number, max: number) {
  return { ok: false as const, code, param, value, min, max };
}

export function validateBinomial(n: number, p: number): Validation<Binomial> {
  if (!Number.isFinite(n)) return invalid('not-finite', 'n', n, 0, MAX_BINOMIAL_N);
  if (!Number.isInteger(n)) return invalid('n-not-integer', 'n', n, 0, MAX_BINOMIAL_N);
  if (n < 0) return invalid('n-negative', 'n', n, 0, MAX_BINOMIAL_N);
  if (n > MAX_BINOMIAL_N) return invalid('n-too-large', 'n', n, 0, MAX_BINOMIAL_N);
  if (!Number.isFinite(p)) return invalid('not-finite', 'p', p, 0, 1);
  if (p < 0 || p > 1) return invalid('p-out-of-range', 'p', p, 0, 1);
  return { ok: true, dist: { kind: 'binomial', n, p } };
}

export function validatePoisson(lambda: number): Validation<Poisson> {
  if (!Number.isFinite(lambda)) return invalid('not-finite', 'lambda', lambda, 0, MAX_POISSON_LAMBDA);
  if (lambda <= 0) return invalid('lambda-not-positive', 'lambda', lambda, 0, MAX_POISSON_LAMBDA);
  if (lambda > MAX_POISSON_LAMBDA) return invalid('lambda-too-large', 'lambda', lambda, 0, MAX_POISSON_LAMBDA);
  return { ok: true, dist: { kind: 'poisson', lambda } };
}

export function validateNormal(mu: number, sigma: number): Validation<Normal> {
  if (!Number.isFinite(mu)) return invalid('not-finite', 'mu', mu, -Number.MAX_VALUE, Number.MAX_VALUE);
  if (!Number.isFinite(sigma)) return invalid('not-finite', 'sigma', sigma, 0, Number.MAX_VALUE);
  if (sigma <= 0) return invalid('sigma-not-positive', 'sigma', sigma, 0, Number.MAX_VALUE);
  return { ok: true, dist: { kind: 'normal', mu, sigma } };
}

function unwrap<D>(result: Validation<D>): D {
  if (!result.ok) throw new RangeError(`invalid ${result.param} = ${result.value} (${result.code})`);
  return result.dist;
}

/** Constructors for code that already validated; they throw RangeError otherwise. */
export const binomial = (n: number, p: number): Binomial => unwrap(validateBinomial(n, p));
export const poisson = (lambda: number): Poisson => unwrap(validatePoisson(lambda));
export const normal = (mu: number, sigma: number): Normal => unwrap(validateNormal(mu, sigma));

export function mean(d: Distribution): number {
  if (d.kind === 'binomial') return d.n * d.p;
  return d.kind === 'poisson' ? d.lambda : d.mu;
}

export function variance(d: Distribution): number {
  if (d.kind === 'binomial') return d.n * d.p * (1 - d.p);
  return d.kind === 'poisson' ? d.lambda : d.sigma * d.sigma;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log P(X = k); −Infinity outside the support. For computation, not for drawing. */
export function logPmf(d: DiscreteDistribution, k: number): number {
  if (!Number.isInteger(k) || k < 0) return Number.NEGATIVE_INFINITY;
  if (d.kind === 'poisson') {
    if (k === 0) return -d.lambda;
    return -stirlingError(k) - deviance(k, d.lambda) - 0.5 * (LOG_2PI + Math.log(k));
  }
  const { n, p } = d;
  if (k > n) return Number.NEGATIVE_INFINITY;
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const q = 1 - p;
  return (
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    deviance(k, n * p) -
    deviance(n - k, n * q) -
    0.5 * (LOG_2PI + Math.log(k) + Math.log1p(-k / n))
  );
}

/** P(X = k); 0 for k outside the support or not an integer. */
export function pmf(d: DiscreteDistribution, k: number): number {
  return Math.exp(logPmf(d, k));
}

export function logPdf(d: Normal, x: number): number {
  const z = (x - d.mu) / d.sigma;
  return -0.5 * z * z - Math.log(d.sigma) - 0.5 * LOG_2PI;
}

export function pdf(d: Normal, x: number): number {
  return Math.exp(logPdf(d, x));
}

/** pmf for the discrete ones, pdf for the normal. */
export function density(d: Distribution, x: number): number {
  return d.kind === 'normal' ? pdf(d, x) : pmf(d, x);
}

/** The most probable value (the larger one when two tie). */
export function mode(d: DiscreteDistribution): number {
  if (d.kind === 'poisson') return Math.floor(d.lambda);
  return Math.min(d.n, Math.floor((d.n + 1) * d.p));
}

function supportMax(d: DiscreteDistribution): number {
  return d.kind === 'binomial' ? d.n : Number.POSITIVE_INFINITY;
}

/**
 * Σ pmf(j) for j from `start` stepping by `step` (±1) away from the mode (Neumaier-
 * compensated), until the rest cannot change it: the pmf is log-concave, so once the
 * ratio r of successive terms is < 1 all that follows a term t is at most t·r/(1 − r).
 */
function tailSum(d: DiscreteDistribution, start: number, step: 1 | -1): number {
  const last = step === 1 ? supportMax(d) : 0;
  let sum = 0;
  let compensation = 0;
  let previous = 0;
  for (let j = start; step === 1 ? j <= last : j >= last; j += step) {
    const term = pmf(d, j);
    const t = sum + term;
    compensation += Math.abs(sum) >= term ? sum - t + term : term - t + sum;
    sum = t;
    if (term === 0) break;
    const ratio = term / previous;
    if (ratio < 1 && (term * ratio) / (1 - ratio) <= 1e-17 * sum) break;
    previous = term;
  }
  return sum + compensation;
}

export interface Tails {
  /** P(X ≤ x) */
  cdf: number;
  /** P(X > x) */
  sf: number;
}

/** Both tails at x; whichever is the small one is summed directly, the other is 1 minus it. */
export function tails(d: Distribution, x: number): Tails {
  if (Number.isNaN(x)) throw new RangeError('tails at NaN');
  if (d.kind === 'normal') {
    const t = (x - d.mu) / d.sigma;
    return { cdf: normalTail(-t), sf: normalTail(t) };
  }
  const k = Math.floor(x);
  if (k < 0) return { cdf: 0, sf: 1 };
  if (k >= supportMax(d)) return { cdf: 1, sf: 0 };
  if (k < mode(d)) {
    const lower = Math.min(1, tailSum(d, k, -1));
    return { cdf: lower, sf: 1 - lower };
  }
  const upper = Math.min(1, tailSum(d, k + 1, 1));
  return { cdf: 1 - upper, sf: upper };
}

export function cdf(d: Distribution, x: number): number {
  return tails(d, x).cdf;
}

/** The survival function P(X > x), accurate where the cdf is within rounding of 1. */
export function sf(d: Distribution, x: number): number {
  return tails(d, x).sf;
}

/**
 * [lo, hi] holding all but `tail` of the probability (at most tail/2 on each side): the
 * range a chart needs. Integers for the discrete distributions.
 */
export function support(d: Distribution, tail = 1e-15): { lo: number; hi: number } {
  if (!(tail > 0 && tail < 1)) throw new RangeError(`tail must be in (0, 1), got ${tail}`);
  const half = tail / 2;
  if (d.kind === 'normal') {
    let z = 1;
    while (normalTail(z) > half) z += 0.25;
    return { lo: d.mu - z * d.sigma, hi: d.mu + z * d.sigma };
  }
  const m = mode(d);
  // hi: the smallest k with P(X > k) ≤ half; lo: the largest k with P(X < k) ≤ half.
  return { lo: tailEdge(d, m, -1, half), hi: tailEdge(d, m, 1, half) };
}

/**
 * Walks from the mode outward collecting probabilities until what lies beyond is below
 * half·1e-12 (the pmf is log-concave, so once the ratio r of successive terms is < 1 the
 * rest after a term t is at most t·r/(1 − r)); then sums them back from the far end and
 * returns the nearest k whose outer tail is ≤ half. One pass of O(σ) terms.
 */
function tailEdge(d: DiscreteDistribution, m: number, step: 1 | -1, half: number): number {
  const last = step === 1 ? supportMax(d) : 0;
  const terms: number[] = [];
  let previous = pmf(d, m);
  for (let k = m + step; step === 1 ? k <= last : k >= last; k += step) {
    const term = pmf(d, k);
    terms.push(term);
    const ratio = term / previous;
    if (term === 0 || (ratio < 1 && (term * ratio) / (1 - ratio) < half * 1e-12)) break;
    previous = term;
  }
  // outer = Σ of terms[j] for j ≥ i = the probability beyond m + step·i.
  let outer = 0;
  let edge = terms.length;
  for (let i = terms.length - 1; i >= 0; i -= 1) {
    outer += terms[i] ?? 0;
    if (outer > half) break;
    edge = i;
  }
  return m + step * edge;
}

export interface PmfRow {
  k: number;
  pmf: number;
  cdf: number;
}

/** pmf and cdf for every integer in [lo, hi] (for a chart), the cdf by a running sum. */
export function pmfTable(d: DiscreteDistribution, lo: number, hi: number): PmfRow[] {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo || hi - lo > 1e6) {
    throw new RangeError(`bad table range [${lo}, ${hi}]`);
  }
  const rows: PmfRow[] = [];
  let running = cdf(d, lo - 1);
  for (let k = lo; k <= hi; k += 1) {
    const p = pmf(d, k);
    running = Math.min(1, running + p);
    rows.push({ k, pmf: p, cdf: running });
  }
  return rows;
}

export { histogramContinuous, histogramDiscrete, sample, sampleOne } from './distribution-sampling';
export type { ContinuousBin, DiscreteBin } from './distribution-sampling';
