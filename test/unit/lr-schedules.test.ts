import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkSchedule,
  cosineAt,
  GUESSING_LOSS,
  learningRateAt,
  runVerdict,
  SCHEDULE_KINDS,
  scheduleValues,
  smoothLosses,
  stepDecayAt,
  type ScheduleConfig,
} from '../../src/lib/ml/lr-schedules';

const base: ScheduleConfig = { lr: 0.1, lrMin: 0, factor: 0.5, everySteps: 10, warmup: 0, totalSteps: 100 };

describe('closed forms and documented values', () => {
  it('cosine annealing: Keras CosineDecay(0.1, decay_steps=1000) values computed by hand', () => {
    // decayed = 0.5·(1 + cos(π·step/1000)); lr = 0.1·decayed
    expect(cosineAt(0.1, 0, 0, 1000)).toBeCloseTo(0.1, 15);
    expect(cosineAt(0.1, 0, 250, 1000)).toBeCloseTo(0.0853553390593274, 14); // 0.05·(1 + √2/2)
    expect(cosineAt(0.1, 0, 500, 1000)).toBeCloseTo(0.05, 15);
    expect(cosineAt(0.1, 0, 750, 1000)).toBeCloseTo(0.0146446609406726, 14); // 0.05·(1 − √2/2)
    expect(cosineAt(0.1, 0, 1000, 1000)).toBeCloseTo(0, 15);
  });

  it('cosine with η_min equals Keras alpha = η_min/η_max: ((1−α)·decayed + α)·η_max', () => {
    const alpha = 0.01 / 0.1;
    const decayed = 0.5 * (1 + Math.cos((Math.PI * 300) / 1000));
    expect(cosineAt(0.1, 0.01, 300, 1000)).toBeCloseTo(((1 - alpha) * decayed + alpha) * 0.1, 15);
    // 9.2's formula: η_min + ½(η_max − η_min)(1 + cos(πt/T)) at t = T/3: cos(π/3) = ½
    expect(cosineAt(0.1, 0.01, 1, 3)).toBeCloseTo(0.01 + 0.5 * 0.09 * 1.5, 15);
  });

  it('step decay: Keras ExponentialDecay(0.1, 100000, 0.96, staircase=True)', () => {
    expect(stepDecayAt(0.1, 0.96, 100_000, 0)).toBe(0.1);
    expect(stepDecayAt(0.1, 0.96, 100_000, 99_999)).toBe(0.1);
    expect(stepDecayAt(0.1, 0.96, 100_000, 100_000)).toBeCloseTo(0.096, 15);
    expect(stepDecayAt(0.1, 0.96, 100_000, 250_000)).toBeCloseTo(0.09216, 15);
  });

  it('step decay halves every 10 steps in a whole schedule', () => {
    const v = scheduleValues('step', base);
    expect(v.length).toBe(100);
    expect(v[9]).toBe(0.1);
    expect(v[10]).toBe(0.05);
    expect(v[25]).toBe(0.025);
    expect(v[99]).toBeCloseTo(0.1 / 2 ** 9, 15);
  });

  it('linear warmup from 0 (Keras warmup with initial rate 0), then the schedule shifted by w', () => {
    const c = { ...base, warmup: 20 };
    expect(learningRateAt('cosine', c, 0)).toBe(0);
    expect(learningRateAt('cosine', c, 5)).toBeCloseTo(0.025, 15);
    expect(learningRateAt('constant', c, 10)).toBeCloseTo(0.05, 15);
    expect(learningRateAt('cosine', c, 20)).toBe(0.1);
    expect(learningRateAt('cosine', c, 60)).toBeCloseTo(0.05, 15); // halfway through the 80 remaining steps
    expect(learningRateAt('step', c, 30)).toBe(0.05);
  });
});

describe('bad configurations are codes, not exceptions', () => {
  it.each([
    [{ lr: 0 }, 'lr-not-positive'],
    [{ lr: -0.1 }, 'lr-not-positive'],
    [{ lrMin: -1e-4 }, 'lr-min-negative'],
    [{ lrMin: 0.2 }, 'lr-min-above-max'],
    [{ factor: 1.5 }, 'factor-out-of-range'],
    [{ factor: 0 }, 'factor-out-of-range'],
    [{ everySteps: 0 }, 'every-not-positive'],
    [{ totalSteps: 0 }, 'total-not-positive'],
    [{ warmup: 100 }, 'warmup-too-long'],
  ] as const)('%o → %s', (change, code) => {
    expect(checkSchedule({ ...base, ...change })?.code).toBe(code);
  });
  it('a good configuration passes', () => expect(checkSchedule(base)).toBeNull());
});

