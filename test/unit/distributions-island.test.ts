import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderStatic } from '../../components/ui/static-render';
import { distributionsIsland } from '../../components/islands/distributions/definition';
import { DistributionCache, deriveDistributions, type DistState } from '../../components/islands/distributions/model';
import { approximationFigure, cdfChart, densityChart, formulaCards, histogramChart, problemText, samplingSummary } from '../../components/islands/distributions/figures';
import { distStrings } from '../../components/islands/distributions/strings';
import { plain, texNumber, percent } from '../../components/islands/distributions/numbers';
import { sampleMoments } from '../../src/lib/math/distribution-sampling';
import { sample, binomial } from '../../src/lib/math/distributions';
import { createRng } from '../../src/lib/random/prng';
import { defaultsOf } from '../../src/lib/state/codec';

interface JStat {
  mean(values: number[]): number;
  variance(values: number[], sample: boolean): number;
  binomial: { pdf(k: number, n: number, p: number): number; cdf(k: number, n: number, p: number): number };
  poisson: { pdf(k: number, l: number): number; cdf(k: number, l: number): number };
  normal: { pdf(x: number, m: number, s: number): number; cdf(x: number, m: number, s: number): number };
}
const jStat = createRequire(import.meta.url)('jstat') as JStat;
const s = distStrings['zh-CN'];
const defaults = defaultsOf(distributionsIsland.schema);
const state = (changes: Partial<DistState>): DistState => ({ ...defaults, ...changes });
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

function renderAll(st: DistState): string {
  const model = deriveDistributions(st);
  if (!model.ok) return problemText(model.problem, s);
  return [formulaCards(model, s), densityChart(model, s, 320), cdfChart(model, s, 320), histogramChart(model, s, 320), samplingSummary(model, s)]
    .map((t) => renderStatic(t))
    .join('') + renderStatic(approximationFigure(model, s, 640) as never);
}

describe('sample moments (Welford)', () => {
  it('match jStat’s mean and unbiased variance', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const m = sampleMoments(xs);
        expect(m?.count).toBe(xs.length);
        expect(Math.abs((m?.mean ?? 0) - jStat.mean(xs))).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(jStat.mean(xs))) + 1e-6);
        const v = jStat.variance(xs, true);
        expect(Math.abs((m?.variance ?? 0) - v)).toBeLessThanOrEqual(1e-8 * (1 + v));
      }),
    );
  });

  it('stay exact where the naive Σx² − n·x̄² formula cancels to nothing', () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(sampleMoments(xs)).toEqual({ count: 4, mean: 1e9 + 10, variance: 30 });
    expect(sampleMoments([])).toBeNull();
    expect(sampleMoments([5])).toEqual({ count: 1, mean: 5, variance: 0 });
  });
});

