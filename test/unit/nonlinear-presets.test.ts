import { describe, expect, it } from 'vitest';
import { evaluateConstraint, solveNlp, type NlpResult } from '../../src/lib/math/nonlinear';
import {
  CONSTRAINT_SET_NAMES,
  constraintParamsUsed,
  constraintSet,
  isFeasibleSetEmpty,
  objectiveSpec,
  type ConstraintSetName,
} from '../../src/lib/math/nonlinear-presets';

type Run = Extract<NlpResult, { x: unknown }>;
const converged = (r: NlpResult): Run => {
  if (r.status !== 'converged') throw new Error(`expected converged, got ${r.status}`);
  return r;
};

describe('constraint sets in the engine convention (h = 0, g ≤ 0)', () => {
  it('signs: a point inside the disk and above the line is feasible for the inequalities', () => {
    const [disk, half] = constraintSet('disk-halfplane', { b: 0.5, r: 1 });
    expect(disk?.kind).toBe('ineq');
    expect(half?.kind).toBe('ineq');
    // (0.5, 0.4): inside the unit disk, and x + y = 0.9 ≥ 0.5.
    expect(evaluateConstraint(disk!.shape, [0.5, 0.4]).value).toBeCloseTo(0.25 + 0.16 - 1, 12);
    expect(evaluateConstraint(half!.shape, [0.5, 0.4]).value).toBeCloseTo(0.5 - 0.9, 12);
    const [line] = constraintSet('line', { b: 1, r: 1 });
    expect(line?.kind).toBe('eq');
    expect(evaluateConstraint(line!.shape, [0.25, 0.75]).value).toBeCloseTo(0, 12);
  });

  it('reports exactly the parameters each set uses', () => {
    for (const name of CONSTRAINT_SET_NAMES) {
      const used = constraintParamsUsed(name);
      const a = JSON.stringify(constraintSet(name, { b: 1, r: 1 }));
      expect(JSON.stringify(constraintSet(name, { b: 2, r: 1 })) !== a).toBe(used.b);
      expect(JSON.stringify(constraintSet(name, { b: 1, r: 2 })) !== a).toBe(used.r);
    }
  });

  it('calls a set empty exactly when a fine grid finds no feasible point', () => {
    const cases: [ConstraintSetName, number, number][] = [
      ['line-disk', 1, 1],
      ['line-disk', 1.5, 1],
      ['line-disk', -1.5, 1],
      ['line-disk', 1.3, 1],
      ['disk-halfplane', 1.3, 1],
      ['disk-halfplane', 1.5, 1],
      ['disk-halfplane', -3, 1],
      ['disk', 3, 0.5],
    ];
    for (const [name, b, r] of cases) {
      const set = constraintSet(name, { b, r });
      let found = false;
      // For the line, walk along it; otherwise sample the square around the disk.
      for (let i = 0; i <= 400 && !found; i++) {
        for (let j = 0; j <= 400 && !found; j++) {
          const x = -r + (2 * r * i) / 400;
          const y = name === 'line-disk' ? b - x : -r + (2 * r * j) / 400;
          found = set.every((c) => {
            const v = evaluateConstraint(c.shape, [x, y]).value;
            return c.kind === 'eq' ? Math.abs(v) < 1e-9 : v <= 0;
          });
        }
      }
      expect(isFeasibleSetEmpty(name, { b, r }), `${name} b=${b} r=${r}`).toBe(!found);
    }
  });
});

describe('the island presets reach their closed-form KKT points', () => {
  it('“line”: min x² + y² on x + y = 1 → (½, ½), λ = −1 (erratum E10’s example)', () => {
    const r = converged(solveNlp({ objective: objectiveSpec('quadratic', [0, 0]), constraints: constraintSet('line', { b: 1, r: 1 }), start: [-1.5, 2] }));
    expect(r.x[0]).toBeCloseTo(0.5, 5);
    expect(r.x[1]).toBeCloseTo(0.5, 5);
    expect(r.multipliers[0]).toBeCloseTo(-1, 5);
  });

  it('“circle”: nearest point of the unit disk to (2, 1) is (2, 1)/√5 with μ = √5 − 1', () => {
    const r = converged(solveNlp({ objective: objectiveSpec('quadratic', [2, 1]), constraints: constraintSet('disk', { b: 1, r: 1 }), start: [-1.5, -1] }));
    expect(r.x[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(r.x[1]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(r.multipliers[0]).toBeCloseTo(Math.sqrt(5) - 1, 5);
  });

  it('a chord: (2, −1) projected onto x + y = 1 inside the unit disk → (1, 0), λ = −2, μ = 2', () => {
    // ∇f = (−2, 2) at (1, 0); −2 + λ + 2μ = 0 and 2 + λ = 0.
    const r = converged(solveNlp({ objective: objectiveSpec('quadratic', [2, -1]), constraints: constraintSet('line-disk', { b: 1, r: 1 }), start: [0, 0] }));
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(0, 5);
    expect(r.multipliers[0]).toBeCloseTo(-2, 4);
    expect(r.multipliers[1]).toBeCloseTo(2, 4);
  });

  it('a lens corner: (2, −2) in the disk and above x + y = 1 → (1, 0), μ = (3, 4)', () => {
    const r = converged(solveNlp({ objective: objectiveSpec('quadratic', [2, -2]), constraints: constraintSet('disk-halfplane', { b: 1, r: 1 }), start: [0, 0] }));
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(0, 5);
    expect(r.multipliers[0]).toBeCloseTo(3, 4);
    expect(r.multipliers[1]).toBeCloseTo(4, 4);
  });

  it('“rosenbrock-disk”: (0.7864, 0.6177), the MathWorks fmincon example', () => {
    const r = converged(solveNlp({ objective: objectiveSpec('rosenbrock', [0, 0]), constraints: constraintSet('disk', { b: 1, r: 1 }), start: [-1.5, -1] }));
    expect(r.x[0]).toBeCloseTo(0.7864, 4);
    expect(r.x[1]).toBeCloseTo(0.6177, 4);
  });

  it('“saddle”: from the x axis the method stops at the saddle (0, 0) with every KKT test passed', () => {
    const r = converged(solveNlp({ objective: objectiveSpec('saddle', [0, 0]), constraints: constraintSet('none', { b: 1, r: 1 }), start: [1.5, 0] }));
    expect(Math.hypot(...r.x)).toBeLessThan(1e-9);
    expect(r.kkt.pass).toBe(true);
    expect(r.secondOrder).toBe('saddle');
  });
});
