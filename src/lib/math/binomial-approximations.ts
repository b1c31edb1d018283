/**
 * How well Binomial(n, p) is approximated by Poisson(np) (erratum E20: the Poisson law is
 * the limit of Binomial(n, λ/n)) and by Normal(np, np(1−p)) with the continuity correction
 * P(X = k) ≈ Φ((k + ½ − μ)/σ) − Φ((k − ½ − μ)/σ). The measure is the total variation
 * distance ½ Σₖ |P(k) − Q(k)| over all integers k: the largest difference the two can
 * give to the probability of any event.
 */
import { binomial, pmf, poisson, support, tails, type Normal } from './distributions';

export interface ApproximationRow {
  k: number;
  binomial: number;
  /** null when the approximation does not exist (p = 0 or 1, or n = 0). */
  poisson: number | null;
  normal: number | null;
}

/** Φ(b) − Φ(a) for a < b without cancellation: upper-tail difference when both are above μ. */
function normalMass(d: Normal, a: number, b: number): number {
  if (a >= d.mu) return Math.max(0, tails(d, a).sf - tails(d, b).sf);
  return Math.max(0, tails(d, b).cdf - tails(d, a).cdf);
}

/** Normal(np, np(1−p)) with continuity correction; null when σ = 0. */
export function normalApproximationPmf(n: number, p: number, k: number): number | null {
  const sigma = Math.sqrt(n * p * (1 - p));
  if (!(sigma > 0)) return null;
  return normalMass({ kind: 'normal', mu: n * p, sigma }, k - 0.5, k + 0.5);
}

export function poissonApproximationPmf(n: number, p: number, k: number): number | null {
  const lambda = n * p;
  if (!(lambda > 0)) return null;
  return pmf(poisson(lambda), k);
}

export function approximationTable(n: number, p: number, lo: number, hi: number): ApproximationRow[] {
  const b = binomial(n, p);
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo || hi - lo > 1e6) {
    throw new RangeError(`bad table range [${lo}, ${hi}]`);
  }
  const rows: ApproximationRow[] = [];
  for (let k = lo; k <= hi; k += 1) {
    rows.push({
      k,
      binomial: pmf(b, k),
      poisson: poissonApproximationPmf(n, p, k),
      normal: normalApproximationPmf(n, p, k),
    });
  }
  return rows;
}

export interface ApproximationQuality {
  /** ½ Σ |binomial − approximation| over every integer k. */
  totalVariation: number;
  /** max over k of |binomial(k) − approximation(k)|. */
  maxPointError: number;
}

export interface BinomialApproximations {
  poisson: (ApproximationQuality & { lambda: number }) | null;
  normal: (ApproximationQuality & { mu: number; sigma: number }) | null;
  /** The one with the smaller total variation distance (null when neither exists). */
  better: 'poisson' | 'normal' | null;
  /** The textbook rules: Poisson when n ≥ 20 and p ≤ 0.05; normal when np ≥ 5 and n(1−p) ≥ 5. */
  rulesOfThumb: { poisson: boolean; normal: boolean };
}

/**
 * The sums run over a window holding all but ~1e-16 of each distribution's mass, so the
 * distances are exact to about that much.
 */
export function binomialApproximations(n: number, p: number): BinomialApproximations {
  const b = binomial(n, p);
  const rulesOfThumb = { poisson: n >= 20 && p <= 0.05, normal: n * p >= 5 && n * (1 - p) >= 5 };
  const lambda = n * p;
  const sigma = Math.sqrt(n * p * (1 - p));
  if (!(sigma > 0)) return { poisson: null, normal: null, better: null, rulesOfThumb };
  const window = support(b, 1e-16);
  const poissonWindow = support(poisson(lambda), 1e-16);
  const lo = Math.min(window.lo, poissonWindow.lo, Math.floor(lambda - 9 * sigma));
  const hi = Math.max(window.hi, poissonWindow.hi, Math.ceil(lambda + 9 * sigma));
  const poissonQuality = { totalVariation: 0, maxPointError: 0 };
  const normalQuality = { totalVariation: 0, maxPointError: 0 };
  for (let k = lo; k <= hi; k += 1) {
    const exact = pmf(b, k);
    const byPoisson = Math.abs(exact - (poissonApproximationPmf(n, p, k) ?? 0));
    const byNormal = Math.abs(exact - (normalApproximationPmf(n, p, k) ?? 0));
    poissonQuality.totalVariation += byPoisson / 2;
    poissonQuality.maxPointError = Math.max(poissonQuality.maxPointError, byPoisson);
    normalQuality.totalVariation += byNormal / 2;
    normalQuality.maxPointError = Math.max(normalQuality.maxPointError, byNormal);
  }
  return {
    poisson: { lambda, ...poissonQuality },
    normal: { mu: lambda, sigma, ...normalQuality },
    better: poissonQuality.totalVariation <= normalQuality.totalVariation ? 'poisson' : 'normal',
    rulesOfThumb,
  };
}