describe('distributions island model', () => {
  it('evaluates the chapter’s numbers: 10 coin tosses, λ = 3 requests, the standard normal', () => {
    const coin = deriveDistributions(defaults);
    expect(coin.ok && coin.at.density).toBeCloseTo(252 / 1024, 14);
    const requests = deriveDistributions({ ...defaults, ...distributionsIsland.presets['rare-events'] });
    expect(requests.ok && requests.at.density).toBeCloseTo((9 / 2) * Math.exp(-3), 14);
    const z = deriveDistributions({ ...defaults, ...distributionsIsland.presets['standard-normal'] });
    expect(z.ok && rel(z.at.cdf, jStat.normal.cdf(1.96, 0, 1))).toBeLessThan(1e-9);
  });

  it('agrees with jStat on the point and cumulative probabilities the cards show', () => {
    const cases: [Partial<DistState>, number, number][] = [
      [{ kind: 'binomial', n: 40, p: 0.3, x: 9 }, jStat.binomial.pdf(9, 40, 0.3), jStat.binomial.cdf(9, 40, 0.3)],
      [{ kind: 'poisson', lambda: 7.5, x: 4 }, jStat.poisson.pdf(4, 7.5), jStat.poisson.cdf(4, 7.5)],
      [{ kind: 'normal', mu: -2, sigma: 3, x: 1 }, jStat.normal.pdf(1, -2, 3), jStat.normal.cdf(1, -2, 3)],
    ];
    for (const [changes, density, cumulative] of cases) {
      const model = deriveDistributions(state(changes));
      if (!model.ok) throw new Error('valid state refused');
      expect(rel(model.at.density, density)).toBeLessThan(1e-9);
      expect(rel(model.at.cdf, cumulative)).toBeLessThan(1e-9);
    }
  });

  it('says that n = 1 is the Bernoulli distribution (erratum E11)', () => {
    const one = deriveDistributions(state({ n: 1, x: 1 }));
    if (!one.ok) throw new Error('valid state refused');
    expect(one.at.density).toBe(0.5);
    expect(renderStatic(formulaCards(one, s))).toContain('伯努利分布');
    const ten = deriveDistributions(defaults);
    if (!ten.ok) throw new Error('valid state refused');
    expect(renderStatic(formulaCards(ten, s))).not.toContain('伯努利分布');
  });

  it('refuses impossible parameters with the engine’s code, and says so in words', () => {
    const codes: [Partial<DistState>, string, string][] = [
      [{ p: 1.5 }, 'p-out-of-range', '0 到 1 之间'],
      [{ p: 30 }, 'p-out-of-range', '应输入 0.3'],
      [{ n: 2.5 }, 'n-not-integer', '整数'],
      [{ n: 5e7 }, 'n-too-large', '上限'],
      [{ kind: 'normal', sigma: 0 }, 'sigma-not-positive', '大于 0'],
      [{ kind: 'poisson', lambda: -1 }, 'lambda-not-positive', '大于 0'],
    ];
    for (const [changes, code, words] of codes) {
      const model = deriveDistributions(state(changes));
      expect(model.ok).toBe(false);
      if (model.ok) continue;
      expect(model.problem.code).toBe(code);
      expect(problemText(model.problem, s)).toContain(words);
    }
  });

  it('draws a prefix of one seeded stream, however the draws are added up', () => {
    const cache = new DistributionCache();
    const d = binomial(1000, 0.003);
    cache.samples(d, 7, 100);
    cache.samples(d, 7, 1100);
    const grown = [...cache.samples(d, 7, 11_100)];
    expect(grown).toEqual(sample(d, 11_100, createRng(7)));
    expect(cache.samples(d, 7, 50)).toEqual(grown.slice(0, 50));
    expect(cache.samples(d, 8, 50)).not.toEqual(grown.slice(0, 50));
  });

  it('gives a histogram whose mass adds up to the share of samples inside the chart', () => {
    for (const changes of [{}, { n: 1e6, p: 0.5 }, { kind: 'normal' as const }, { kind: 'poisson' as const, lambda: 400 }]) {
      const model = deriveDistributions(state({ ...changes, draws: 5000 }));
      if (!model.ok) throw new Error('valid state refused');
      const mass = model.histogram.bars.reduce((sum, b) => sum + b.value * (b.x1 - b.x0), 0);
      expect(mass).toBeCloseTo(1 - model.histogram.outside / 5000, 10);
    }
  });

  it('prints no NaN or Infinity, from n = 10⁶ with p = 10⁻⁹ to n = 10⁷', () => {
    const extremes: Partial<DistState>[] = [
      { n: 1e6, p: 1e-9, x: 0 },
      { n: 1e7, p: 0.5, x: 5e6, draws: 100 },
      { n: 0, p: 0.5, x: 0 },
      { n: 10, p: 1, x: 10 },
      { n: 10, p: 0, x: 3.5 },
      { kind: 'poisson', lambda: 1e-6, x: 0 },
      { kind: 'normal', mu: 1000, sigma: 1e-3, x: -1e9 },
      { draws: 0 },
    ];
    for (const changes of extremes) expect(renderAll(state(changes))).not.toMatch(/NaN|Infinity/);
  }, 60_000);

  it('prints no NaN or Infinity for any state the codec lets in', () => {
    const schema = distributionsIsland.schema;
    fc.assert(
      fc.property(
        fc.constantFrom('binomial', 'normal', 'poisson'),
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        fc.double({ min: -100, max: 2000, noNaN: true }),
        (kind, n, p, mu, sigma, lambda, x) => {
          expect(schema.kind.values).toContain(kind);
          expect(renderAll(state({ kind, n, p, mu, sigma, lambda, x, draws: 200 }))).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('number formatting', () => {
  it('keeps tiny and huge values readable and never prints NaN', () => {
    expect(plain(0.24609375)).toBe('0.2461');
    expect(plain(1.234e-15, 3)).toBe('1.23×10⁻¹⁵');
    expect(plain(1e-9)).toBe('10⁻⁹');
    expect(plain(1_000_000)).toBe('1000000');
    expect(texNumber(2.5e-12)).toBe('2.5\\times10^{-12}');
    expect(percent(1 / 6)).toBe('16.7%');
    expect(percent(0.000495)).toBe('0.05%');
    expect(percent(0.99989)).toBe('99.99%');
    expect(percent(1)).toBe('100%');
    expect(plain(Number.NaN)).toBe('—');
    expect(texNumber(Number.POSITIVE_INFINITY)).not.toMatch(/Infinity/);
  });
});
