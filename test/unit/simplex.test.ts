import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LpProblem, type Relation, simplexPath, solveLp } from '../../src/lib/math/simplex';
import { createRng, type Rng } from '../../src/lib/random/prng';
import { RADIATION_THERAPY, WYNDOR, loadGlpk, toGlpk, type Glpk } from './lp-reference';

let glpk: Glpk;
beforeAll(async () => {
  glpk = await loadGlpk();
});

function optimal(p: LpProblem, rule: 'bland' | 'dantzig' = 'bland') {
  const r = solveLp(p, { rule });
  if (r.status !== 'optimal') throw new Error(`expected optimal, got ${r.status}`);
  return r;
}

/** Max violation of the rows and of x ≥ 0 at x. */
function violation(p: LpProblem, x: readonly number[]): number {
  let worst = Math.max(0, ...x.map((v) => -v));
  for (const c of p.constraints) {
    const lhs = c.coefficients.reduce((s, a, j) => s + a * (x[j] as number), 0);
    const d = c.relation === '<=' ? lhs - c.rhs : c.relation === '>=' ? c.rhs - lhs : Math.abs(lhs - c.rhs);
    worst = Math.max(worst, d);
  }
  return worst;
}

const wyndor = WYNDOR;

describe('two-phase simplex on textbook problems', () => {
  it('solves the Wyndor Glass problem: x = (2, 6), z = 36', () => {
    const r = optimal(wyndor);
    expect(r.x[0]).toBeCloseTo(2, 12);
    expect(r.x[1]).toBeCloseTo(6, 12);
    expect(r.objective).toBeCloseTo(36, 12);
    expect(r.degenerate).toBe(false);
    expect(r.slack.map((s) => Number(s.toFixed(12)))).toEqual([2, 0, 0]);
  });

  it('records each pivot: Bland walks (0,0)→(4,0)→(4,3)→(2,6), Dantzig (0,0)→(0,6)→(2,6)', () => {
    const round = (path: number[][]) => path.map((x) => x.map((v) => Number(v.toFixed(10))));
    const bland = optimal(wyndor);
    expect(round(simplexPath(bland, 2))).toEqual([
      [0, 0],
      [4, 0],
      [4, 3],
      [2, 6],
    ]);
    expect(bland.steps.map((s) => s.objective)).toEqual([12, 27, 36].map((z) => expect.closeTo(z, 10)));
    // x₁ enters first and pushes out the slack of row 0 (column 2).
    expect(bland.steps[0]).toMatchObject({ phase: 2, entering: 0, leaving: 2, row: 0, ratio: 4 });
    expect(bland.variables[2]).toEqual({ kind: 'slack', index: 0 });
    const dantzig = optimal(wyndor, 'dantzig');
    expect(round(simplexPath(dantzig, 2))).toEqual([
      [0, 0],
      [0, 6],
      [2, 6],
    ]);
  });

  it('runs phase 1 for ≥ and = rows (Hillier & Lieberman radiation therapy: (7.5, 4.5), 5.25)', () => {
    const p = RADIATION_THERAPY;
    const r = optimal(p);
    expect(r.x[0]).toBeCloseTo(7.5, 10);
    expect(r.x[1]).toBeCloseTo(4.5, 10);
    expect(r.objective).toBeCloseTo(5.25, 10);
    expect(r.steps.some((s) => s.phase === 1)).toBe(true);
    const lastPhase1 = r.steps.filter((s) => s.phase === 1).at(-1);
    expect(lastPhase1?.infeasibility).toBeCloseTo(0, 12);
    expect(r.variables.filter((v) => v.kind === 'artificial')).toHaveLength(2);
  });

  it("terminates on Beale's cycling example with Bland's rule, and cycles with Dantzig's", () => {
    // Beale (1955): min −3/4 x₁ + 150 x₂ − 1/50 x₃ + 6 x₄; optimum −1/20 at (1/25, 0, 1, 0).
    const beale: LpProblem = {
      sense: 'min',
      objective: [-0.75, 150, -0.02, 6],
      constraints: [
        { coefficients: [0.25, -60, -0.04, 9], relation: '<=', rhs: 0 },
        { coefficients: [0.5, -90, -0.02, 3], relation: '<=', rhs: 0 },
        { coefficients: [0, 0, 1, 0], relation: '<=', rhs: 1 },
      ],
    };
    const r = optimal(beale);
    expect(r.objective).toBeCloseTo(-0.05, 12);
    r.x.forEach((v, j) => expect(v).toBeCloseTo([0.04, 0, 1, 0][j] as number, 12));
    expect(r.degenerate).toBe(true);
    expect(r.steps.some((s) => s.ratio === 0)).toBe(true);
    const d = solveLp(beale, { rule: 'dantzig' });
    expect(d.status).toBe('cycling');
    if (d.status === 'cycling') expect(d.steps.every((s) => s.ratio === 0)).toBe(true);
  });

  it('reports an infeasible problem with its phase-1 minimum', () => {
    const r = solveLp({
      sense: 'max',
      objective: [1, 1],
      constraints: [
        { coefficients: [1, 1], relation: '<=', rhs: 1 },
        { coefficients: [1, 1], relation: '>=', rhs: 2 },
      ],
    });
    expect(r.status).toBe('infeasible');
    if (r.status === 'infeasible') expect(r.phase1Objective).toBeCloseTo(1, 12);
  });

  it('reports an unbounded problem with an improving feasible ray', () => {
    const p: LpProblem = {
      sense: 'max',
      objective: [1, 2],
      constraints: [
        { coefficients: [1, -1], relation: '<=', rhs: 1 },
        { coefficients: [-1, 1], relation: '<=', rhs: 2 },
      ],
    };
    const r = solveLp(p);
    expect(r.status).toBe('unbounded');
    if (r.status !== 'unbounded') return;
    expect(r.rate).toBeGreaterThan(0);
    expect(r.direction.every((v) => v >= 0)).toBe(true);
    for (const t of [0, 1, 1e3, 1e6]) {
      const x = r.x.map((v, j) => v + t * (r.direction[j] as number));
      expect(violation(p, x)).toBeLessThanOrEqual(1e-9 * (1 + t));
    }
  });

  it('flags degeneracy when three constraint lines meet at the optimum', () => {
    const r = optimal({
      sense: 'max',
      objective: [1, 1],
      constraints: [
        { coefficients: [1, 0], relation: '<=', rhs: 1 },
        { coefficients: [0, 1], relation: '<=', rhs: 1 },
        { coefficients: [1, 1], relation: '<=', rhs: 2 },
      ],
    });
    expect(r.objective).toBeCloseTo(2, 12);
    expect(r.degenerate).toBe(true);
  });

  it('handles negative right-hand sides and minimization over an unbounded region', () => {
    // −x₁ − x₂ ≤ −2 is x₁ + x₂ ≥ 2; min 2x₁ + 3x₂ → (2, 0), 4.
    const r = optimal({
      sense: 'min',
      objective: [2, 3],
      constraints: [{ coefficients: [-1, -1], relation: '<=', rhs: -2 }],
    });
    expect(r.x[0]).toBeCloseTo(2, 12);
    expect(r.objective).toBeCloseTo(4, 12);
  });

  it('validates sizes and numbers', () => {
    expect(solveLp({ sense: 'max', objective: [], constraints: [] })).toEqual({
      status: 'invalid',
      code: 'no-variables',
    });
    const row = { coefficients: [1], relation: '<=' as const, rhs: 1 };
    expect(solveLp({ sense: 'max', objective: [1, 2], constraints: [row] })).toEqual({
      status: 'invalid',
      code: 'row-length',
      row: 0,
    });
    expect(solveLp({ sense: 'max', objective: [1], constraints: [{ ...row, rhs: Number.NaN }] })).toMatchObject({
      status: 'invalid',
      code: 'not-finite',
      row: 0,
    });
    expect(solveLp({ sense: 'max', objective: [Infinity], constraints: [] })).toMatchObject({ code: 'not-finite' });
  });
});

