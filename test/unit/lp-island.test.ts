import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { lpIsland } from '../../components/islands/lp/definition';
import { deriveLp, initialInfeasibility, niceCeil, pivotsOf, type LpState } from '../../components/islands/lp/model';
import { linearTex, num } from '../../components/islands/lp/format';
import { loadGlpk, toGlpk, type Glpk } from './lp-reference';

// The LP island's model (what it draws and says) against GLPK and the chapter's own table.
let glpk: Glpk;
beforeAll(async () => {
  glpk = await loadGlpk();
});

const defaults = defaultsOf(lpIsland.schema);
const preset = (name: string): LpState => startingState(lpIsland.schema, lpIsland.presets, name);

describe('LP island model', () => {
  it('solves the chapter example: vertices and values of its table, the path (0,0) → (4,0) → (3,1)', () => {
    const model = deriveLp(defaults);
    expect(model.verdict).toBe('optimal');
    const table = Object.fromEntries(model.vertices.map((v) => [`${num(v.point.x)},${num(v.point.y)}`, v.value]));
    expect(table).toEqual({ '0,0': 0, '4,0': 12, '3,1': 14, '0,2': 10 });
    expect(model.vertices.filter((v) => v.optimal).map((v) => v.point)).toEqual([{ x: 3, y: 1 }]);
    expect(model.path.map((p) => [p.point.x, p.point.y])).toEqual([[0, 0], [4, 0], [3, 1]]);
    expect(model.path.every((p) => p.vertex >= 0)).toBe(true);
  });

  it('agrees with GLPK on every preset', async () => {
    for (const name of Object.keys(lpIsland.presets)) {
      const model = deriveLp(preset(name));
      const ref = glpk.solve(toGlpk(glpk, model.problem), { msglev: glpk.GLP_MSG_OFF, presol: false }).result;
      const expected = ref.status === glpk.GLP_OPT ? 'optimal' : ref.status === glpk.GLP_UNBND ? 'unbounded' : 'infeasible';
      expect([name, model.result.status]).toEqual([name, expected]);
      if (model.result.status === 'optimal') expect(model.result.objective).toBeCloseTo(ref.z, 9);
    }
  });

  it('names the preset outcomes: Wyndor (2, 6) = 36, an infeasible pair, an unbounded ray, a degenerate pivot', () => {
    const wyndor = deriveLp(preset('wyndor'));
    expect(wyndor.result.status === 'optimal' && [wyndor.result.x, wyndor.result.objective]).toEqual([[2, 6], 36]);
    expect(pivotsOf(wyndor.result)).toHaveLength(3);
    const infeasible = deriveLp(preset('infeasible'));
    expect(infeasible.verdict).toBe('infeasible');
    expect(infeasible.geometry?.empty).toBe(true);
    const unbounded = deriveLp(preset('unbounded'));
    expect(unbounded.verdict).toBe('unbounded');
    expect(unbounded.result.status === 'unbounded' && unbounded.result.direction).toEqual([1, 1]);
    const degenerate = deriveLp(preset('degenerate'));
    expect(degenerate.degeneratePivots).toEqual([1]);
    expect(degenerate.path.map((p) => [p.point.x, p.point.y])).toEqual([[0, 0], [2, 0], [2, 0], [2, 2]]);
    expect(degenerate.result.status === 'optimal' && degenerate.result.objective).toBe(6);
  });

  it('reports several optimal vertices when the objective is parallel to an edge', () => {
    const model = deriveLp({ ...defaults, c1: 1, c2: 1 });
    expect(model.verdict).toBe('multiple');
    expect(model.vertices.filter((v) => v.optimal).map((v) => [v.point.x, v.point.y]).sort()).toEqual([[3, 1], [4, 0]]);
  });

  it('explains a row whose coefficients are both zero', () => {
    const fails = deriveLp({ ...defaults, m: 3, r3: [0, 0, -1], k3: 'le' });
    expect(fails.zeroRows).toEqual([{ row: 2, holds: false }]);
    expect(fails.verdict).toBe('infeasible');
    const holds = deriveLp({ ...defaults, m: 3, r3: [0, 0, 5], k3: 'le' });
    expect(holds.zeroRows).toEqual([{ row: 2, holds: true }]);
    expect(holds.verdict).toBe('optimal');
  });

  it('starts phase 1 with w = the sum of the artificial variables at the origin', () => {
    // x₁ + x₂ ≥ 4 and x₁ + 3x₂ ≥ 6: both rows need an artificial variable, w = 4 + 6.
    const model = deriveLp({ ...defaults, sense: 'min', c1: 2, c2: 3, k1: 'ge', k2: 'ge' });
    expect(initialInfeasibility(model.rows)).toBe(10);
    const first = pivotsOf(model.result)[0];
    // The first pivot moves 4 along x₁ and lowers w by 4 + 4.
    expect(first?.infeasibility).toBe(2);
    // A ≤ row with b < 0 is negated into a ≥ row and needs one too; a ≥ row with b < 0 does not.
    expect(initialInfeasibility([{ a: [1, 0], b: -2, relation: '<=', code: 'le' }, { a: [0, 1], b: -3, relation: '>=', code: 'ge' }])).toBe(2);
  });

  it('draws a square view that holds every vertex and every point of the path', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -20, max: 40 }), fc.constantFrom('le', 'ge', 'eq')), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: -5, max: 5 }),
        (rows, c1, c2) => {
          const state: LpState = { ...defaults, c1, c2, m: rows.length };
          rows.forEach(([a1, a2, b, k], i) => Object.assign(state, { [`r${i + 1}`]: [a1, a2, b], [`k${i + 1}`]: k }));
          const model = deriveLp(state);
          const { box } = model;
          expect(box.xMax - box.xMin).toBeCloseTo(box.yMax - box.yMin, 12);
          const inside = (x: number, y: number) => x >= box.xMin - 1e-9 && x <= box.xMax + 1e-9 && y >= box.yMin - 1e-9 && y <= box.yMax + 1e-9;
          for (const v of model.vertices) if (v.point.x <= 1000 && v.point.y <= 1000) expect(inside(v.point.x, v.point.y)).toBe(true);
          for (const p of model.path) if (p.point.x <= 1000 && p.point.y <= 1000) expect(inside(p.point.x, p.point.y)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('rounds spans up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k', () => {
    expect([0.9, 1, 1.01, 7, 9.2, 11, 2400].map(niceCeil)).toEqual([1, 1, 1.2, 8, 10, 12, 2500]);
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (v) => niceCeil(v) >= v * (1 - 1e-12) && niceCeil(v) <= v * 1.34));
  });

  it('typesets a linear expression without 1· or 0-terms', () => {
    expect(linearTex(3, 5)).toBe('3x_1+5x_2');
    expect(linearTex(1, -1)).toBe('x_1-x_2');
    expect(linearTex(0, 2)).toBe('2x_2');
    expect(linearTex(-1.5, 0)).toBe('-1.5x_1');
    expect(linearTex(0, 0)).toBe('0');
  });
});
