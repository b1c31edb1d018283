import {
  mean,
  pdf,
  pmf,
  pmfTable,
  support,
  tails,
  validateBinomial,
  validateNormal,
  validatePoisson,
  variance,
  type Distribution,
  type PmfRow,
  type Validation,
} from '../../../src/lib/math/distributions';
import { histogramContinuous, histogramDiscrete, sample, sampleMoments, type SampleMoments } from '../../../src/lib/math/distribution-sampling';
import { approximationTable, binomialApproximations, type ApproximationRow, type BinomialApproximations } from '../../../src/lib/math/binomial-approximations';
import { createRng, type Rng } from '../../../src/lib/random/prng';
import type { StateOf } from '../../../src/lib/state/codec';
import type { distSchema } from './schema';

export type DistState = StateOf<typeof distSchema>;
export type DistProblem = Extract<Validation<Distribution>, { ok: false }>;

/** All but this much probability lies inside a chart's range. */
const VIEW_TAIL = 1e-5;
/** Up to this many integers the histogram has one bar per value; beyond, bars group values. */
const MAX_UNIT_BINS = 60;
const NORMAL_BINS = 40;
const CURVE_POINTS = 241;

export function validateState(state: DistState): Validation<Distribution> {
  if (state.kind === 'binomial') return validateBinomial(state.n, state.p);
  if (state.kind === 'poisson') return validatePoisson(state.lambda);
  return validateNormal(state.mu, state.sigma);
}

export interface CurvePoint {
  x: number;
  density: number;
  cdf: number;
}

/** What a distribution looks like, independent of the point x the reader evaluates at. */
export interface DistShape {
  dist: Distribution;
  mean: number;
  variance: number;
  range: { lo: number; hi: number };
  /** One row per integer of the range (binomial, Poisson). */
  table: PmfRow[] | null;
  /** A grid over the range (normal). */
  curve: CurvePoint[] | null;
  /** Binomial only: the Poisson and normal approximations over a range that holds all three. */
  approximations: { quality: BinomialApproximations; rows: ApproximationRow[] } | null;
}

function discreteRange(d: Distribution & { kind: 'binomial' | 'poisson' }): { lo: number; hi: number } {
  const { lo, hi } = support(d, VIEW_TAIL);
  const last = d.kind === 'binomial' ? d.n : Number.POSITIVE_INFINITY;
  // A spike at 0 (n·p tiny) still gets a few empty neighbours to be read against.
  return { lo, hi: Math.min(last, Math.max(hi, lo + 6)) };
}

export function deriveShape(dist: Distribution): DistShape {
  const base = { dist, mean: mean(dist), variance: variance(dist) };
  if (dist.kind === 'normal') {
    const range = support(dist, VIEW_TAIL);
    const curve = Array.from({ length: CURVE_POINTS }, (_, i) => {
      const x = range.lo + ((range.hi - range.lo) * i) / (CURVE_POINTS - 1);
      return { x, density: pdf(dist, x), cdf: tails(dist, x).cdf };
    });
    return { ...base, range, table: null, curve, approximations: null };
  }
  const range = discreteRange(dist);
  const table = pmfTable(dist, range.lo, range.hi);
  if (dist.kind !== 'binomial') return { ...base, range, table, curve: null, approximations: null };
  const quality = binomialApproximations(dist.n, dist.p);
  let rows: ApproximationRow[] = [];
  if (quality.poisson) {
    const poissonRange = support({ kind: 'poisson', lambda: quality.poisson.lambda }, VIEW_TAIL);
    rows = approximationTable(dist.n, dist.p, Math.min(range.lo, poissonRange.lo), Math.max(range.hi, poissonRange.hi, range.lo + 6));
  }
  return { ...base, range, table, curve: null, approximations: { quality, rows } };
}

export interface PointValues {
  x: number;
  /** P(X = x) (0 off the integers) or f(x). */
  density: number;
  cdf: number;
  sf: number;
}

