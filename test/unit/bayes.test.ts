import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POPULATION, diagnosticTest, largestRemainder, validateDiagnostic } from '../../src/lib/math/bayes';
import { analyzeEvents, validateEvents } from '../../src/lib/math/conditional';

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const probability = fc.double({ min: 0, max: 1, noNaN: true });

describe('Bayes on a diagnostic test', () => {
  it('reproduces the mammography problem (Gigerenzer & Hoffrage 1995): posterior ≈ 7.8 %', () => {
    // 1 % prevalence, 80 % sensitivity, 9.6 % false positives (specificity 90.4 %).
    const r = ok(diagnosticTest({ prevalence: 0.01, sensitivity: 0.8, specificity: 0.904 }));
    expect(r.pPositive).toBeCloseTo(0.008 + 0.99 * 0.096, 15);
    expect(r.posteriorPositive).toBeCloseTo(0.008 / 0.10304, 15);
    expect(r.posteriorPositive).toBeCloseTo(0.078, 3);
    expect(r.posteriorNegative).toBeCloseTo((0.99 * 0.904) / (0.99 * 0.904 + 0.01 * 0.2), 15);
    expect(r.missedGivenNegative).toBeCloseTo(1 - (r.posteriorNegative ?? 0), 15);
    // Of 10,000 women: 100 with cancer (80 test positive), 9,900 without (950.4 → 950 positive).
    expect(r.counts).toEqual({
      population: DEFAULT_POPULATION,
      diseased: 100,
      healthy: 9900,
      truePositive: 80,
      falseNegative: 20,
      falsePositive: 950,
      trueNegative: 8950,
      positive: 1030,
      negative: 8970,
    });
    // The natural frequencies tell the same story: 80 of 1030 positives are ill.
    expect(80 / 1030).toBeCloseTo(r.posteriorPositive ?? 0, 3);
  });

  it('gives natural frequencies that always add up exactly', () => {
    fc.assert(
      fc.property(probability, probability, probability, fc.integer({ min: 1, max: 1_000_000 }), (prev, sens, spec, n) => {
        const r = ok(diagnosticTest({ prevalence: prev, sensitivity: sens, specificity: spec, population: n }));
        const c = r.counts;
        expect(c.diseased + c.healthy).toBe(n);
        expect(c.truePositive + c.falseNegative).toBe(c.diseased);
        expect(c.falsePositive + c.trueNegative).toBe(c.healthy);
        expect(c.positive + c.negative).toBe(n);
        for (const x of Object.values(c)) expect(Number.isInteger(x) && x >= 0).toBe(true);
        // Each count is its exact share rounded up or down.
        expect(Math.abs(c.diseased - n * prev)).toBeLessThan(1);
        expect(Math.abs(c.truePositive - c.diseased * sens)).toBeLessThan(1);
        // Bayes' theorem: P(D|+) P(+) = P(+|D) P(D).
        if (r.posteriorPositive !== null) expect(r.posteriorPositive * r.pPositive).toBeCloseTo(sens * prev, 14);
        expect(r.pPositive + r.pNegative).toBeCloseTo(1, 14);
      }),
    );
  });

  it('reports undefined posteriors as null and bad inputs as codes', () => {
    const never = ok(diagnosticTest({ prevalence: 0, sensitivity: 0.9, specificity: 1 }));
    expect(never.pPositive).toBe(0);
    expect(never.posteriorPositive).toBeNull();
    expect(never.counts.positive).toBe(0);
    expect(validateDiagnostic({ prevalence: 1.2, sensitivity: 0.9, specificity: 0.9 })).toEqual({
      ok: false,
      code: 'out-of-range',
      field: 'prevalence',
      value: 1.2,
    });
    expect(diagnosticTest({ prevalence: 0.1, sensitivity: -0.1, specificity: 0.9 })).toMatchObject({ code: 'out-of-range', field: 'sensitivity' });
    expect(diagnosticTest({ prevalence: 0.1, sensitivity: 0.9, specificity: Number.NaN })).toMatchObject({ field: 'specificity' });
    expect(diagnosticTest({ prevalence: 0.1, sensitivity: 0.9, specificity: 0.9, population: 2.5 })).toMatchObject({
      code: 'population-invalid',
    });
    expect(diagnosticTest({ prevalence: 0.1, sensitivity: 0.9, specificity: 0.9, population: 0 })).toMatchObject({
      code: 'population-invalid',
    });
  });

  it('splits totals by largest remainders', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(100, [0.333, 0.333, 0.334])).toEqual([33, 33, 34]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        const sum = weights.reduce((s, w) => s + w, 0);
        fc.pre(sum > 0);
        const shares = largestRemainder(total, weights);
        expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
        shares.forEach((x, i) => expect(Math.abs(x - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1 + 1e-9));
      }),
    );
    expect(() => largestRemainder(5, [0, 0])).toThrow(RangeError);
  });
});

