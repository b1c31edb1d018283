import { describe, expect, it } from 'vitest';
import {
  type ConstraintSpec,
  evaluateConstraint,
  evaluateObjective,
  kktReport,
  type NlpOptions,
  type NlpProblem,
  type NlpResult,
  type ObjectiveSpec,
  type ShapeSpec,
  solveNlp,
} from '../../src/lib/math/nonlinear';

type Run = Extract<NlpResult, { x: unknown }>;

function converged(p: NlpProblem, options: NlpOptions = {}): Run {
  const r = solveNlp(p, options);
  if (r.status !== 'converged') throw new Error(`expected converged, got ${r.status}`);
  return r;
}

/** Within each outer step the augmented Lagrangian never rises. */
function expectMeritDecreasing(r: Run): void {
  for (let k = 1; k < r.path.length; k++) {
    const prev = r.path[k - 1];
    const cur = r.path[k];
    if (!prev || !cur || cur.outer !== prev.outer) continue;
    expect(cur.merit).toBeLessThanOrEqual(prev.merit);
  }
}

const circle = (radius: number, center: readonly [number, number] = [0, 0]): ShapeSpec => ({
  shape: 'circle',
  center,
  radius,
});
const quadratic = (w: readonly [number, number], c: readonly [number, number] = [0, 0]): ObjectiveSpec => ({
  preset: 'quadratic',
  weights: w,
  center: c,
});

describe('objective and constraint derivatives', () => {
  const objectives: ObjectiveSpec[] = [
    { preset: 'quadratic', weights: [1.5, 0.5], center: [1, -2], cross: 0.7 },
    { preset: 'rosenbrock' },
    { preset: 'rosenbrock', a: 2, b: 10 },
    { preset: 'himmelblau' },
    { preset: 'saddle' },
  ];
  const shapes: ShapeSpec[] = [{ shape: 'linear', a: [2, -1], b: 3 }, circle(1.5, [0.5, -1])];
  const points: [number, number][] = [
    [0.3, -0.7],
    [-1.2, 1],
    [2.5, 1.5],
  ];

  it('gradients and Hessians match central differences', () => {
    const h = 1e-5;
    const fns = [
      ...objectives.map((o) => (x: readonly [number, number]) => evaluateObjective(o, x)),
      ...shapes.map((s) => (x: readonly [number, number]) => evaluateConstraint(s, x)),
    ];
    for (const fn of fns) {
      for (const [x, y] of points) {
        const e = fn([x, y]);
        const dx = (fn([x + h, y]).value - fn([x - h, y]).value) / (2 * h);
        const dy = (fn([x, y + h]).value - fn([x, y - h]).value) / (2 * h);
        const scale = 1 + Math.abs(e.value);
        expect(Math.abs(e.gradient[0] - dx)).toBeLessThanOrEqual(1e-6 * scale);
        expect(Math.abs(e.gradient[1] - dy)).toBeLessThanOrEqual(1e-6 * scale);
        const gx = (fn([x + h, y]).gradient[0] - fn([x - h, y]).gradient[0]) / (2 * h);
        const gxy = (fn([x, y + h]).gradient[0] - fn([x, y - h]).gradient[0]) / (2 * h);
        const gy = (fn([x, y + h]).gradient[1] - fn([x, y - h]).gradient[1]) / (2 * h);
        expect(Math.abs(e.hessian[0][0] - gx)).toBeLessThanOrEqual(1e-5 * scale);
        expect(Math.abs(e.hessian[0][1] - gxy)).toBeLessThanOrEqual(1e-5 * scale);
        expect(e.hessian[1][0]).toBe(e.hessian[0][1]);
        expect(Math.abs(e.hessian[1][1] - gy)).toBeLessThanOrEqual(1e-5 * scale);
      }
    }
  });
});

