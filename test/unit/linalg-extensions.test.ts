import { Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionNumber, luFactor, luSolveVector, replayRightHandSide, solve } from '../../src/lib/math/lu';
import { hilbert, hilbertScale, multiply, scaledHilbert, type Matrix } from '../../src/lib/math/matrix';

// What the chapter 4.1 islands added to the linear-algebra engines.

describe('the integer Hilbert matrix', () => {
  it('scales by lcm(1 … 2n − 1): 1, 6, 60, 420, 2520, 27720', () => {
    expect([1, 2, 3, 4, 5, 6].map(hilbertScale)).toEqual([1, 6, 60, 420, 2520, 27720]);
  });

  it('is the Hilbert matrix times that scale, with integer entries', () => {
    for (let n = 1; n <= 6; n += 1) {
      const scaled = scaledHilbert(n);
      const h = hilbert(n);
      scaled.forEach((row, i) =>
        row.forEach((x, j) => {
          expect(Number.isInteger(x)).toBe(true);
          expect(x / hilbertScale(n)).toBeCloseTo(h[i]?.[j] ?? Number.NaN, 15);
        }),
      );
    }
    expect(scaledHilbert(6)[0]).toEqual([27720, 13860, 9240, 6930, 5544, 4620]);
  });

  it('keeps the condition number of H₆ (cond₁ ≈ 2.9 × 10⁷, Higham’s table)', () => {
    const scaled = conditionNumber(scaledHilbert(6));
    const plain = conditionNumber(hilbert(6));
    if (!scaled.ok || !plain.ok) throw new Error('H₆ is invertible');
    expect(scaled.value / plain.value).toBeCloseTo(1, 6);
    expect(scaled.value).toBeGreaterThan(2.8e7);
    expect(scaled.value).toBeLessThan(3.0e7);
  });

  it('solves H₆ x = H₆·1 to about cond · ε, while the residual stays tiny', () => {
    const a = scaledHilbert(6);
    const b = a.map((row) => [row.reduce((s, x) => s + x, 0)]);
    const result = solve(a, b);
    if (!result.ok) throw new Error('solvable');
    const error = Math.max(...result.x.map((row) => Math.abs((row[0] ?? 0) - 1)));
    expect(error).toBeGreaterThan(0);
    expect(error).toBeLessThan(result.condition * Number.EPSILON * 10);
    expect(result.relativeResidual).toBeLessThan(1e-14);
  });
});

describe('the right-hand side carried through the elimination', () => {
  it('starts at B and ends at y = L⁻¹PB, from which U x = y gives the solution', () => {
    // The textbook system 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3: x = (2, 3, −1).
    const a = [
      [2, 1, -1],
      [-3, -1, 2],
      [-2, 1, 2],
    ];
    const b = [[8], [-11], [-3]];
    const factored = luFactor(a);
    if (!factored.ok) throw new Error('square');
    const { lu } = factored;
    const states = replayRightHandSide(lu.steps, b);
    expect(states).toHaveLength(lu.steps.length + 1);
    expect(states[0]).toEqual(b);
    // The first step swaps rows 1 and 2 (|−3| is the largest pivot candidate).
    expect(lu.steps[0]).toMatchObject({ kind: 'swap', rows: [0, 1] });
    expect(states[1]).toEqual([[-11], [8], [-3]]);
    const y = (states[states.length - 1] ?? []).map((row) => row[0] ?? Number.NaN);
    // Back substitution on U with this y.
    const x = new Array<number>(3).fill(0);
    for (let i = 2; i >= 0; i -= 1) {
      let sum = y[i] ?? 0;
      for (let j = i + 1; j < 3; j += 1) sum -= (lu.upper[i]?.[j] ?? 0) * (x[j] ?? 0);
      x[i] = sum / (lu.upper[i]?.[i] ?? Number.NaN);
    }
    [2, 3, -1].forEach((expected, i) => expect(x[i]).toBeCloseTo(expected, 12));
  });

  it('agrees with forward substitution and with ml-matrix on random systems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
            fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
          ),
        ),
        ([a, b]) => {
          const factored = luFactor(a);
          if (!factored.ok || factored.lu.singularAt !== null) return;
          const { lu } = factored;
          const last = replayRightHandSide(lu.steps, b).at(-1) as Matrix;
          for (let col = 0; col < 2; col += 1) {
            // luSolveVector runs L y = P b then U x = y; replaying gives that y directly.
            const column = b.map((row) => row[col] ?? 0);
            const x = luSolveVector(lu, column);
            const ux = multiply(lu.upper, x.map((v) => [v]));
            if (!ux.ok) throw new Error('shapes agree');
            ux.value.forEach((row, i) => expect(row[0]).toBeCloseTo(last[i]?.[col] ?? Number.NaN, 6));
            const reference = mlSolve(new MlMatrix(a), MlMatrix.columnVector(column));
            x.forEach((v, i) => expect(v).toBeCloseTo(reference.get(i, 0), 6));
          }
        },
      ),
      { seed: 41, numRuns: 200 },
    );
  });

  it('refuses steps that name rows B does not have', () => {
    expect(() => replayRightHandSide([{ kind: 'eliminate', k: 0, row: 3, factor: 1, matrix: [], lower: [] }], [[1], [2]])).toThrow(RangeError);
  });
});
