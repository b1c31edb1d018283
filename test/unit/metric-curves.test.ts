import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binaryMetrics, countsAtThreshold, type ScoredSample } from '../../src/lib/ml/metrics';
import {
  bestFBetaThreshold,
  fBeta,
  multiclassAverages,
  precisionRecallCurve,
  rocCurve,
  thresholdSweep,
} from '../../src/lib/ml/metric-curves';
import { makeScoredSamples } from '../../src/lib/ml/scored-samples';

const s = (score: number, positive: boolean): ScoredSample => ({ score, positive });

/** The probability that a random positive outscores a random negative, ties counting ½, by counting all pairs. */
function mannWhitney(samples: readonly ScoredSample[]): number {
  const pos = samples.filter((x) => x.positive);
  const neg = samples.filter((x) => !x.positive);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

// Worked by hand below: positives at 0.9, 0.8, 0.3; negatives at 0.8 (a tie), 0.5, 0.1.
const EXAMPLE = [s(0.5, false), s(0.9, true), s(0.1, false), s(0.8, false), s(0.3, true), s(0.8, true)];

describe('F-beta', () => {
  it('F1 is the harmonic mean of P and R, as binaryMetrics computes it', () => {
    const m = binaryMetrics({ tp: 5, fp: 1, fn: 15, tn: 979 });
    expect(fBeta(m.precision.value, m.recall.value, 1)).toBeCloseTo(m.f1.value ?? NaN, 14);
  });

  it('weighs recall β times as much as precision', () => {
    // P = 0.5, R = 1: F2 = 5·0.5/(4·0.5 + 1) = 5/6, F0.5 = 1.25·0.5/(0.125 + 1) = 5/9.
    expect(fBeta(0.5, 1, 2)).toBeCloseTo(5 / 6, 14);
    expect(fBeta(0.5, 1, 0.5)).toBeCloseTo(5 / 9, 14);
  });

  it('is undefined (null) when P or R is, or both are 0; rejects β ≤ 0', () => {
    expect(fBeta(null, 0.5, 1)).toBeNull();
    expect(fBeta(0.5, null, 1)).toBeNull();
    expect(fBeta(0, 0, 1)).toBeNull();
    expect(fBeta(0, 0.5, 1)).toBe(0);
    expect(() => fBeta(0.5, 0.5, 0)).toThrow(RangeError);
  });
});

describe('ROC and precision–recall curves', () => {
  it('give one point per distinct score, with the counts of countsAtThreshold', () => {
    const sweep = thresholdSweep(EXAMPLE);
    expect(sweep.map((p) => p.threshold)).toEqual([0.9, 0.8, 0.5, 0.3, 0.1]);
    for (const p of sweep) expect(p.counts).toEqual(countsAtThreshold(EXAMPLE, p.threshold));
  });

  it('match the hand-worked ROC example, ties included', () => {
    const roc = rocCurve(EXAMPLE);
    if (!roc.ok) throw new Error(roc.code);
    expect(roc.points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1 / 3],
      [1 / 3, 2 / 3],
      [2 / 3, 2 / 3],
      [2 / 3, 1],
      [1, 1],
    ]);
    expect(roc.points[0]?.threshold).toBeNull();
    // Trapezoids: 1/6 + 2/9 + 1/3 = 13/18; pairs: (3 + 2.5 + 1)/9 = 13/18.
    expect(roc.auc).toBeCloseTo(13 / 18, 14);
    expect(mannWhitney(EXAMPLE)).toBeCloseTo(13 / 18, 14);
  });

  it('match the hand-worked precision–recall example and its average precision', () => {
    const pr = precisionRecallCurve(EXAMPLE);
    if (!pr.ok) throw new Error(pr.code);
    expect(pr.points.map((p) => [p.recall, p.precision])).toEqual([
      [1 / 3, 1],
      [2 / 3, 2 / 3],
      [2 / 3, 1 / 2],
      [1, 3 / 5],
      [1, 1 / 2],
    ]);
    // AP = ⅓·1 + ⅓·⅔ + 0 + ⅓·⅗ + 0 = 34/45.
    expect(pr.averagePrecision).toBeCloseTo(34 / 45, 14);
  });

  it('AUC: 1 for a perfect ranking, 0 for a reversed one, ½ for all-equal scores', () => {
    const perfect = [s(0.9, true), s(0.8, true), s(0.3, false), s(0.1, false)];
    const reversed = perfect.map((x) => ({ ...x, positive: !x.positive }));
    const equal = perfect.map((x) => ({ ...x, score: 0.5 }));
    expect(rocCurve(perfect)).toMatchObject({ ok: true, auc: 1 });
    expect(rocCurve(reversed)).toMatchObject({ ok: true, auc: 0 });
    expect(rocCurve(equal)).toMatchObject({ ok: true, auc: 0.5 });
    expect(precisionRecallCurve(perfect)).toMatchObject({ ok: true, averagePrecision: 1 });
  });

  it('report a missing class as a code', () => {
    expect(rocCurve([s(0.2, false)])).toEqual({ ok: false, code: 'no-positives' });
    expect(rocCurve([s(0.2, true)])).toEqual({ ok: false, code: 'no-negatives' });
    expect(precisionRecallCurve([s(0.2, false)])).toEqual({ ok: false, code: 'no-positives' });
    expect(bestFBetaThreshold([s(0.2, false)])).toBeNull();
  });

  const scoredSets = fc
    .array(fc.record({ score: fc.integer({ min: 0, max: 10 }).map((k) => k / 10), positive: fc.boolean() }), { minLength: 2, maxLength: 60 })
    .filter((xs) => xs.some((x) => x.positive) && xs.some((x) => !x.positive));

  it('AUC equals the Mann–Whitney probability on random data with many ties (fast-check)', () => {
    fc.assert(
      fc.property(scoredSets, (samples) => {
        const roc = rocCurve(samples);
        if (!roc.ok) return false;
        return Math.abs(roc.auc - mannWhitney(samples)) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it('ROC rises monotonically from (0, 0) to (1, 1) (fast-check)', () => {
    fc.assert(
      fc.property(scoredSets, (samples) => {
        const roc = rocCurve(samples);
        if (!roc.ok) return false;
        const last = roc.points[roc.points.length - 1];
        return last?.fpr === 1 && last.tpr === 1 && roc.points.every((p, i) => i === 0 || (p.fpr >= (roc.points[i - 1]?.fpr ?? 0) && p.tpr >= (roc.points[i - 1]?.tpr ?? 0)));
      }),
    );
  });
});

describe('best threshold', () => {
  it('finds the F1 and F0.5 maxima of the hand-worked example', () => {
    // F1 per threshold: 0.5, 2/3, 4/7, 0.75, 2/3. F0.5 favours precision: 0.9 wins (5/7).
    expect(bestFBetaThreshold(EXAMPLE)).toMatchObject({ threshold: 0.3, precision: 0.6, recall: 1 });
    expect(bestFBetaThreshold(EXAMPLE)?.score).toBeCloseTo(0.75, 14);
    expect(bestFBetaThreshold(EXAMPLE, 0.5)?.threshold).toBe(0.9);
    expect(bestFBetaThreshold(EXAMPLE, 0.5)?.score).toBeCloseTo(5 / 7, 14);
  });

  it('is no worse than any threshold tried by brute force', () => {
    const samples = makeScoredSamples(11, 60);
    for (const beta of [0.5, 1, 2]) {
      const best = bestFBetaThreshold(samples, beta);
      for (let t = 0; t <= 1.0001; t += 0.01) {
        const m = binaryMetrics(countsAtThreshold(samples, t));
        expect(fBeta(m.precision.value, m.recall.value, beta) ?? 0).toBeLessThanOrEqual((best?.score ?? NaN) + 1e-12);
      }
    }
  });
});

describe('multi-class averages', () => {
  it('macro and micro averages of a small matrix, by hand', () => {
    // Rows true, columns predicted. Precision (by column): 3/4, 1/3, 1; recall (by row): 3/5, 1/2, 1.
    const matrix = [
      [3, 2, 0],
      [1, 1, 0],
      [0, 0, 2],
    ];
    const avg = multiclassAverages(matrix);
    expect(avg.macro.precision).toBeCloseTo((3 / 4 + 1 / 3 + 1) / 3, 14);
    expect(avg.macro.recall).toBeCloseTo((3 / 5 + 1 / 2 + 1) / 3, 14);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    expect(avg.macro.f1).toBeCloseTo((f1(3 / 4, 3 / 5) + f1(1 / 3, 1 / 2) + f1(1, 1)) / 3, 14);
    expect(avg.micro).toEqual({ precision: 6 / 9, recall: 6 / 9, f1: 6 / 9 });
    expect(avg.accuracy).toBe(6 / 9);
    expect(avg.undefinedAsZero).toEqual({ precision: [], recall: [], f1: [] });
  });

  it('counts a never-predicted class as 0 in the macro mean and names it; leaves out absent classes', () => {
    const avg = multiclassAverages([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ]);
    expect(avg.classes).toEqual([0, 1, 2]);
    expect(avg.undefinedAsZero.precision).toEqual([1]);
    expect(avg.macro.precision).toBeCloseTo((1 / 2 + 0 + 1) / 3, 14);
    expect(avg.macro.recall).toBeCloseTo((1 + 0 + 1) / 3, 14);
  });

  it('micro-F1 equals accuracy for any single-label confusion matrix (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((k) => fc.array(fc.array(fc.nat(20), { minLength: k, maxLength: k }), { minLength: k, maxLength: k })),
        (matrix) => {
          const avg = multiclassAverages(matrix);
          if (avg.accuracy === null) return avg.micro.f1 === null;
          return Math.abs((avg.micro.f1 ?? NaN) - avg.accuracy) < 1e-12 && avg.micro.precision === avg.micro.recall;
        },
      ),
    );
  });
});