const relations: Relation[] = ['<=', '>=', '='];

/** A random LP that x* satisfies; a final row Σx ≤ M keeps it bounded. */
function plantedProblem(rng: Rng): { p: LpProblem; planted: number[] } {
  const n = 2 + rng.int(5);
  const m = 1 + rng.int(6);
  const round = (v: number) => Math.round(v * 100) / 100;
  const planted = Array.from({ length: n }, () => (rng.next() < 0.3 ? 0 : round(rng.next() * 5)));
  const constraints = Array.from({ length: m }, () => {
    const coefficients = Array.from({ length: n }, () => round(rng.next() * 10 - 5));
    const lhs = coefficients.reduce((s, a, j) => s + a * (planted[j] as number), 0);
    const relation = relations[rng.int(rng.next() < 0.2 ? 3 : 2)] as Relation;
    const gap = round(rng.next() * 3);
    const rhs = relation === '=' ? lhs : relation === '<=' ? lhs + gap : lhs - gap;
    return { coefficients, relation, rhs };
  });
  constraints.push({ coefficients: new Array<number>(n).fill(1), relation: '<=', rhs: 40 });
  const objective = Array.from({ length: n }, () => round(rng.next() * 10 - 5));
  return { p: { sense: rng.next() < 0.5 ? 'max' : 'min', objective, constraints }, planted };
}

