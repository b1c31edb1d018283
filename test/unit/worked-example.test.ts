import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveNlp } from '../../src/lib/math/nonlinear';
import {
  lineProfile,
  pointOnLine,
  solveWorkedExample,
  TEXTBOOK_EXAMPLE,
  toNlpProblem,
  type WorkedExample,
} from '../../src/lib/math/worked-example';

function solved(p: WorkedExample) {
  const r = solveWorkedExample(p);
  if (!r.ok) throw new Error(r.code);
  return r;
}

/** Minimum of f over the constraint segment/ray by dense sampling of the parameter. */
function sampledMinimum(p: WorkedExample): number {
  const { feasible } = lineProfile(p);
  if (!feasible) return Infinity;
  const hi = feasible.max ?? feasible.min + 100;
  let best = Infinity;
  for (let k = 0; k <= 200000; k++)
    best = Math.min(best, pointOnLine(p, feasible.min + ((hi - feasible.min) * k) / 200000).f);
  return best;
}

describe('4.4 worked example (E10)', () => {
  it('textbook values: x = (0.5, 0.5), f = 0.5 (not 1), λ = 1 with ∇f = λ∇h', () => {
    const r = solved(TEXTBOOK_EXAMPLE);
    expect(r.x).toEqual([0.5, 0.5]);
    expect(r.f).toBe(0.5);
    expect(r.lambda).toBe(1);
    expect(r.nu).toEqual([0, 0]);
    expect(r.activeBounds).toEqual([false, false]);
  });

  it('returns the Lagrange conditions with the numbers substituted, both sides equal', () => {
    const r = solved(TEXTBOOK_EXAMPLE);
    expect(r.equations[0]).toEqual({
      kind: 'stationarity',
      variable: 0,
      weight: 1,
      x: 0.5,
      lambda: 1,
      a: 1,
      nu: 0,
      lhs: 1,
      rhs: 1,
    });
    expect(r.equations[2]).toEqual({ kind: 'constraint', a: [1, 1], x: [0.5, 0.5], b: 1, lhs: 1, rhs: 1 });
    expect(r.equations.map((e) => e.kind)).toEqual([
      'stationarity',
      'stationarity',
      'constraint',
      'complementarity',
      'complementarity',
    ]);
    const other = solved({ weights: [3, 0.5], a: [2, -1], b: 4 });
    for (const e of other.equations) expect(e.lhs).toBeCloseTo(e.rhs, 12);
  });

  it('other weights match the closed form xᵢ = b(aᵢ/wᵢ)/Σaⱼ²/wⱼ', () => {
    const r = solved({ weights: [2, 1], a: [1, 1], b: 3 });
    // S = 1/2 + 1 = 3/2: x = (3·0.5/1.5, 3·1/1.5) = (1, 2), λ = 2·3/1.5 = 4, f = 2 + 4 = 6.
    expect(r.x[0]).toBeCloseTo(1, 14);
    expect(r.x[1]).toBeCloseTo(2, 14);
    expect(r.lambda).toBeCloseTo(4, 14);
    expect(r.f).toBeCloseTo(6, 14);
  });

  it('when the Lagrange point leaves x ≥ 0 the bound becomes active with ν ≥ 0', () => {
    // x₁ − x₂ = 1: the unconstrained-sign point is (0.5, −0.5); the answer is (1, 0).
    const r = solved({ weights: [1, 1], a: [1, -1], b: 1 });
    expect(r.x).toEqual([1, 0]);
    expect(r.f).toBe(1);
    expect(r.lambda).toBe(2);
    expect(r.activeBounds).toEqual([false, true]);
    expect(r.nu[0]).toBe(0);
    expect(r.nu[1]).toBe(2);
    expect(r.line.feasible).toEqual({ min: 1, max: null });
  });

  it('reports an empty feasible set and invalid input', () => {
    expect(solveWorkedExample({ weights: [1, 1], a: [1, 1], b: -1 })).toMatchObject({ ok: false, code: 'infeasible' });
    expect(solveWorkedExample({ weights: [1, 1], a: [0, 1], b: -2 })).toMatchObject({ ok: false, code: 'infeasible' });
    expect(solveWorkedExample({ weights: [0, 1], a: [1, 1], b: 1 })).toEqual({
      ok: false,
      code: 'weight-not-positive',
    });
    expect(solveWorkedExample({ weights: [1, 1], a: [0, 0], b: 1 })).toEqual({ ok: false, code: 'zero-constraint' });
    expect(solveWorkedExample({ weights: [1, 1], a: [1, Number.NaN], b: 1 })).toEqual({
      ok: false,
      code: 'not-finite',
    });
    expect(solveWorkedExample({ weights: [1, 1], a: [-3, 1e-280], b: 4 })).toEqual({ ok: false, code: 'out-of-range' });
    expect(solveWorkedExample({ weights: [1e7, 1], a: [1, 1], b: 4 })).toEqual({ ok: false, code: 'out-of-range' });
  });

  it('f along the constraint line: the profile polynomial, the feasible interval, the minimum at x₁ = 0.5', () => {
    const line = lineProfile(TEXTBOOK_EXAMPLE);
    // f(x₁) = x₁² + (1 − x₁)² = 2x₁² − 2x₁ + 1.
    expect(line).toEqual({ parameter: 0, quadratic: 2, linear: -2, constant: 1, feasible: { min: 0, max: 1 } });
    expect(pointOnLine(TEXTBOOK_EXAMPLE, 0.5)).toEqual({ x: [0.5, 0.5], f: 0.5, feasible: true });
    expect(pointOnLine(TEXTBOOK_EXAMPLE, 0)).toEqual({ x: [0, 1], f: 1, feasible: true });
    expect(pointOnLine(TEXTBOOK_EXAMPLE, 1.5).feasible).toBe(false);
    // A vertical line x₁ = 2 is parametrized by x₂.
    expect(lineProfile({ weights: [1, 1], a: [1, 0], b: 2 })).toMatchObject({
      parameter: 1,
      feasible: { min: 0, max: null },
    });
    for (const t of [-1, 0.3, 2]) {
      const p = { weights: [1.5, 0.25], a: [2, 3], b: 5 } as const;
      const { quadratic, linear, constant } = lineProfile(p);
      expect(pointOnLine(p, t).f).toBeCloseTo(quadratic * t * t + linear * t + constant, 12);
    }
  });

  it('the closed form is the minimum over the feasible line (dense sampling)', () => {
    for (const p of [
      TEXTBOOK_EXAMPLE,
      { weights: [3, 0.5], a: [2, 1], b: 4 },
      { weights: [1, 2], a: [1, -2], b: -3 },
    ] as WorkedExample[]) {
      const r = solved(p);
      const sampled = sampledMinimum(p);
      expect(r.f).toBeLessThanOrEqual(sampled + 1e-12);
      expect(sampled - r.f).toBeLessThan(1e-6);
    }
  });
});