describe('augmented Lagrangian on problems with closed-form answers', () => {
  it('min x² + y² s.t. x + y = 1 → (0.5, 0.5), λ = −1 with ∇f + λ∇h = 0', () => {
    const p: NlpProblem = {
      objective: quadratic([1, 1]),
      constraints: [{ kind: 'eq', shape: { shape: 'linear', a: [1, 1], b: 1 } }],
      start: [2, -1],
    };
    const r = converged(p);
    // Converged at the default KKT tolerance 1e-6: |h| ≤ 1e-6 puts x within ~5e-7.
    expect(r.x[0]).toBeCloseTo(0.5, 5);
    expect(r.x[1]).toBeCloseTo(0.5, 5);
    expect(r.f).toBeCloseTo(0.5, 5);
    expect(r.multipliers[0]).toBeCloseTo(-1, 5);
    expect(r.kkt.pass).toBe(true);
    expect(r.kkt.stationarity.norm).toBeLessThanOrEqual(1e-6);
    const tight = converged(p, { tolerance: 1e-10 });
    expect(tight.x[0]).toBeCloseTo(0.5, 9);
    expect(tight.multipliers[0]).toBeCloseTo(-1, 9);
    expect(r.kkt.constraints[0]).toMatchObject({ kind: 'eq', primal: true, dual: null, complementarity: null });
    expect(r.secondOrder).toBe('minimum');
    expectMeritDecreasing(r);
  });

  it('min (x−2)² + (y−1)² in the unit disk → (2, 1)/√5 on the circle, μ = √5 − 1', () => {
    const r = converged({
      objective: quadratic([1, 1], [2, 1]),
      constraints: [{ kind: 'ineq', shape: circle(1) }],
      start: [0, 0],
    });
    expect(r.x[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(r.x[1]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(r.multipliers[0]).toBeCloseTo(Math.sqrt(5) - 1, 5);
    const c = r.kkt.constraints[0];
    expect(c?.primal && c.dual && c.complementarity?.pass).toBe(true);
    expect(Math.abs(c?.complementarity?.product ?? 1)).toBeLessThanOrEqual(1e-6);
    expectMeritDecreasing(r);
  });

  it('an inactive inequality keeps μ = 0 and the unconstrained minimum', () => {
    const r = converged({
      objective: quadratic([1, 1], [0.2, 0.1]),
      constraints: [{ kind: 'ineq', shape: circle(1) }],
      start: [0.9, -0.3],
    });
    expect(r.x[0]).toBeCloseTo(0.2, 7);
    expect(r.x[1]).toBeCloseTo(0.1, 7);
    expect(r.multipliers[0]).toBe(0);
    expect(r.kkt.constraints[0]?.value).toBeLessThan(0);
  });

  it('two active half-planes: min x² + y² s.t. x + y ≥ 1, x ≥ 0.7 → (0.7, 0.3), μ = (0.6, 0.8)', () => {
    const constraints: ConstraintSpec[] = [
      { kind: 'ineq', shape: { shape: 'linear', a: [-1, -1], b: -1 } },
      { kind: 'ineq', shape: { shape: 'linear', a: [-1, 0], b: -0.7 } },
    ];
    const r = converged({ objective: quadratic([1, 1]), constraints, start: [0, 0] });
    expect(r.x[0]).toBeCloseTo(0.7, 6);
    expect(r.x[1]).toBeCloseTo(0.3, 6);
    expect(r.multipliers[0]).toBeCloseTo(0.6, 5);
    expect(r.multipliers[1]).toBeCloseTo(0.8, 5);
    expectMeritDecreasing(r);
  });

  it('Rosenbrock without constraints → (1, 1) from the classic start (−1.2, 1)', () => {
    const r = converged({ objective: { preset: 'rosenbrock' }, constraints: [], start: [-1.2, 1] });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
    expect(r.outerSteps).toHaveLength(1);
    expect(r.path.length).toBeGreaterThan(5);
    expectMeritDecreasing(r);
  });

  it('Rosenbrock in the unit disk → (0.7864, 0.6177), the MathWorks fmincon example', () => {
    const r = converged({
      objective: { preset: 'rosenbrock' },
      constraints: [{ kind: 'ineq', shape: circle(1) }],
      start: [0, 0],
    });
    expect(r.x[0]).toBeCloseTo(0.7864, 4);
    expect(r.x[1]).toBeCloseTo(0.6177, 4);
    expect(r.f).toBeCloseTo(0.0457, 4);
    expect(Math.hypot(...r.x)).toBeCloseTo(1, 6);
    expect(r.multipliers[0]).toBeGreaterThan(0);
    expectMeritDecreasing(r);
  });

  it('Himmelblau reaches one of its four minima, f = 0', () => {
    const minima = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    const found = new Set<number>();
    for (const start of [
      [1, 1],
      [-2, 2],
      [-3, -3],
      [3, -1],
    ] as [number, number][]) {
      const r = converged({ objective: { preset: 'himmelblau' }, constraints: [], start });
      expect(r.f).toBeLessThan(1e-12);
      const idx = minima.findIndex(([a, b]) => Math.hypot(r.x[0] - (a as number), r.x[1] - (b as number)) < 1e-5);
      expect(idx).toBeGreaterThanOrEqual(0);
      found.add(idx);
      expectMeritDecreasing(r);
    }
    expect(found.size).toBe(4);
  });

  it('a stationary point can be a saddle (E9), and an unbounded descent stops with a code, not NaN', () => {
    const saddle = converged({ objective: { preset: 'saddle' }, constraints: [], start: [1, 0] });
    expect(saddle.x).toEqual([expect.closeTo(0, 9), 0]);
    expect(saddle.kkt.pass).toBe(true);
    expect(saddle.secondOrder).toBe('saddle');
    const away = solveNlp({ objective: { preset: 'saddle' }, constraints: [], start: [1, 0.1] });
    expect(away.status).toBe('diverged');
    if (away.status !== 'diverged') return;
    expect(away.x.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(away.f)).toBe(true);
    expect(away.path.every((it) => Number.isFinite(it.merit) && it.x.every(Number.isFinite))).toBe(true);
    // On the circle x² + y² = 1 the saddle function has its minima at (0, ±1).
    const onCircle = converged({
      objective: { preset: 'saddle' },
      constraints: [{ kind: 'eq', shape: circle(1) }],
      start: [0.6, 0.3],
    });
    expect(Math.abs(onCircle.x[1])).toBeCloseTo(1, 6);
    expect(onCircle.f).toBeCloseTo(-1, 6);
    expect(onCircle.secondOrder).toBe('minimum');
  });

  it('running out of outer steps returns the last iterate and a failing KKT report', () => {
    const r = solveNlp(
      { objective: quadratic([1, 1], [2, 1]), constraints: [{ kind: 'ineq', shape: circle(1) }], start: [0, 0] },
      { maxOuter: 1, penalty: 1 },
    );
    expect(r.status).toBe('max-iterations');
    if (r.status !== 'max-iterations') return;
    expect(r.kkt.pass).toBe(false);
    expect(r.x.every(Number.isFinite)).toBe(true);
    expect(r.outerSteps).toHaveLength(1);
  });

  it('the KKT report fails term by term at a wrong point', () => {
    const p: NlpProblem = {
      objective: quadratic([1, 1], [2, 1]),
      constraints: [{ kind: 'ineq', shape: circle(1) }],
      start: [0, 0],
    };
    const outside = kktReport(p, [2, 1], [-0.5]);
    expect(outside.stationarity.pass).toBe(false);
    expect(outside.constraints[0]).toMatchObject({ primal: false, dual: false, value: 4 });
    expect(outside.constraints[0]?.complementarity).toEqual({ product: -2, pass: false });
    expect(outside.pass).toBe(false);
  });

  it('validates presets and options', () => {
    const base: NlpProblem = { objective: quadratic([1, 1]), constraints: [], start: [0, 0] };
    expect(solveNlp({ ...base, start: [Number.NaN, 0] })).toEqual({ status: 'invalid', code: 'not-finite' });
    expect(solveNlp({ ...base, constraints: [{ kind: 'eq', shape: circle(0) }] })).toEqual({
      status: 'invalid',
      code: 'bad-radius',
      index: 0,
    });
    expect(solveNlp({ ...base, constraints: [{ kind: 'ineq', shape: { shape: 'linear', a: [0, 0], b: 1 } }] })).toEqual(
      {
        status: 'invalid',
        code: 'zero-normal',
        index: 0,
      },
    );
    expect(solveNlp(base, { tolerance: 0 })).toEqual({ status: 'invalid', code: 'bad-options' });
  });
});