export function evaluateAt(dist: Distribution, x: number): PointValues {
  const t = tails(dist, x);
  return { x, density: dist.kind === 'normal' ? pdf(dist, x) : pmf(dist, x), cdf: t.cdf, sf: t.sf };
}

export interface HistogramBar {
  x0: number;
  x1: number;
  /** Frequency per unit of x: comparable with P(X = k) and with f(x). */
  value: number;
}

export interface HistogramView {
  bars: HistogramBar[];
  /** Samples that fell outside the chart's range. */
  outside: number;
  /** Integers per bar (discrete), or the bar width (normal). */
  width: number;
  moments: SampleMoments | null;
}

export function histogramView(shape: DistShape, samples: readonly number[]): HistogramView {
  const moments = sampleMoments(samples);
  const total = samples.length;
  const { lo, hi } = shape.range;
  if (shape.dist.kind !== 'normal' && hi - lo + 1 <= MAX_UNIT_BINS) {
    const bins = histogramDiscrete(samples, { lo, hi });
    const inside = bins.reduce((s, b) => s + b.count, 0);
    return { bars: bins.map((b) => ({ x0: b.k - 0.5, x1: b.k + 0.5, value: b.frequency })), outside: total - inside, width: 1, moments };
  }
  // Wide discrete ranges: bars of w whole integers each, edges on half-integers.
  const discrete = shape.dist.kind !== 'normal';
  const width = discrete ? Math.ceil((hi - lo + 1) / MAX_UNIT_BINS) : (hi - lo) / NORMAL_BINS;
  const bins = discrete ? Math.ceil((hi - lo + 1) / width) : NORMAL_BINS;
  const domain: [number, number] = discrete ? [lo - 0.5, lo - 0.5 + bins * width] : [lo, hi];
  const binned = total === 0 ? [] : histogramContinuous(samples, { bins, domain });
  const inside = binned.reduce((s, b) => s + b.count, 0);
  return { bars: binned.map((b) => ({ x0: b.x0, x1: b.x1, value: b.density })), outside: total - inside, width, moments };
}

/**
 * What the element keeps between renders. The shape is recomputed only when the
 * distribution changes (the approximations at n = 10⁷ take ~0.1 s), not when x or the
 * number of draws does. More draws continue the same seeded stream, so N draws are always
 * the first N of that stream and a link restores exactly them.
 */
export class DistributionCache {
  private shapeKey = '';
  private lastShape: DistShape | null = null;
  private sampleKey = '';
  private rng: Rng = createRng(1);
  private drawn: number[] = [];

  shape(dist: Distribution): DistShape {
    const key = JSON.stringify(dist);
    if (key !== this.shapeKey || !this.lastShape) {
      this.shapeKey = key;
      this.lastShape = deriveShape(dist);
    }
    return this.lastShape;
  }

  samples(dist: Distribution, seed: number, count: number): readonly number[] {
    const key = `${JSON.stringify(dist)}|${seed}`;
    if (key !== this.sampleKey) {
      this.sampleKey = key;
      this.rng = createRng(seed);
      this.drawn = [];
    }
    if (count > this.drawn.length) this.drawn = this.drawn.concat(sample(dist, count - this.drawn.length, this.rng));
    return count === this.drawn.length ? this.drawn : this.drawn.slice(0, count);
  }
}

/** One state, everything the views draw. */
export type DistModel =
  | { ok: true; state: DistState; shape: DistShape; at: PointValues; histogram: HistogramView }
  | { ok: false; state: DistState; problem: DistProblem };

export function deriveDistributions(state: DistState, cache: DistributionCache = new DistributionCache()): DistModel {
  const valid = validateState(state);
  if (!valid.ok) return { ok: false, state, problem: valid };
  const shape = cache.shape(valid.dist);
  return {
    ok: true,
    state,
    shape,
    at: evaluateAt(valid.dist, state.x),
    histogram: histogramView(shape, cache.samples(valid.dist, state.seed, state.draws)),
  };
}