const solveGlpk = (p: LpProblem) => glpk.solve(toGlpk(glpk, p), { msglev: glpk.GLP_MSG_OFF, presol: false }).result;

describe('simplex against GLPK', () => {
  it('matches GLPK on 300 random feasible bounded problems (objective to 1e-7 relative, x feasible)', () => {
    const rng = createRng(20240603);
    let worst = 0;
    for (let k = 0; k < 300; k++) {
      const { p } = plantedProblem(rng);
      const ref = solveGlpk(p);
      expect(ref.status).toBe(glpk.GLP_OPT);
      const r = optimal(p);
      const rel = Math.abs(r.objective - ref.z) / Math.max(1, Math.abs(ref.z));
      worst = Math.max(worst, rel);
      expect(rel).toBeLessThanOrEqual(1e-7);
      expect(violation(p, r.x)).toBeLessThanOrEqual(1e-7);
      expect(r.objective).toBeCloseTo(
        r.x.reduce((s, v, j) => s + v * (p.objective[j] as number), 0),
        9,
      );
    }
    expect(worst).toBeLessThanOrEqual(1e-7);
  });

  it('agrees with GLPK on infeasible and unbounded problems', () => {
    const rng = createRng(7);
    const seen = new Set<string>();
    for (let k = 0; k < 300; k++) {
      const n = 2 + rng.int(3);
      const p: LpProblem = {
        sense: 'max',
        objective: Array.from({ length: n }, () => rng.int(11) - 5),
        constraints: Array.from({ length: 1 + rng.int(4) }, () => ({
          coefficients: Array.from({ length: n }, () => rng.int(11) - 5),
          relation: relations[rng.int(3)] as Relation,
          rhs: rng.int(11) - 5,
        })),
      };
      const ref = solveGlpk(p);
      const r = solveLp(p);
      const expected =
        ref.status === glpk.GLP_OPT ? 'optimal' : ref.status === glpk.GLP_UNBND ? 'unbounded' : 'infeasible';
      expect(r.status).toBe(expected);
      seen.add(r.status);
      if (r.status === 'optimal')
        expect(Math.abs(r.objective - ref.z)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(ref.z)));
    }
    expect([...seen].sort()).toEqual(['infeasible', 'optimal', 'unbounded']);
  });
});

describe('simplex properties', () => {
  it('the optimum is feasible and at least as good as the planted feasible point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { p, planted } = plantedProblem(createRng(seed));
        const r = optimal(p);
        const plantedValue = planted.reduce((s, v, j) => s + v * (p.objective[j] as number), 0);
        const better = p.sense === 'max' ? r.objective - plantedValue : plantedValue - r.objective;
        return violation(p, r.x) <= 1e-7 && better >= -1e-7;
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
