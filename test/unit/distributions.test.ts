import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approximationTable,
  binomialApproximations,
  normalApproximationPmf,
} from '../../src/lib/math/binomial-approximations';
import * as sampling from '../../src/lib/math/distribution-sampling';
import {
  binomial,
  cdf,
  density,
  histogramContinuous,
  histogramDiscrete,
  logPmf,
  mean,
  mode,
  normal,
  pdf,
  pmf,
  pmfTable,
  poisson,
  sample,
  sf,
  support,
  tails,
  validateBinomial,
  validateNormal,
  validatePoisson,
  variance,
  type DiscreteDistribution,
  type Distribution,
} from '../../src/lib/math/distributions';
import { deviance, erf, erfc, logFactorial, logGamma, stirlingError } from '../../src/lib/math/special-functions';
import { createRng } from '../../src/lib/random/prng';

/** jStat ships no types; this is the part of its API used here. */
interface JStat {
  gammaln(x: number): number;
  binomial: { pdf(k: number, n: number, p: number): number; cdf(k: number, n: number, p: number): number };
  poisson: { pdf(k: number, l: number): number; cdf(k: number, l: number): number };
  normal: { pdf(x: number, m: number, s: number): number; cdf(x: number, m: number, s: number): number };
  chisquare: { inv(p: number, dof: number): number };
}
const jStat = createRequire(import.meta.url)('jstat') as JStat;

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** Values computed with mpmath at 50 digits. */
const MP = {
  logGamma: [
    [0.5, 0.57236494292470008707],
    [3.7, 1.4280723266653881292],
    [100, 359.13420536957539878],
    [1e6, 12815504.56914761166],
    [1e-8, 18.420680738180208884],
  ],
  erfc: [
    [0.1, 0.8875370839817151016],
    [1, 0.15729920705028513066],
    [2, 0.0046777349810472658379],
    [5, 1.5374597944280348502e-12],
    [10, 2.088487583762544757e-45],
    [20, 5.3958656116079009289e-176],
    [26.5, 2.2109076642637342759e-307],
  ],
  normalCdf: [
    [-1, 0.15865525393145705141],
    [-5, 2.8665157187919391167e-7],
    [-10, 7.619853024160526066e-24],
    [-20, 2.7536241186062336951e-89],
    [-37.5, 4.6053530095819548438e-308],
    [0.5, 0.69146246127401310364],
    [1.96, 0.97500210485177956379],
  ],
} as const;

describe('special functions', () => {
  it('log Γ, erfc and Φ match 50-digit values', () => {
    for (const [x, value] of MP.logGamma) expect(rel(logGamma(x), value)).toBeLessThan(2e-15);
    for (const [x, value] of MP.erfc) expect(rel(erfc(x), value)).toBeLessThan(2e-15);
    const std = normal(0, 1);
    for (const [x, value] of MP.normalCdf) expect(rel(cdf(std, x), value)).toBeLessThan(2e-15);
    expect(erf(0)).toBe(0);
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erfc(-3) + erfc(3)).toBeCloseTo(2, 15);
    expect(erfc(30)).toBe(0);
  });

  it('log n!, Stirling error and deviance agree with their definitions', () => {
    let logSum = 0;
    for (let n = 1; n <= 200; n += 1) {
      logSum += Math.log(n);
      expect(rel(logFactorial(n), logSum)).toBeLessThan(1e-14);
      // δ(n) = log n! − (n + ½) log n + n − ½ log 2π; the direct form cancels, so the
      // comparison is absolute at the scale of log n!.
      const direct = logSum - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
      expect(Math.abs(stirlingError(n) - direct)).toBeLessThan(1e-14 * logSum + 1e-15);
    }
    expect(rel(stirlingError(1), 1 - 0.5 * Math.log(2 * Math.PI))).toBeLessThan(1e-14);
    for (const [x, m] of [
      [3, 7],
      [1e6, 1e6 + 10],
      [5, 5],
      [0, 2.5],
    ] as const) {
      const direct = x === 0 ? m : x * Math.log(x / m) + m - x;
      expect(Math.abs(deviance(x, m) - direct)).toBeLessThan(1e-9 * Math.max(1, x));
    }
    // Near x = m the series keeps relative accuracy where the direct form has none left.
    expect(rel(deviance(1e6, 1e6 + 1), 1e6 * Math.log1p(-1 / (1e6 + 1)) + 1)).toBeLessThan(1e-6);
    // Series: D(m − 1, m) = 1/(2m) + 1/(6m²) + 1/(12m³) + O(m⁻⁴).
    const m = 1e6 + 1;
    expect(rel(deviance(1e6, m), 1 / (2 * m) + 1 / (6 * m * m) + 1 / (12 * m ** 3))).toBeLessThan(1e-15);
    // jStat's log Γ (a 6-term Lanczos series) is good to ~1e-10.
    for (const x of [0.3, 2.5, 17, 1234.5]) expect(rel(logGamma(x), jStat.gammaln(x))).toBeLessThan(1e-9);
  });
});

