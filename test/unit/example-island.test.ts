import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { exampleIsland } from '../../components/islands/example/definition';
import { deriveExample, objectiveGrid, type ExampleState } from '../../components/islands/example/model';
import { factor, num, termsTex } from '../../components/islands/example/format';

// The 4.4 island's model: the textbook numbers of E10, the solver of 4.3.2 as an independent
// cross-check, and dense sampling of f along the line for the minimum ignoring x ≥ 0.
const defaults = defaultsOf(exampleIsland.schema);
const preset = (name: string): ExampleState => startingState(exampleIsland.schema, exampleIsland.presets, name);

/** Inputs as the sliders give them: multiples of 0.01. */
const hundredths = (min: number, max: number) => fc.integer({ min, max }).map((v) => v / 100);

function solved(state: ExampleState) {
  const model = deriveExample(state);
  if (!model.result.ok) throw new Error(model.result.code);
  return { model, result: model.result };
}

describe('worked-example island model', () => {
  it('has the textbook answer x = (0.5, 0.5), f = 0.5, λ = 1, and the reader at (0.8, 0.2) with f = 0.68', () => {
    const { model, result } = solved(defaults);
    expect([result.x, result.f, result.lambda]).toEqual([[0.5, 0.5], 0.5, 1]);
    expect(model.point?.x[0]).toBe(0.8);
    expect(model.point?.x[1]).toBeCloseTo(0.2, 15);
    expect(model.point?.f).toBeCloseTo(0.68, 14);
    // The source's "minimum 1" is f at the segment's ends.
    expect(model.ends.map((e) => e.f)).toEqual([1, 1]);
  });

  it('agrees with the augmented-Lagrangian solver of 4.3.2 (x to 5e-5 relative) on random convex problems', () => {
    let worst = 0;
    fc.assert(
      fc.property(
        hundredths(20, 500),
        hundredths(20, 500),
        hundredths(-300, 300),
        hundredths(-300, 300),
        hundredths(20, 300),
        (w1, w2, a1, a2, b) => {
          fc.pre(Math.max(a1, a2) > 0.2);
          const model = deriveExample({ ...defaults, w1, w2, a1, a2, b });
          if (!model.result.ok) throw new Error(model.result.code);
          expect(model.check?.status).toBe('converged');
          const relative = (model.check?.distance ?? Infinity) / Math.max(1, Math.hypot(...model.result.x));
          worst = Math.max(worst, relative);
          expect(relative).toBeLessThan(5e-5);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
    expect(worst).toBeGreaterThan(0);
  });

  it('weighted preset: x = (0.75, 0.25), λ = 1.5', () => {
    const { result } = solved(preset('weighted'));
    expect(result.x[0]).toBeCloseTo(0.75, 14);
    expect(result.x[1]).toBeCloseTo(0.25, 14);
    expect(result.lambda).toBeCloseTo(1.5, 14);
  });

  it('corner preset: on the line f is least at (0.5, −0.5), so x₂ ≥ 0 is active at (1, 0) with ν₂ = 2', () => {
    const { model, result } = solved(preset('corner'));
    expect(result.x).toEqual([1, 0]);
    expect(result.activeBounds).toEqual([false, true]);
    expect(result.nu[1]).toBeCloseTo(2, 14);
    expect(model.lineMinimum?.x[0]).toBeCloseTo(0.5, 14);
    expect(model.lineMinimum?.x[1]).toBeCloseTo(-0.5, 14);
  });

  it('finds the line minimum that dense sampling of f along the line finds', () => {
    for (const state of [defaults, preset('weighted'), preset('corner'), { ...defaults, w1: 2, a1: -1, a2: 3, b: 2 }]) {
      const model = deriveExample(state);
      let best = { t: 0, f: Infinity };
      for (let k = 0; k <= 200_000; k++) {
        const t = -5 + k * 5e-5;
        const x2 = (state.b - state.a1 * t) / state.a2;
        const f = state.w1 * t * t + state.w2 * x2 * x2;
        if (f < best.f) best = { t, f };
      }
      expect(model.lineMinimum?.t).toBeCloseTo(best.t, 4);
    }
  });

  it('explains what it cannot solve, and still draws the line when there is one', () => {
    const infeasible = deriveExample(preset('infeasible'));
    expect(infeasible.result.ok === false && infeasible.result.code).toBe('infeasible');
    expect(infeasible.line).not.toBeNull();
    expect(infeasible.point?.feasible).toBe(false);
    const concave = deriveExample({ ...defaults, w2: -1 });
    expect(concave.result.ok === false && concave.result.code).toBe('weight-not-positive');
    expect(concave.lineMinimum).toBeNull();
    const noLine = deriveExample({ ...defaults, a1: 0, a2: 0 });
    expect(noLine.result.ok === false && noLine.result.code).toBe('zero-constraint');
    expect([noLine.line, noLine.point]).toEqual([null, null]);
    const tiny = deriveExample({ ...defaults, a1: 1e-7 });
    expect(tiny.result.ok === false && tiny.result.code).toBe('out-of-range');
  });

  it('keeps the optimum, the point and the line’s axis crossings in its square view', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true }), (t, a2, b) => {
        const model = deriveExample({ ...defaults, t, a2, b });
        const { lo, hi } = model.view;
        const inside = (v: number) => v >= lo && v <= hi;
        expect(model.point && model.point.x.every(inside)).toBe(true);
        expect(model.result.ok && model.result.x.every(inside)).toBe(true);
        expect(inside(b) && inside(b / a2)).toBe(true);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('samples f on the contour grid row by row', () => {
    const model = deriveExample({ ...defaults, w1: 2, w2: 3 });
    const grid = objectiveGrid(model, 5);
    const { lo, hi } = model.view;
    const x = lo + (hi - lo) * 0.25;
    const y = lo + (hi - lo) * 0.75;
    expect(grid[3 * 5 + 1]).toBeCloseTo(2 * x * x + 3 * y * y, 12);
  });

  it('formats numbers and terms for the formulas', () => {
    expect([num(0.123456), num(-0.00001), factor(-0.5), factor(2)]).toEqual(['0.1235', '0', '(-0.5)', '2']);
    expect(termsTex(1, 1, 'x_1^2', 'x_2^2')).toBe('x_1^2+x_2^2');
    expect(termsTex(1, -1, 'x_1', 'x_2')).toBe('x_1-x_2');
    expect(termsTex(0, 3, 'x_1', 'x_2')).toBe('3x_2');
  });
});
