import { EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  type CartSpec,
  cartProblem,
  dareResidual,
  type LqrProblem,
  type LqrSystem,
  type LqrSolution,
  simulateCart,
  solveLqr,
  steadyStateLqr,
  type SteadyState,
  type Trajectory,
} from '../../src/lib/math/lqr';

function solved(p: LqrProblem): LqrSolution {
  const r = solveLqr(p);
  if (!r.ok) throw new Error(r.code);
  return r;
}

/**
 * Independent reference: the cost is a quadratic in the stacked controls U,
 * J(U) = (Φx₀ + ΓU)ᵀ Q̄ (Φx₀ + ΓU) + Uᵀ R̄ U, minimized by the normal equations
 * (ΓᵀQ̄Γ + R̄) U = −ΓᵀQ̄Φx₀ (solved with ml-matrix).
 */
function bruteForce(p: LqrProblem): { cost: number; controls: number[] } {
  const A = new Matrix(p.A.map((r) => [...r]));
  const B = new Matrix(p.B.map((r) => [...r]));
  const n = A.rows;
  const m = B.columns;
  const N = p.horizon;
  const powers = [Matrix.eye(n)];
  for (let k = 1; k <= N; k++) powers.push((powers[k - 1] as Matrix).mmul(A));
  const Phi = new Matrix((N + 1) * n, n);
  const Gamma = new Matrix((N + 1) * n, N * m);
  for (let k = 0; k <= N; k++) {
    Phi.setSubMatrix(powers[k] as Matrix, k * n, 0);
    for (let j = 0; j < k; j++) Gamma.setSubMatrix((powers[k - 1 - j] as Matrix).mmul(B), k * n, j * m);
  }
  const Qbar = new Matrix((N + 1) * n, (N + 1) * n);
  for (let k = 0; k <= N; k++) Qbar.setSubMatrix(new Matrix((k === N ? p.Qf : p.Q).map((r) => [...r])), k * n, k * n);
  const Rbar = new Matrix(N * m, N * m);
  for (let k = 0; k < N; k++) Rbar.setSubMatrix(new Matrix(p.R.map((r) => [...r])), k * m, k * m);
  const x0 = Matrix.columnVector([...p.x0]);
  const H = Gamma.transpose().mmul(Qbar).mmul(Gamma).add(Rbar);
  const g = Gamma.transpose().mmul(Qbar).mmul(Phi).mmul(x0);
  const U = inverse(H).mmul(g).mul(-1);
  const X = Phi.mmul(x0).add(Gamma.mmul(U));
  const cost = X.transpose().mmul(Qbar).mmul(X).get(0, 0) + U.transpose().mmul(Rbar).mmul(U).get(0, 0);
  return { cost, controls: U.to1DArray() };
}

const scalar = (horizon: number): LqrProblem => ({
  A: [[1.2]],
  B: [[0.5]],
  Q: [[1]],
  R: [[0.1]],
  Qf: [[2]],
  horizon,
  x0: [1.5],
});

const cart: CartSpec = {
  dt: 0.1,
  start: [2, 1],
  weights: { position: 1, velocity: 0.5, force: 0.05, terminal: 10 },
  horizon: 50,
};

describe('finite-horizon LQR against brute-force minimization over the stacked controls', () => {
  const problems: [string, LqrProblem][] = [];
  for (const N of [1, 2, 3]) {
    problems.push([`scalar, N = ${N}`, scalar(N)], [`cart, N = ${N}`, cartProblem({ ...cart, horizon: N })]);
  }
  problems.push([
    'a 3-state, 2-input system, N = 3',
    {
      A: [
        [1, 0.2, 0],
        [0, 0.9, 0.3],
        [0.1, 0, 1.1],
      ],
      B: [
        [0, 1],
        [1, 0],
        [0.5, 0.5],
      ],
      Q: [
        [2, 0.5, 0],
        [0.5, 1, 0],
        [0, 0, 1],
      ],
      R: [
        [1, 0.2],
        [0.2, 0.5],
      ],
      Qf: [
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
      ],
      horizon: 3,
      x0: [1, -1, 0.5],
    },
  ]);

  it.each(problems)('%s: same cost and controls; x₀ᵀP₀x₀ equals the simulated cost', (_, p) => {
    const r = solved(p);
    const ref = bruteForce(p);
    expect(Math.abs(r.trajectory.cost - ref.cost)).toBeLessThanOrEqual(1e-10 * Math.max(1, ref.cost));
    expect(Math.abs(r.predictedCost - r.trajectory.cost)).toBeLessThanOrEqual(1e-10 * Math.max(1, ref.cost));
    r.trajectory.controls.flat().forEach((u, i) => expect(u).toBeCloseTo(ref.controls[i] as number, 9));
    expect(r.P).toHaveLength(p.horizon + 1);
    expect(r.K).toHaveLength(p.horizon);
    expect(r.P[p.horizon]).toEqual(p.Qf);
  });

  it('scalar N = 1 agrees with a fine grid over u₀', () => {
    const p = scalar(1);
    const r = solved(p);
    let best = Infinity;
    for (let u = -5; u <= 5; u += 1e-4) {
      const x1 = 1.2 * 1.5 + 0.5 * u;
      best = Math.min(best, 1.5 * 1.5 + 0.1 * u * u + 2 * x1 * x1);
    }
    expect(r.trajectory.cost).toBeLessThanOrEqual(best);
    expect(best - r.trajectory.cost).toBeLessThan(1e-7);
  });

  it('the cart comes to rest and beats the naive controllers under the same cost', () => {
    const r = solved(cartProblem(cart));
    const final = r.trajectory.states.at(-1) ?? [];
    expect(Math.hypot(...final)).toBeLessThan(0.05);
    const naive = [
      simulateCart(cart, { kind: 'pd', kp: 4, kd: 4 }),
      simulateCart(cart, { kind: 'braking', deceleration: 2 }),
    ];
    for (const t of naive) {
      expect('cost' in t).toBe(true);
      const traj = t as Trajectory;
      expect(traj.states).toHaveLength(cart.horizon + 1);
      expect(traj.cost).toBeGreaterThan(r.trajectory.cost);
    }
    const braking = naive[1] as Trajectory;
    // Braking stops the cart (velocity 0) but leaves it away from the target position.
    expect(braking.states.at(-1)?.[1]).toBe(0);
    expect(Math.abs(braking.states.at(-1)?.[0] ?? 0)).toBeGreaterThan(1);
    expect(braking.controls.every(([u]) => Math.abs(u ?? 0) <= 2)).toBe(true);
  });
});