describe('validation', () => {
  it('returns a code for every impossible parameter', () => {
    expect(validateBinomial(10, 0.3)).toEqual({ ok: true, dist: { kind: 'binomial', n: 10, p: 0.3 } });
    expect(validateBinomial(2.5, 0.3)).toMatchObject({ ok: false, code: 'n-not-integer', param: 'n' });
    expect(validateBinomial(-1, 0.3)).toMatchObject({ ok: false, code: 'n-negative' });
    expect(validateBinomial(1e8, 0.3)).toMatchObject({ ok: false, code: 'n-too-large', max: 1e7 });
    expect(validateBinomial(Number.NaN, 0.3)).toMatchObject({ ok: false, code: 'not-finite', param: 'n' });
    expect(validateBinomial(10, 1.2)).toMatchObject({ ok: false, code: 'p-out-of-range', param: 'p', min: 0, max: 1 });
    expect(validateBinomial(10, -0.1)).toMatchObject({ code: 'p-out-of-range' });
    expect(validateBinomial(0, 0)).toMatchObject({ ok: true });
    expect(validatePoisson(0)).toMatchObject({ ok: false, code: 'lambda-not-positive' });
    expect(validatePoisson(-2)).toMatchObject({ ok: false, code: 'lambda-not-positive' });
    expect(validatePoisson(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, code: 'not-finite' });
    expect(validatePoisson(2e7)).toMatchObject({ ok: false, code: 'lambda-too-large' });
    expect(validateNormal(0, 0)).toMatchObject({ ok: false, code: 'sigma-not-positive', param: 'sigma' });
    expect(validateNormal(0, -1)).toMatchObject({ ok: false, code: 'sigma-not-positive' });
    expect(validateNormal(Number.NaN, 1)).toMatchObject({ ok: false, code: 'not-finite', param: 'mu' });
    expect(() => binomial(3, 2)).toThrow(RangeError);
  });
});

const DISCRETE: DiscreteDistribution[] = [
  binomial(0, 0.4),
  binomial(5, 0),
  binomial(5, 1),
  binomial(1, 0.5),
  binomial(10, 0.3),
  binomial(1000, 0.5),
  binomial(1000, 0.999),
  binomial(10 ** 6, 1e-9),
  binomial(10 ** 6, 0.5),
  binomial(10 ** 7, 0.01),
  poisson(0.001),
  poisson(1),
  poisson(9.5),
  poisson(10),
  poisson(1e4),
  poisson(1e6),
];