describe('cross-check with the augmented-Lagrangian solver (nonlinear.ts)', () => {
  it('agrees on the textbook case and its multipliers (λ_nlp = −λ, μ = ν)', () => {
    const r = solved(TEXTBOOK_EXAMPLE);
    const n = solveNlp(toNlpProblem(TEXTBOOK_EXAMPLE, [2, 0]), { tolerance: 1e-9 });
    expect(n.status).toBe('converged');
    if (n.status !== 'converged') return;
    expect(n.x[0]).toBeCloseTo(r.x[0], 8);
    expect(n.x[1]).toBeCloseTo(r.x[1], 8);
    expect(n.multipliers[0]).toBeCloseTo(-r.lambda, 8);
  });

  it('agrees on random weights and constraints, including active bounds', () => {
    let activeSeen = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 500 }),
        fc.integer({ min: 20, max: 500 }),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -400, max: 400 }),
        (w1c, w2c, a1c, a2c, bc) => {
          const [w1, w2, a1, a2, b] = [w1c / 100, w2c / 100, a1c / 100, a2c / 100, bc / 100];
          fc.pre(Math.hypot(a1, a2) > 0.3);
          const p: WorkedExample = { weights: [w1, w2], a: [a1, a2], b };
          const r = solveWorkedExample(p);
          const n = solveNlp(toNlpProblem(p, [1, 1]), { tolerance: 1e-9 });
          if (!r.ok) return n.status !== 'converged';
          if (r.activeBounds.some(Boolean)) activeSeen += 1;
          if (n.status !== 'converged') return false;
          const scale = 1 + Math.abs(r.f);
          return (
            Math.abs(n.f - r.f) <= 1e-6 * scale &&
            Math.hypot(n.x[0] - r.x[0], n.x[1] - r.x[1]) <= 1e-5 * (1 + Math.hypot(...r.x)) &&
            Math.abs((n.multipliers[0] ?? 0) + r.lambda) <= 1e-4 * (1 + Math.abs(r.lambda)) &&
            Math.abs((n.multipliers[1] ?? 0) - r.nu[0]) <= 1e-4 * (1 + r.nu[0]) &&
            Math.abs((n.multipliers[2] ?? 0) - r.nu[1]) <= 1e-4 * (1 + r.nu[1])
          );
        },
      ),
      { seed: 4, numRuns: 300 },
    );
    expect(activeSeen).toBeGreaterThan(10);
  });
});