describe('steady-state LQR', () => {
  function steady(p: LqrSystem): SteadyState {
    const s = steadyStateLqr(p);
    if (!s.ok) throw new Error(s.code);
    return s;
  }

  it('converges to the solution of the discrete algebraic Riccati equation, and A − BK is stable', () => {
    for (const p of [
      cartProblem(cart),
      scalar(1),
      cartProblem({ ...cart, dt: 0.5, weights: { position: 5, velocity: 0, force: 1 } }),
    ]) {
      const s = steady(p);
      expect(s.converged).toBe(true);
      const A = new Matrix(p.A.map((r) => [...r]));
      const B = new Matrix(p.B.map((r) => [...r]));
      const P = new Matrix(s.P);
      const gram = new Matrix(p.R.map((r) => [...r])).add(B.transpose().mmul(P).mmul(B));
      const rhs = new Matrix(p.Q.map((r) => [...r]))
        .add(A.transpose().mmul(P).mmul(A))
        .sub(A.transpose().mmul(P).mmul(B).mmul(inverse(gram)).mmul(B.transpose()).mmul(P).mmul(A));
      const residual = P.clone().sub(rhs).abs().max();
      expect(residual).toBeLessThanOrEqual(1e-9 * Math.max(1, P.clone().abs().max()));
      expect(dareResidual(p, s.P)).toBeLessThanOrEqual(1e-11);
      const closed = A.clone().sub(B.mmul(new Matrix(s.K)));
      const e = new EigenvalueDecomposition(closed);
      const rho = Math.max(...e.realEigenvalues.map((re, i) => Math.hypot(re, e.imaginaryEigenvalues[i] ?? 0)));
      expect(rho).toBeLessThan(1);
      expect(s.spectralRadius).toBeCloseTo(rho, 8);
    }
  });

  it('the finite-horizon gain K₀ approaches the steady-state gain for a long horizon', () => {
    const p = cartProblem({ ...cart, horizon: 400, weights: { ...cart.weights, terminal: 1 } });
    const s = steady(p);
    const r = solved(p);
    (r.K[0]?.[0] ?? []).forEach((v, j) => expect(v).toBeCloseTo(s.K[0]?.[j] as number, 8));
  });

  it('reports non-convergence for a system that cannot be stabilized, with finite numbers', () => {
    const s = steady({
      A: [
        [2, 0],
        [0, 1],
      ],
      B: [[0], [1]],
      Q: [
        [1, 0],
        [0, 1],
      ],
      R: [[1]],
    });
    expect(s.converged).toBe(false);
    expect(s.spectralRadius).toBeCloseTo(2, 9);
    expect(s.P.flat().every(Number.isFinite)).toBe(true);
  });
});

describe('LQR input validation', () => {
  const good = scalar(2);
  it.each([
    ['non-PSD Q', { ...good, Q: [[-1]] }, { code: 'not-psd', matrix: 'Q' }],
    ['non-PSD Q_f', { ...good, Qf: [[-0.1]] }, { code: 'not-psd', matrix: 'Qf' }],
    ['R = 0', { ...good, R: [[0]] }, { code: 'not-pd', matrix: 'R' }],
    ['negative R', { ...good, R: [[-2]] }, { code: 'not-pd', matrix: 'R' }],
    [
      'asymmetric Q',
      {
        ...cartProblem(cart),
        Q: [
          [1, 1],
          [0, 1],
        ],
      },
      { code: 'not-symmetric', matrix: 'Q' },
    ],
    [
      'indefinite 2x2 Q',
      {
        ...cartProblem(cart),
        Q: [
          [1, 2],
          [2, 1],
        ],
      },
      { code: 'not-psd', matrix: 'Q' },
    ],
    ['B with wrong rows', { ...good, B: [[1], [2]] }, { code: 'shape', matrix: 'B' }],
    ['x0 of wrong length', { ...good, x0: [1, 2] }, { code: 'shape', matrix: 'x0' }],
    ['NaN in A', { ...good, A: [[Number.NaN]] }, { code: 'not-finite', matrix: 'A' }],
    ['5 states', { ...good, A: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]) }, { code: 'too-large', matrix: 'A' }],
    ['horizon 0', { ...good, horizon: 0 }, { code: 'bad-horizon' }],
    ['fractional horizon', { ...good, horizon: 2.5 }, { code: 'bad-horizon' }],
  ] as [string, LqrProblem, object][])('%s', (_, p, expected) => {
    expect(solveLqr(p)).toEqual({ ok: false, ...expected });
  });

  it('accepts a PSD Q with a zero eigenvalue', () => {
    expect(
      solveLqr({
        ...cartProblem(cart),
        Q: [
          [1, 1],
          [1, 1],
        ],
      }).ok,
    ).toBe(true);
  });
});