describe('probability mass functions', () => {
  it('sum to 1, and give the closed-form mean and variance', () => {
    for (const d of DISCRETE) {
      const { lo, hi } = support(d);
      let total = 0;
      let first = 0;
      for (let k = lo; k <= hi; k += 1) {
        const p = pmf(d, k);
        expect(Number.isFinite(p)).toBe(true);
        total += p;
        first += k * p;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-12);
      let second = 0;
      for (let k = lo; k <= hi; k += 1) second += (k - first) ** 2 * pmf(d, k);
      const mu = mean(d);
      const v = variance(d);
      expect(Math.abs(first - mu)).toBeLessThanOrEqual(1e-11 * Math.max(1, mu));
      expect(Math.abs(second - v)).toBeLessThanOrEqual(1e-9 * Math.max(1e-3, v));
      // What lies outside the support is below the tail given (1e-15 on both sides).
      expect(cdf(d, lo - 1)).toBeLessThanOrEqual(5.01e-16);
      expect(sf(d, hi)).toBeLessThanOrEqual(5.01e-16);
    }
  });

  it('the Poisson distribution has mean = variance = λ (E20)', () => {
    const d = poisson(7.25);
    expect(mean(d)).toBe(7.25);
    expect(variance(d)).toBe(7.25);
  });

  it('match jStat where jStat is accurate (n ≤ 170, λ ≤ 100)', () => {
    let worstPmf = 0;
    let worstCdf = 0;
    for (const n of [1, 2, 5, 20, 50, 100, 170]) {
      for (const p of [0.01, 0.1, 0.3, 0.5, 0.77, 0.99]) {
        const d = binomial(n, p);
        for (let k = 0; k <= n; k += 1) {
          const reference = jStat.binomial.pdf(k, n, p);
          if (reference > 1e-290) worstPmf = Math.max(worstPmf, rel(pmf(d, k), reference));
          // jStat rounds its binomial cdf to 10 decimals.
          worstCdf = Math.max(worstCdf, Math.abs(cdf(d, k) - jStat.binomial.cdf(k, n, p)));
        }
      }
    }
    expect(worstPmf).toBeLessThan(1e-12);
    expect(worstCdf).toBeLessThan(1e-9);
    let worstPoisson = 0;
    for (const lambda of [0.1, 1, 4.5, 20, 50, 100]) {
      const d = poisson(lambda);
      for (let k = 0; k <= 170; k += 1) {
        // jStat computes λᵏ/k! directly, which overflows for λ = 100 beyond k ≈ 154.
        const p = jStat.poisson.pdf(k, lambda);
        if (!Number.isFinite(p)) break;
        if (p > 1e-290) worstPoisson = Math.max(worstPoisson, rel(pmf(d, k), p));
        const c = jStat.poisson.cdf(k, lambda);
        if (c > 1e-290) worstPoisson = Math.max(worstPoisson, rel(cdf(d, k), c));
      }
    }
    expect(worstPoisson).toBeLessThan(1e-12);
  });

  it('match exact rational arithmetic for Binomial(1000, 3/10) and Binomial(3000, 1/200), in both tails', () => {
    for (const [n, a, b] of [
      [1000, 3, 10],
      [3000, 1, 200],
    ] as const) {
      const d = binomial(n, a / b);
      const den = BigInt(b) ** BigInt(n);
      const numerators: bigint[] = [];
      let choose = 1n;
      for (let k = 0; k <= n; k += 1) {
        if (k > 0) choose = (choose * BigInt(n - k + 1)) / BigInt(k);
        numerators.push(choose * BigInt(a) ** BigInt(k) * BigInt(b - a) ** BigInt(n - k));
      }
      let below = 0n;
      for (let k = 0; k < n; k += 1) {
        const term = numerators[k] ?? 0n;
        below += term;
        // Every log-probability, even far below the smallest double (the error of log P is
        // the relative error of P; a log near −8000 itself only has ~1e-12 resolution).
        const exact = logRatio(term, den);
        expect(Math.abs(logPmf(d, k) - exact)).toBeLessThan(1e-13 + 1e-15 * Math.abs(exact));
        const t = tails(d, k);
        if (t.cdf < 0.5 && t.cdf > 1e-300) expect(rel(Math.log(t.cdf), logRatio(below, den))).toBeLessThan(1e-13);
        if (t.sf < 0.5 && t.sf > 1e-300) expect(rel(Math.log(t.sf), logRatio(den - below, den))).toBeLessThan(1e-13);
      }
    }
  });

  it('stay finite and accurate at n = 10⁶, p = 10⁻⁹ and λ = 10⁴ (50-digit references)', () => {
    const rare = binomial(10 ** 6, 1e-9);
    const expected = [0.99900049983287549142, 0.00099900050083187599225, 4.994997514151873316e-7, 1.6649958430506108471e-10];
    expected.forEach((value, k) => expect(rel(pmf(rare, k), value)).toBeLessThan(1e-13));
    expect(rel(sf(rare, 2), 1.665412174026129218e-10)).toBeLessThan(1e-12);
    expect(pmf(rare, 10 ** 6)).toBe(0);
    // P(X ≤ n/2) = ½ + P(X = n/2)/2 for p = ½: the cdf sum over ~9σ = 14,000 terms each side.
    expect(rel(cdf(binomial(10 ** 7, 0.5), 5e6), 0.50012615662294709239)).toBeLessThan(1e-15);
    const fair = binomial(10 ** 6, 0.5);
    expect(rel(pmf(fair, 500000), 0.00079788436133175008909)).toBeLessThan(1e-13);
    expect(rel(pmf(fair, 499000), 0.00010798197801891516213)).toBeLessThan(1e-12);
    expect(rel(pmf(fair, 497000), 1.2150669037173147718e-11)).toBeLessThan(1e-12);
    const many = poisson(1e4);
    expect(rel(pmf(many, 10000), 0.0039893895589628256487)).toBeLessThan(1e-13);
    expect(rel(pmf(many, 9500), 1.231837037682146151e-8)).toBeLessThan(1e-12);
    expect(rel(cdf(many, 10000), 0.50265958121900762527)).toBeLessThan(1e-12);
    expect(rel(cdf(many, 9500), 2.3793771979994753406e-7)).toBeLessThan(1e-11);
    expect(rel(sf(many, 10500), 3.4217976018316635318e-7)).toBeLessThan(1e-11);
    expect(mode(many)).toBe(10000);
  });

  it('support(d, tail) is the tightest range leaving at most tail/2 outside on each side', () => {
    const dist = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true })).map(([n, p]) => binomial(n, p)),
      fc.double({ min: 1e-4, max: 1e5, noNaN: true }).map((lambda) => poisson(lambda)),
    );
    fc.assert(
      fc.property(dist, fc.constantFrom(1e-15, 1e-9, 1e-3), (d, tail) => {
        const { lo, hi } = support(d, tail);
        const half = tail / 2;
        expect(lo).toBeLessThanOrEqual(mode(d));
        expect(hi).toBeGreaterThanOrEqual(mode(d));
        // (1 ± 1e-9: the two ways of summing a tail may round differently.)
        expect(cdf(d, lo - 1)).toBeLessThanOrEqual(half * (1 + 1e-9));
        expect(sf(d, hi)).toBeLessThanOrEqual(half * (1 + 1e-9));
        if (lo < mode(d)) expect(cdf(d, lo)).toBeGreaterThan(half * (1 - 1e-9));
        if (hi > mode(d)) expect(sf(d, hi - 1)).toBeGreaterThan(half * (1 - 1e-9));
      }),
      { numRuns: 200 },
    );
  });

  it('pmfTable agrees with pmf and cdf', () => {
    const d = binomial(40, 0.35);
    const rows = pmfTable(d, 5, 25);
    expect(rows).toHaveLength(21);
    for (const row of rows) {
      expect(row.pmf).toBe(pmf(d, row.k));
      expect(Math.abs(row.cdf - cdf(d, row.k))).toBeLessThan(1e-15);
    }
    expect(pmf(d, 2.5)).toBe(0);
    expect(pmf(d, -1)).toBe(0);
    expect(density(d, 3)).toBe(pmf(d, 3));
  });
});