const configs = fc
  .record({
    lr: fc.double({ min: 1e-5, max: 1, noNaN: true }),
    minShare: fc.double({ min: 0, max: 1, noNaN: true }),
    factor: fc.double({ min: 0.01, max: 1, noNaN: true }),
    everySteps: fc.integer({ min: 1, max: 50 }),
    totalSteps: fc.integer({ min: 1, max: 300 }),
    warmShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
  })
  .map(
    (r): ScheduleConfig => ({
      lr: r.lr,
      lrMin: r.lr * r.minShare,
      factor: r.factor,
      everySteps: r.everySteps,
      totalSteps: r.totalSteps,
      warmup: Math.floor(r.warmShare * r.totalSteps),
    }),
  );

describe('properties', () => {
  it('every generated configuration is accepted', () => {
    fc.assert(fc.property(configs, (c) => checkSchedule(c) === null));
  });

  it('after warmup every schedule is non-increasing, starts at η_max and stays within [min, η_max]', () => {
    fc.assert(
      fc.property(configs, fc.constantFrom(...SCHEDULE_KINDS), (c, kind) => {
        const v = scheduleValues(kind, c);
        expect(v[c.warmup]).toBe(c.lr);
        for (let t = c.warmup + 1; t < v.length; t++) expect(v[t]!).toBeLessThanOrEqual(v[t - 1]! + 1e-15);
        const floor = kind === 'cosine' ? c.lrMin : 0;
        v.forEach((x, t) => {
          expect(x).toBeGreaterThanOrEqual(t < c.warmup ? 0 : floor - 1e-15);
          expect(x).toBeLessThanOrEqual(c.lr);
        });
      }),
    );
  });

  it('cosine reaches η_min exactly at t = T and is symmetric about the midpoint', () => {
    fc.assert(
      fc.property(configs, fc.double({ min: 0, max: 1, noNaN: true }), (c, u) => {
        const T = c.totalSteps;
        expect(cosineAt(c.lr, c.lrMin, T, T)).toBeCloseTo(c.lrMin, 12);
        const t = u * T;
        const mid = (c.lr + c.lrMin) / 2;
        expect(cosineAt(c.lr, c.lrMin, t, T) - mid).toBeCloseTo(mid - cosineAt(c.lr, c.lrMin, T - t, T), 12);
      }),
    );
  });

  it('warmup rises linearly: equal increments of η_max / w', () => {
    fc.assert(
      fc.property(configs, fc.constantFrom(...SCHEDULE_KINDS), (c, kind) => {
        for (let t = 1; t < c.warmup; t++) expect(learningRateAt(kind, c, t) - learningRateAt(kind, c, t - 1)).toBeCloseTo(c.lr / c.warmup, 12);
      }),
    );
  });
});

describe('smoothing and verdicts', () => {
  it('debiased EMA: the first point is the first loss; hand-computed second and third', () => {
    const s = smoothLosses([2, 1, 1], 0.5);
    // s1 = 1 → 1/0.5 = 2; s2 = 0.5 + 0.5 = 1 → 1/0.75; s3 = 0.5 + 0.5 = 1 → 1/0.875 … by hand:
    expect(s[0]).toBeCloseTo(2, 15);
    expect(s[1]).toBeCloseTo((0.5 * 1 + 0.5 * 1) / 0.75, 15);
    expect(s[2]).toBeCloseTo((0.5 * 1 + 0.5 * 1) / 0.875, 15);
  });
  it('a constant series stays constant, and β = 0 returns the losses', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (x, beta) => {
        for (const s of smoothLosses([x, x, x, x], beta)) expect(s).toBeCloseTo(x, 10);
      }),
    );
    expect(smoothLosses([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });
  it('the curve stops before a non-finite loss', () => {
    expect(smoothLosses([1, 2, NaN, 1], 0.5)).toHaveLength(2);
    expect(smoothLosses([Infinity], 0.5)).toHaveLength(0);
  });
  it('verdicts: NaN, Infinity and a clipped, confidently wrong model diverge; ln 10 is no progress', () => {
    expect(runVerdict(NaN)).toBe('diverged');
    expect(runVerdict(Infinity)).toBe('diverged');
    expect(runVerdict(-Math.log(1e-7))).toBe('diverged');
    expect(runVerdict(GUESSING_LOSS)).toBe('no-progress');
    expect(runVerdict(2.31)).toBe('no-progress');
    expect(runVerdict(0.4)).toBe('learned');
  });
});
