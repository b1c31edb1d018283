import { describe, expect, it } from 'vitest';
import {
  binaryMetrics,
  confusionMatrix,
  countsAtThreshold,
  perClassMetrics,
  sourceF1,
} from '../../src/lib/ml/metrics';
import { makeScoredSamples } from '../../src/lib/ml/scored-samples';
import { createRng } from '../../src/lib/random/prng';

describe('binary metrics', () => {
  it('matches a worked textbook example', () => {
    // 100 cases: 40 actual positives of which 30 are found; 10 false alarms.
    const m = binaryMetrics({ tp: 30, fp: 10, fn: 10, tn: 50 });
    expect(m.accuracy.value).toBeCloseTo(0.8, 12);
    expect(m.precision.value).toBeCloseTo(0.75, 12);
    expect(m.recall.value).toBeCloseTo(0.75, 12);
    expect(m.f1.value).toBeCloseTo(0.75, 12);
  });

  it('F1 is the harmonic mean of precision and recall, not of accuracy and recall (E2)', () => {
    const m = binaryMetrics({ tp: 5, fp: 1, fn: 15, tn: 979 });
    const p = 5 / 6;
    const r = 5 / 20;
    expect(m.f1.value).toBeCloseTo((2 * p * r) / (p + r), 12);
    // The source's formula with accuracy 0.984 gives a very different number.
    expect(sourceF1(m)).toBeCloseTo((2 * 0.984 * 0.25) / (0.984 + 0.25), 12);
    expect(Math.abs((sourceF1(m) ?? 0) - (m.f1.value ?? 0))).toBeGreaterThan(0.01);
  });

  it('reports zero denominators as undefined instead of NaN', () => {
    const noPredictedPositives = binaryMetrics({ tp: 0, fp: 0, fn: 4, tn: 6 });
    expect(noPredictedPositives.precision).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(noPredictedPositives.f1.value).toBeNull();
    expect(noPredictedPositives.recall.value).toBe(0);
    const empty = binaryMetrics({ tp: 0, fp: 0, fn: 0, tn: 0 });
    expect(empty.accuracy.value).toBeNull();
  });

  it('rejects negative or fractional counts', () => {
    expect(() => binaryMetrics({ tp: -1, fp: 0, fn: 0, tn: 0 })).toThrow(RangeError);
    expect(() => binaryMetrics({ tp: 1.5, fp: 0, fn: 0, tn: 0 })).toThrow(RangeError);
  });

  it('F1 lies between min(P, R) and max(P, R) for random matrices', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 500; trial++) {
      const m = binaryMetrics({ tp: 1 + rng.int(50), fp: rng.int(50), fn: rng.int(50), tn: rng.int(50) });
      const p = m.precision.value ?? NaN;
      const r = m.recall.value ?? NaN;
      const f1 = m.f1.value ?? NaN;
      expect(f1).toBeGreaterThanOrEqual(Math.min(p, r) - 1e-12);
      expect(f1).toBeLessThanOrEqual(Math.max(p, r) + 1e-12);
      expect(f1).toBeCloseTo((2 * p * r) / (p + r), 12);
    }
  });
});

describe('threshold sweep', () => {
  const samples = makeScoredSamples(42);

  it('is reproducible from its seed and differs across seeds', () => {
    expect(makeScoredSamples(42)).toEqual(samples);
    expect(makeScoredSamples(43)).not.toEqual(samples);
    expect(samples.filter((s) => s.positive)).toHaveLength(16);
  });

  it('counts every sample exactly once', () => {
    for (const t of [0, 0.25, 0.5, 0.75, 1.01]) {
      const c = countsAtThreshold(samples, t);
      expect(c.tp + c.fp + c.fn + c.tn).toBe(samples.length);
    }
  });

  it('threshold 0 predicts everything positive; above 1 nothing', () => {
    expect(countsAtThreshold(samples, 0)).toEqual({ tp: 16, fp: 24, fn: 0, tn: 0 });
    expect(countsAtThreshold(samples, 1.01)).toEqual({ tp: 0, fp: 0, fn: 16, tn: 24 });
  });

  it('recall never increases as the threshold rises', () => {
    let previous = Infinity;
    for (let t = 0; t <= 1; t += 0.01) {
      const recall = binaryMetrics(countsAtThreshold(samples, t)).recall.value ?? 0;
      expect(recall).toBeLessThanOrEqual(previous);
      previous = recall;
    }
  });
});

describe('multi-class metrics', () => {
  it('builds the confusion matrix and per-class metrics of a small example', () => {
    const truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
    const predicted = [0, 0, 1, 1, 2, 2, 2, 2, 0];
    const matrix = confusionMatrix(truth, predicted, 3);
    expect(matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
    const perClass = perClassMetrics(matrix);
    expect(perClass[0]).toMatchObject({ support: 3, precision: 2 / 3, recall: 2 / 3 });
    expect(perClass[1]).toMatchObject({ support: 2, precision: 0.5, recall: 0.5 });
    expect(perClass[2]?.precision).toBeCloseTo(0.75, 12);
    expect(perClass[2]?.recall).toBeCloseTo(0.75, 12);
  });

  it('rejects labels outside the class range', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(RangeError);
  });
});