/** log(num / den) for big positive integers, to ~1e-15 plus 2e-17 per bit of the ratio. */
function logRatio(num: bigint, den: bigint): number {
  const bits = (x: bigint): number => x.toString(2).length;
  const shiftNum = Math.max(0, bits(num) - 64);
  const shiftDen = Math.max(0, bits(den) - 64);
  return (
    Math.log(Number(num >> BigInt(shiftNum))) - Math.log(Number(den >> BigInt(shiftDen))) + (shiftNum - shiftDen) * Math.LN2
  );
}

describe('the normal distribution', () => {
  it('has a pdf that integrates to 1 with the right mean and variance', () => {
    for (const [mu, sigma] of [
      [0, 1],
      [3, 0.01],
      [-50, 20],
    ] as const) {
      const d = normal(mu, sigma);
      // Simpson's rule over μ ± 12σ.
      const steps = 4000;
      const h = (24 * sigma) / steps;
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      for (let i = 0; i <= steps; i += 1) {
        const x = mu - 12 * sigma + i * h;
        const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
        const f = (w * h * pdf(d, x)) / 3;
        m0 += f;
        m1 += f * x;
        m2 += f * (x - mu) ** 2;
      }
      expect(Math.abs(m0 - 1)).toBeLessThan(1e-12);
      expect(Math.abs(m1 - mu)).toBeLessThan(1e-10 * Math.max(1, Math.abs(mu)));
      expect(rel(m2, variance(d))).toBeLessThan(1e-10);
    }
  });

  it('matches jStat on a grid (where jStat is accurate: x ≥ μ − 3σ)', () => {
    let worstPdf = 0;
    let worstCdf = 0;
    for (const [mu, sigma] of [
      [0, 1],
      [10, 2.5],
      [-3, 0.2],
    ] as const) {
      const d = normal(mu, sigma);
      for (let z = -8; z <= 8; z += 0.125) {
        const x = mu + z * sigma;
        worstPdf = Math.max(worstPdf, rel(pdf(d, x), jStat.normal.pdf(x, mu, sigma)));
        if (z >= -3) worstCdf = Math.max(worstCdf, rel(cdf(d, x), jStat.normal.cdf(x, mu, sigma)));
        expect(Math.abs(cdf(d, x) + sf(d, x) - 1)).toBeLessThan(2e-16);
      }
    }
    expect(worstPdf).toBeLessThan(1e-13);
    expect(worstCdf).toBeLessThan(1e-13);
  });

  it('gives a support that covers all but the tail', () => {
    const d = normal(5, 2);
    const { lo, hi } = support(d, 1e-15);
    expect(cdf(d, lo)).toBeLessThanOrEqual(5e-16);
    expect(sf(d, hi)).toBeLessThanOrEqual(5e-16);
    expect(hi - lo).toBeLessThan(2 * 8.5 * 2);
  });
});