describe('conditional probability of two events', () => {
  it('computes P(A|B), P(B|A), P(A∪B) and the 2×2 table', () => {
    const r = ok(analyzeEvents({ pA: 0.5, pB: 0.4, pAB: 0.1 }));
    expect(r.pAgivenB).toBeCloseTo(0.25, 15);
    expect(r.pBgivenA).toBeCloseTo(0.2, 15);
    expect(r.pUnion).toBeCloseTo(0.8, 15);
    expect(r.table.aAndB).toBe(0.1);
    expect(r.table.aNotB).toBeCloseTo(0.4, 15);
    expect(r.table.notAB).toBeCloseTo(0.3, 15);
    expect(r.table.notANotB).toBeCloseTo(0.2, 15);
    expect(r.independent).toBe(false);
    expect(r.dependence).toBeCloseTo(0.1 - 0.2, 15);
  });

  it('recognises independence: P(A∩B) = P(A)P(B)', () => {
    const r = ok(analyzeEvents({ pA: 0.5, pB: 0.4, pAB: 0.2 }));
    expect(r.independent).toBe(true);
    expect(r.pAgivenB).toBeCloseTo(0.5, 15);
    expect(r.pBgivenA).toBeCloseTo(0.4, 15);
  });

  it('refuses impossible combinations with the rule and the bound', () => {
    expect(validateEvents({ pA: 1.1, pB: 0.5, pAB: 0.1 })).toEqual({ ok: false, code: 'out-of-range', which: 'pA', value: 1.1 });
    expect(validateEvents({ pA: 0.5, pB: -0.2, pAB: 0 })).toMatchObject({ code: 'out-of-range', which: 'pB' });
    expect(validateEvents({ pA: 0.5, pB: 0.5, pAB: Number.NaN })).toMatchObject({ code: 'out-of-range', which: 'pAB' });
    // The overlap cannot exceed the smaller event.
    expect(validateEvents({ pA: 0.3, pB: 0.6, pAB: 0.35 })).toEqual({
      ok: false,
      code: 'intersection-too-large',
      pAB: 0.35,
      bound: 0.3,
      limitedBy: 'pA',
    });
    expect(analyzeEvents({ pA: 0.9, pB: 0.2, pAB: 0.25 })).toMatchObject({ code: 'intersection-too-large', limitedBy: 'pB' });
    // P(A) + P(B) − 1 = 0.5: with less overlap, P(A∪B) would exceed 1.
    const tooSmall = validateEvents({ pA: 0.7, pB: 0.8, pAB: 0.4 });
    expect(tooSmall).toMatchObject({ ok: false, code: 'intersection-too-small', pAB: 0.4 });
    if (tooSmall.ok || tooSmall.code !== 'intersection-too-small') throw new Error('unreachable');
    expect(tooSmall.bound).toBeCloseTo(0.5, 15);
    // Exactly on the bounds is possible, rounding included (0.3 + 0.8 − 1 = 0.10000000000000009).
    expect(validateEvents({ pA: 0.3, pB: 0.8, pAB: 0.1 })).toEqual({ ok: true });
    expect(validateEvents({ pA: 0.3, pB: 0.8, pAB: 0.3 })).toEqual({ ok: true });
  });

  it('keeps every valid triple consistent', () => {
    const triple = fc
      .tuple(probability, probability, probability)
      .map(([a, b, t]) => ({ pA: a, pB: b, pAB: Math.max(0, a + b - 1) + t * (Math.min(a, b) - Math.max(0, a + b - 1)) }));
    fc.assert(
      fc.property(triple, (e) => {
        const r = ok(analyzeEvents(e));
        const cells = [r.table.aAndB, r.table.aNotB, r.table.notAB, r.table.notANotB];
        cells.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
        expect(cells.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
        expect(r.pUnion).toBeLessThanOrEqual(1);
        if (r.pAgivenB !== null) expect(r.pAgivenB * e.pB).toBeCloseTo(e.pAB, 14);
        if (e.pB === 0) expect(r.pAgivenB).toBeNull();
      }),
    );
    expect(ok(analyzeEvents({ pA: 0.4, pB: 0, pAB: 0 })).pAgivenB).toBeNull();
  });
});
