import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cartProblem, cumulativeCost, riccatiStepDetail, simulateCart, solveLqr, type CartSpec, type Trajectory } from '../../src/lib/math/lqr';

const cart: CartSpec = { dt: 0.1, start: [2, 1], weights: { position: 1, velocity: 0.5, force: 0.05, terminal: 10 }, horizon: 50 };
const m = (a: readonly (readonly number[])[]) => new Matrix(a.map((r) => [...r]));

describe('a Riccati step shown with its intermediate products (checked with ml-matrix)', () => {
  it('gram, cross, K, A − BK and P agree with the textbook formulas', () => {
    const p = cartProblem(cart);
    const next = [
      [12, 3],
      [3, 5],
    ];
    const d = riccatiStepDetail(p, next);
    const A = m(p.A);
    const B = m(p.B);
    const P1 = m(next);
    const gram = m(p.R).add(B.transpose().mmul(P1).mmul(B));
    const cross = B.transpose().mmul(P1).mmul(A);
    const K = inverse(gram).mmul(cross);
    const closed = A.clone().sub(B.mmul(K));
    const P = m(p.Q).add(K.transpose().mmul(m(p.R)).mmul(K)).add(closed.transpose().mmul(P1).mmul(closed));
    const close = (ours: number[][], ref: Matrix) =>
      ours.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref.get(i, j), 10)));
    close(d.gram, gram);
    close(d.cross, cross);
    close(d.K, K);
    close(d.closed, closed);
    close(d.P, P);
  });

  it('repeating the detailed step from Q_f reproduces the solver’s P₀ and K₀', () => {
    const p = cartProblem({ ...cart, horizon: 6 });
    const r = solveLqr(p);
    if (!r.ok) throw new Error(r.code);
    let P = p.Qf.map((row) => [...row]);
    let K: number[][] = [];
    for (let k = 5; k >= 0; k--) ({ P, K } = riccatiStepDetail(p, P));
    expect(P).toEqual(r.P[0]);
    expect(K).toEqual(r.K[0]);
  });
});

describe('cumulative cost', () => {
  it('starts at 0, rises by each stage cost, and ends at the total cost', () => {
    const t = simulateCart(cart, { kind: 'pd', kp: 1, kd: 1 }) as Trajectory;
    const c = cumulativeCost(t);
    expect(c).toHaveLength(cart.horizon + 1);
    expect(c[0]).toBe(0);
    expect(c[1]).toBeCloseTo(t.stageCosts[0] as number, 12);
    expect(c.at(-1)).toBeCloseTo(t.cost, 10);
    for (let k = 1; k < c.length; k++) expect(c[k] as number).toBeGreaterThanOrEqual(c[k - 1] as number);
  });

  it('LQR pays more than a gentle PD law early on and less in total (E21: the whole sum is minimized)', () => {
    const r = solveLqr(cartProblem(cart));
    if (!r.ok) throw new Error(r.code);
    const pd = simulateCart(cart, { kind: 'pd', kp: 1, kd: 1 }) as Trajectory;
    const lqr = cumulativeCost(r.trajectory);
    const naive = cumulativeCost(pd);
    expect(lqr[1] as number).toBeGreaterThan(naive[1] as number);
    expect(lqr.at(-1) as number).toBeLessThan(naive.at(-1) as number);
  });
});