/** Pearson's χ² of samples against pmf, bins with expected count < 5 merged into the tails. */
function chiSquare(samples: readonly number[], d: DiscreteDistribution): { statistic: number; dof: number } {
  const { lo, hi } = support(d, 1e-12);
  const counts = histogramDiscrete(samples, { lo, hi });
  const n = samples.length;
  const cells: { observed: number; expected: number }[] = [];
  let pending = { observed: 0, expected: 0 };
  for (const bin of counts) {
    pending = { observed: pending.observed + bin.count, expected: pending.expected + n * pmf(d, bin.k) };
    if (pending.expected >= 5) {
      cells.push(pending);
      pending = { observed: 0, expected: 0 };
    }
  }
  const last = cells.at(-1);
  if (last) {
    last.observed += pending.observed;
    last.expected += pending.expected;
  }
  const statistic = cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  return { statistic, dof: cells.length - 1 };
}

describe('seeded sampling', () => {
  const cases: [string, Distribution][] = [
    ['binomial by inversion', binomial(20, 0.3)],
    ['binomial, rare events', binomial(10 ** 6, 1e-6)],
    ['binomial by BTRS', binomial(1000, 0.3)],
    ['binomial by BTRS, p > ½', binomial(200, 0.9)],
    ['binomial by BTRS, huge n', binomial(10 ** 7, 0.4)],
    ['Poisson by inversion', poisson(3)],
    ['Poisson by PTRS', poisson(50)],
    ['Poisson by PTRS, λ = 10⁴', poisson(1e4)],
    ['normal', normal(2, 3)],
  ];

  for (const [name, d] of cases) {
    it(`${name}: 10⁵ draws have the right mean and variance and pass χ²`, () => {
      const count = 100_000;
      const draws = sample(d, count, createRng(2024));
      expect(draws).toHaveLength(count);
      const m = draws.reduce((s, x) => s + x, 0) / count;
      const v = draws.reduce((s, x) => s + (x - m) ** 2, 0) / (count - 1);
      const sigma = Math.sqrt(variance(d));
      expect(Math.abs(m - mean(d))).toBeLessThan((4 * sigma) / Math.sqrt(count));
      // Var of the sample variance ≈ (μ₄ − σ⁴)/N ≤ 3σ⁴/N for these nearly normal or Poisson shapes.
      expect(Math.abs(v - variance(d))).toBeLessThan(4 * Math.sqrt(3 / count) * variance(d) + 4 / Math.sqrt(count));
      if (d.kind !== 'normal') {
        expect(draws.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
        const { statistic, dof } = chiSquare(draws, d);
        expect(dof).toBeGreaterThan(0);
        expect(statistic).toBeLessThan(jStat.chisquare.inv(0.999, dof));
      }
    });
  }

  it('gives the same sample for the same seed, and another for another seed', () => {
    for (const [, d] of cases) {
      expect(sample(d, 50, createRng(7))).toEqual(sample(d, 50, createRng(7)));
      expect(sample(d, 50, createRng(7))).not.toEqual(sample(d, 50, createRng(8)));
    }
    expect(sampling.sample(binomial(30, 0.5), 20, createRng(1))).toEqual(sample(binomial(30, 0.5), 20, createRng(1)));
    expect(sample(binomial(12, 0), 5, createRng(1))).toEqual([0, 0, 0, 0, 0]);
    expect(sample(binomial(12, 1), 3, createRng(1))).toEqual([12, 12, 12]);
    expect(() => sample(poisson(2), -1, createRng(1))).toThrow(RangeError);
  });

  it('bins samples into histograms', () => {
    const discrete = histogramDiscrete([2, 3, 3, 5, 2, 3]);
    expect(discrete).toEqual([
      { k: 2, count: 2, frequency: 2 / 6 },
      { k: 3, count: 3, frequency: 3 / 6 },
      { k: 4, count: 0, frequency: 0 },
      { k: 5, count: 1, frequency: 1 / 6 },
    ]);
    expect(histogramDiscrete([1, 9], { lo: 0, hi: 2 }).map((b) => b.count)).toEqual([0, 1, 0]);
    const d = normal(0, 1);
    const draws = sample(d, 100_000, createRng(3));
    const bins = histogramContinuous(draws, { bins: 40, domain: [-4, 4] });
    expect(bins).toHaveLength(40);
    const inside = draws.filter((x) => x >= -4 && x <= 4).length;
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(inside);
    expect(bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0)).toBeCloseTo(inside / draws.length, 12);
    for (const b of bins) {
      expect(b.x1 - b.x0).toBeCloseTo(0.2, 12);
      const expected = (cdf(d, b.x1) - cdf(d, b.x0)) / 0.2;
      expect(Math.abs(b.density - expected)).toBeLessThan(5 * Math.sqrt(expected / (0.2 * draws.length)) + 1e-3);
    }
    expect(histogramContinuous([1, 1, 1], { bins: 2 })).toMatchObject([{ x0: 0.5, x1: 1 }, { x0: 1, x1: 1.5, count: 3 }]);
    expect(histogramContinuous([])).toEqual([]);
  });
});

describe('approximating the binomial', () => {
  it('keeps the total variation distance to Poisson(np) within the Barbour–Hall bounds', () => {
    // (1/32) min(1, 1/λ) n p² ≤ d_TV(Bin(n, p), Poisson(np)) ≤ (1 − e^(−λ)) p.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 1e-6, max: 0.9, noNaN: true }), (n, p) => {
        const lambda = n * p;
        const result = binomialApproximations(n, p);
        const tv = result.poisson?.totalVariation ?? Number.NaN;
        expect(tv).toBeLessThanOrEqual((1 - Math.exp(-lambda)) * p * (1 + 1e-9) + 1e-15);
        expect(tv).toBeGreaterThanOrEqual((Math.min(1, 1 / lambda) * n * p * p) / 32 - 1e-15);
      }),
      { numRuns: 60 },
    );
  });

  it('says which approximation is better for the reader’s n and p', () => {
    const rare = binomialApproximations(1000, 0.002);
    expect(rare.better).toBe('poisson');
    expect(rare.rulesOfThumb).toEqual({ poisson: true, normal: false });
    const fair = binomialApproximations(1000, 0.5);
    expect(fair.better).toBe('normal');
    expect(fair.rulesOfThumb).toEqual({ poisson: false, normal: true });
    expect(fair.normal?.totalVariation).toBeLessThan(0.01);
    // The normal approximation improves like 1/σ as n grows.
    const tvs = [100, 1000, 10_000].map((n) => binomialApproximations(n, 0.5).normal?.totalVariation ?? 1);
    expect(tvs[1] ?? 1).toBeLessThan((tvs[0] ?? 0) / 2);
    expect(tvs[2] ?? 1).toBeLessThan((tvs[1] ?? 0) / 2);
    // n = 10⁶, p = 10⁻⁹: Poisson is nearly exact (d_TV ≤ λp/… ≈ 1e-12); the normal puts all
    // its mass at 0 and so misses P(X ≥ 1) ≈ 1e-3.
    const extreme = binomialApproximations(10 ** 6, 1e-9);
    expect(extreme.better).toBe('poisson');
    expect(extreme.poisson?.totalVariation).toBeLessThan(1e-11);
    expect(rel(extreme.normal?.totalVariation ?? 0, sf(binomial(10 ** 6, 1e-9), 0))).toBeLessThan(1e-3);
    expect(binomialApproximations(10, 0)).toMatchObject({ poisson: null, normal: null, better: null });
  });

  it('tabulates the three side by side; each column sums to 1', () => {
    const rows = approximationTable(50, 0.1, -20, 50);
    const sum = (pick: (r: (typeof rows)[number]) => number | null): number => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
    expect(sum((r) => r.binomial)).toBeCloseTo(1, 14);
    expect(sum((r) => r.poisson)).toBeCloseTo(1, 12);
    expect(sum((r) => r.normal)).toBeCloseTo(1, 12);
    expect(rows[0]?.binomial).toBe(0);
    // Continuity correction: P(X = k) ≈ Φ((k + ½ − μ)/σ) − Φ((k − ½ − μ)/σ).
    const sigma = Math.sqrt(50 * 0.1 * 0.9);
    const direct = cdf(normal(5, sigma), 7.5) - cdf(normal(5, sigma), 6.5);
    expect(normalApproximationPmf(50, 0.1, 7)).toBeCloseTo(direct, 15);
  });
});
