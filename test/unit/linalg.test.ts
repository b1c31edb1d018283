import fc from 'fast-check';
import { determinant as mlDeterminant, inverse as mlInverse, LuDecomposition, Matrix as MlMatrix, solve as mlSolve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  conditionNumber,
  determinant,
  estimateInverseNorm1,
  ILL_CONDITIONED,
  inverse,
  luFactor,
  luSolveTransposeVector,
  solve,
  type LuStep,
} from '../../src/lib/math/lu';
import {
  add,
  formatMatrix,
  hilbert,
  identity,
  MAX_MATRIX_SIZE,
  multiply,
  norm1,
  parseMatrix,
  randomIntegerMatrix,
  singularPreset,
  subtract,
  transpose,
  type Matrix,
  type ReadonlyMatrix,
} from '../../src/lib/math/matrix';
import { angleBetween, cross, dot, norms, project, scale, subtract as vsub, add as vadd, vec } from '../../src/lib/math/vectors';
import { createRng } from '../../src/lib/random/prng';

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** max |a − b| / max(1, max |b|). */
function relDiff(a: ReadonlyMatrix, b: ReadonlyMatrix): number {
  let diff = 0;
  let size = 1;
  a.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = b[i]?.[j] ?? Number.NaN;
      diff = Math.max(diff, Math.abs(x - y));
      size = Math.max(size, Math.abs(y));
    }),
  );
  return diff / size;
}

/**
 * Random n×n entries in [−1, 1] plus (n + 1)·I: every diagonal entry beats the rest of its
 * row and column by at least 1, so ‖A⁻¹‖₁ ≤ 1 and cond₁(A) ≤ ‖A‖₁ ≤ 2n + 1.
 */
const wellConditioned = fc.integer({ min: 1, max: MAX_MATRIX_SIZE }).chain((n) =>
  fc
    .array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    })
    .map((rows) => rows.map((row, i) => row.map((x, j) => (i === j ? x + n + 1 : x)))),
);

describe('matrix arithmetic', () => {
  it('adds, subtracts and multiplies like ml-matrix', () => {
    const shapes = fc.record({
      r: fc.integer({ min: 1, max: 6 }),
      c: fc.integer({ min: 1, max: 6 }),
      k: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(shapes, ({ r, c, k, seed }) => {
        const rng = createRng(seed);
        const a = randomIntegerMatrix(r, c, rng);
        const b = randomIntegerMatrix(r, c, rng);
        const d = randomIntegerMatrix(c, k, rng);
        expect(ok(add(a, b)).value).toEqual(MlMatrix.add(new MlMatrix(a), new MlMatrix(b)).to2DArray());
        expect(ok(subtract(a, b)).value).toEqual(MlMatrix.sub(new MlMatrix(a), new MlMatrix(b)).to2DArray());
        const product = ok(multiply(a, d));
        expect(product.shape).toEqual([r, k]);
        expect(product.value).toEqual(new MlMatrix(a).mmul(new MlMatrix(d)).to2DArray());
      }),
      { numRuns: 200 },
    );
  });

  it('reports a size mismatch with the numbers needed to fix it', () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const b = [
      [1, 2],
      [3, 4],
    ];
    expect(add(a, b)).toEqual({
      ok: false,
      code: 'shape-mismatch',
      op: 'add',
      left: [2, 3],
      right: [2, 2],
      need: { kind: 'same-shape', shape: [2, 3] },
    });
    expect(subtract(b, a)).toMatchObject({ ok: false, code: 'shape-mismatch', need: { shape: [2, 2] } });
    // A is 2×3, B is 2×2: B would need 3 rows, or A 2 columns.
    expect(multiply(a, b)).toEqual({
      ok: false,
      code: 'shape-mismatch',
      op: 'multiply',
      left: [2, 3],
      right: [2, 2],
      need: { kind: 'inner-dimension', rightRows: 3, leftCols: 2 },
    });
    expect(ok(multiply(b, a)).shape).toEqual([2, 3]);
  });

  it('reports overflow instead of returning Infinity', () => {
    expect(multiply([[1e200]], [[1e200]])).toEqual({ ok: false, code: 'overflow', op: 'multiply', row: 0, col: 0 });
    expect(add([[1, Number.MAX_VALUE]], [[1, Number.MAX_VALUE]])).toMatchObject({ ok: false, code: 'overflow', col: 1 });
  });

  it('builds the presets', () => {
    expect(identity(3)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(hilbert(3)[2]).toEqual([1 / 3, 1 / 4, 1 / 5]);
    const first = randomIntegerMatrix(4, 5, createRng(7));
    expect(randomIntegerMatrix(4, 5, createRng(7))).toEqual(first);
    expect(first.flat().every((x) => Number.isInteger(x) && x >= -5 && x <= 5)).toBe(true);
    expect(new Set(first.flat()).size).toBeGreaterThan(3);
    for (let n = 1; n <= MAX_MATRIX_SIZE; n += 1) {
      expect(new MlMatrix(singularPreset(n)).isSquare()).toBe(true);
      expect(Math.abs(mlDeterminant(new MlMatrix(singularPreset(n))))).toBeLessThan(1e-9);
    }
    expect(() => identity(7)).toThrow(RangeError);
    expect(transpose([[1, 2, 3]])).toEqual([[1], [2], [3]]);
  });
});

describe('parsing pasted matrices', () => {
  it('reads the usual ways of writing a matrix', () => {
    const twoByTwo = [
      [1, 2],
      [3, 4],
    ];
    for (const text of ['1 2; 3 4', '1,2\n3,4', '1\t2\r\n3\t4\n\n', '[[1, 2], [3, 4]]', '[1 2; 3 4]', '1，2；3，4']) {
      expect(parseMatrix(text)).toEqual({ ok: true, value: twoByTwo, shape: [2, 2] });
    }
    expect(ok(parseMatrix('−1.5e2 +.5 1/3 -2/4')).value).toEqual([[-150, 0.5, 1 / 3, -0.5]]);
  });

  it('refuses bad input with the position of the problem', () => {
    expect(parseMatrix('  \n ; ')).toEqual({ ok: false, code: 'empty' });
    expect(parseMatrix('1 2; 3 x')).toEqual({ ok: false, code: 'not-a-number', row: 1, col: 1, text: 'x' });
    expect(parseMatrix('1 0x10')).toMatchObject({ code: 'not-a-number', col: 1 });
    expect(parseMatrix('1e999')).toMatchObject({ code: 'not-a-number' });
    expect(parseMatrix('1/0')).toMatchObject({ code: 'not-a-number' });
    expect(parseMatrix('1 2 3; 4 5; 6 7 8')).toEqual({ ok: false, code: 'ragged', row: 1, col: 2, expected: 3 });
    expect(parseMatrix('1 2 3 4 5 6 7')).toEqual({ ok: false, code: 'too-large', row: 1, col: 7, max: 6 });
    expect(parseMatrix('1;2;3;4;5;6;7')).toEqual({ ok: false, code: 'too-large', row: 7, col: 1, max: 6 });
  });

  it('formats so that parsing gives back exactly the same numbers', () => {
    const matrices = fc.integer({ min: 1, max: 6 }).chain((c) =>
      fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: c, maxLength: c }), {
        minLength: 1,
        maxLength: 6,
      }),
    );
    fc.assert(
      fc.property(matrices, fc.constantFrom('\n', '; '), fc.constantFrom(' ', '\t', ', '), (m, rows, cols) => {
        const back = ok(parseMatrix(formatMatrix(m, { rowSeparator: rows, columnSeparator: cols }))).value;
        // −0 is written as 0.
        expect(back).toEqual(m.map((row) => row.map((x) => (x === 0 ? 0 : x))));
      }),
      { numRuns: 300 },
    );
    expect(formatMatrix([[1 / 3, -0, 1234567]], { digits: 3 })).toBe('0.333 0 1.23e+6');
  });
});

/** Apply each recorded step to the matrix before it; it must give the recorded matrix. */
function replay(a: ReadonlyMatrix, steps: readonly LuStep[]): Matrix {
  let current = a.map((row) => [...row]);
  for (const step of steps) {
    const next = current.map((row) => [...row]);
    if (step.kind === 'swap') {
      const [i, j] = step.rows;
      [next[i], next[j]] = [current[j] ?? [], current[i] ?? []];
    } else {
      const pivotRow = current[step.k] ?? [];
      const pivot = pivotRow[step.k] ?? Number.NaN;
      expect(step.factor).toBe((current[step.row]?.[step.k] ?? Number.NaN) / pivot);
      next[step.row] = (current[step.row] ?? []).map((x, j) => (j === step.k ? 0 : x - step.factor * (pivotRow[j] ?? 0)));
    }
    expect(next).toEqual(step.matrix);
    current = next;
  }
  return current;
}

describe('LU factorization with partial pivoting', () => {
  // Strang, Introduction to Linear Algebra (5th ed.), §2.2: 2u + v + w = 5, 4u − 6v = −2,
  // −2u + 7v + 2w = 9 has the solution (1, 1, 2); without row exchanges the pivots are 2, −8, 1.
  const strang = [
    [2, 1, 1],
    [4, -6, 0],
    [-2, 7, 2],
  ];

  it("solves Strang's elimination example", () => {
    const result = ok(solve(strang, [[5], [-2], [9]]));
    expect(relDiff(result.x, [[1], [1], [2]])).toBeLessThan(1e-15);
    expect(result.illConditioned).toBe(false);
    expect(result.relativeResidual).toBeLessThan(1e-16);
    const det = ok(determinant(strang));
    expect(det.value).toBeCloseTo(2 * -8 * 1, 13);
    // Partial pivoting takes 4 (the largest in column 1) first, so row 0 and row 1 swap.
    expect(det.steps[0]).toMatchObject({ kind: 'swap', k: 0, rows: [0, 1] });
    expect(replay(strang, det.steps)).toEqual(ok(luFactor(strang)).lu.upper);
  });

  it('needs the row swap: [[1e-20, 1], [1, 1]] x = [1, 2]', () => {
    const x = ok(solve([[1e-20, 1], [1, 1]], [[1], [2]])).x;
    expect(x[0]?.[0]).toBeCloseTo(1, 14);
    expect(x[1]?.[0]).toBeCloseTo(1, 14);
  });

  it('gives PA = LU with |multipliers| ≤ 1, and replayable steps, on random matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), (n, seed) => {
        const a = randomIntegerMatrix(n, n, createRng(seed), { min: -9, max: 9 });
        const { lu } = ok(luFactor(a));
        const pa = lu.perm.map((source) => a[source] ?? []);
        expect(relDiff(ok(multiply(lu.lower, lu.upper)).value, pa)).toBeLessThan(1e-13);
        lu.lower.forEach((row, i) =>
          row.forEach((x, j) => {
            if (j > i) expect(x).toBe(0);
            else if (j === i) expect(x).toBe(1);
            else expect(Math.abs(x)).toBeLessThanOrEqual(1);
          }),
        );
        lu.upper.forEach((row, i) => row.forEach((x, j) => (j < i ? expect(x).toBe(0) : undefined)));
        expect(replay(a, lu.steps)).toEqual(lu.upper);
        const last = lu.steps.at(-1);
        if (last) expect(last.lower).toEqual(lu.lower);
        // ml-matrix's LU (JAMA's algorithm, a different order of operations) has the same
        // determinant, and the same U whenever rounding did not break a tie between pivots
        // the other way.
        const reference = new LuDecomposition(new MlMatrix(a));
        const scale = transpose(a).reduce((p, col) => p * Math.max(1, Math.hypot(...col)), 1);
        const det = ok(determinant(a)).value;
        expect(Math.abs(det - reference.determinant)).toBeLessThanOrEqual(1e-13 * scale);
        if (lu.singularAt === null && lu.perm.join() === reference.pivotPermutationVector.join()) {
          expect(relDiff(lu.upper, reference.upperTriangularMatrix.to2DArray())).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches ml-matrix on random well-conditioned systems (solve, inverse, determinant)', () => {
    fc.assert(
      fc.property(wellConditioned, fc.integer({ min: 1, max: 3 }), fc.integer(), (a, m, seed) => {
        const n = a.length;
        const b = randomIntegerMatrix(n, m, createRng(seed));
        const solved = ok(solve(a, b));
        expect(relDiff(solved.x, mlSolve(new MlMatrix(a), new MlMatrix(b)).to2DArray())).toBeLessThan(1e-12);
        const inv = ok(inverse(a));
        expect(relDiff(inv.inverse, mlInverse(new MlMatrix(a)).to2DArray())).toBeLessThan(1e-12);
        expect(relDiff(ok(multiply(a, inv.inverse)).value, identity(n))).toBeLessThan(1e-13);
        expect(relDiff(ok(multiply(inv.inverse, a)).value, identity(n))).toBeLessThan(1e-13);
        const det = ok(determinant(a)).value;
        const reference = mlDeterminant(new MlMatrix(a));
        expect(Math.abs(det - reference)).toBeLessThan(1e-12 * Math.abs(reference));
        expect(inv.condition).toBeLessThanOrEqual(2 * n + 1);
        expect(inv.illConditioned).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the determinant of a triangular matrix as the product of its diagonal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), fc.boolean(), (n, seed, upper) => {
        const a = randomIntegerMatrix(n, n, createRng(seed), { min: -4, max: 4 }).map((row, i) =>
          row.map((x, j) => ((upper ? j < i : j > i) ? 0 : x)),
        );
        const diagonal = a.reduce((p, row, i) => p * (row[i] ?? 0), 1);
        const det = ok(determinant(a));
        // Upper triangular needs no elimination, so the product is exact; a lower triangular
        // one is permuted and eliminated, which rounds at the scale of Hadamard's bound.
        if (upper) expect(det.value).toBe(diagonal);
        const hadamard = transpose(a).reduce((p, col) => p * Math.max(1, Math.hypot(...col)), 1);
        expect(Math.abs(det.value - diagonal)).toBeLessThanOrEqual(1e-14 * hadamard);
        expect(det.singular).toBe(diagonal === 0);
      }),
      { numRuns: 300 },
    );
    // One swap flips the sign: det [[0, 1], [1, 0]] = −1.
    expect(ok(determinant([[0, 1], [1, 0]]))).toMatchObject({ value: -1, permutationSign: -1 });
  });

  it('refuses singular and rank-deficient matrices, naming the pivot', () => {
    const cases: [Matrix, number][] = [
      [singularPreset(3), 2],
      [singularPreset(2), 1],
      [singularPreset(1), 0],
      [[[0, 1], [0, 2]], 0],
      [[[1, 2, 3], [2, 4, 6], [1, 1, 1]], 2],
      [[[1, 1, 2], [2, 2, 4], [3, 3, 6]], 1],
      [[[0, 0], [0, 0]], 0],
    ];
    for (const [a, k] of cases) {
      const result = solve(a, identity(a.length));
      expect(result).toMatchObject({ ok: false, code: 'singular', k });
      if (result.ok || result.code !== 'singular') throw new Error('unreachable');
      expect(Math.abs(result.pivot)).toBeLessThanOrEqual(result.tolerance);
      expect(result.tolerance).toBe(a.length * Number.EPSILON * norm1(a));
      expect(inverse(a)).toMatchObject({ ok: false, code: 'singular', k });
      expect(conditionNumber(a)).toMatchObject({ ok: false, code: 'singular', k });
      expect(ok(determinant(a)).singular).toBe(true);
    }
    for (let n = 3; n <= MAX_MATRIX_SIZE; n += 1) {
      expect(solve(singularPreset(n), identity(n))).toMatchObject({ ok: false, code: 'singular' });
    }
    // [[1..9]] leaves a rounding-noise pivot, not an exact zero: the estimate still says ≳ 1/ε.
    const noisy = conditionNumber(singularPreset(3));
    if (noisy.ok || noisy.code !== 'singular') throw new Error('expected singular');
    expect(noisy.estimate).not.toBeNull();
    expect(noisy.estimate ?? 0).toBeGreaterThan(1 / Number.EPSILON);
    expect(conditionNumber([[0, 1], [0, 2]])).toMatchObject({ code: 'singular', estimate: null });
  });

  it('flags an ill-conditioned but solvable system', () => {
    const a = [
      [1, 1],
      [1, 1 + 1e-13],
    ];
    const result = ok(solve(a, [[2], [2 + 1e-13]]));
    expect(result.illConditioned).toBe(true);
    expect(result.condition).toBeGreaterThan(ILL_CONDITIONED);
    // cond₁ = ‖A‖₁‖A⁻¹‖₁ = (2 + 1e-13)²/1e-13 ≈ 4e13.
    expect(result.condition / 4e13).toBeCloseTo(1, 2);
    expect(result.relativeResidual).toBeLessThan(1e-15);
  });

  it('reports wrong shapes', () => {
    expect(solve([[1, 2, 3], [4, 5, 6]], [[1], [2]])).toEqual({ ok: false, code: 'not-square', rows: 2, cols: 3 });
    expect(inverse([[1, 2]])).toMatchObject({ code: 'not-square', rows: 1, cols: 2 });
    expect(determinant([[1], [2]])).toMatchObject({ code: 'not-square' });
    expect(conditionNumber([[1], [2]])).toMatchObject({ code: 'not-square' });
    expect(solve(identity(3), [[1], [2]])).toEqual({
      ok: false,
      code: 'shape-mismatch',
      left: [3, 3],
      right: [2, 1],
      needRows: 3,
    });
  });
});

/** The exact inverse of the n×n Hilbert matrix (integer entries), 1-based formula. */
function hilbertInverse(n: number): Matrix {
  const choose = (a: number, b: number): number => {
    let r = 1;
    for (let i = 1; i <= b; i += 1) r = (r * (a - b + i)) / i;
    return r;
  };
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      const i = r + 1;
      const j = c + 1;
      const sign = (i + j) % 2 === 0 ? 1 : -1;
      return sign * (i + j - 1) * choose(n + i - 1, n - j) * choose(n + j - 1, n - i) * choose(i + j - 2, i - 1) ** 2;
    }),
  );
}

describe('condition numbers', () => {
  it('matches the known cond₁ of Hilbert matrices (cond₁(H₄) = 28375)', () => {
    const known = [1, 27, 748, 28375, 943656, 29070279];
    for (let n = 1; n <= MAX_MATRIX_SIZE; n += 1) {
      const exactInverse = hilbertInverse(n);
      const exact = norm1(hilbert(n)) * norm1(exactInverse);
      expect(exact / (known[n - 1] ?? 0)).toBeCloseTo(1, 14);
      const result = ok(conditionNumber(hilbert(n)));
      // Computing A⁻¹ loses about cond·ε relative accuracy.
      const allowed = 10 * exact * Number.EPSILON;
      expect(Math.abs(result.value - exact) / exact).toBeLessThan(allowed);
      expect(Math.abs(result.estimate - exact) / exact).toBeLessThan(allowed);
      expect(relDiff(ok(inverse(hilbert(n))).inverse, exactInverse)).toBeLessThan(allowed);
      expect(result.illConditioned).toBe(false);
    }
  });

  it('estimates ‖A⁻¹‖₁ from below, and usually exactly, without forming A⁻¹', () => {
    const ratios: number[] = [];
    for (let seed = 0; seed < 3000; seed += 1) {
      const n = 2 + (seed % 5);
      const result = conditionNumber(randomIntegerMatrix(n, n, createRng(seed), { min: -9, max: 9 }));
      if (!result.ok) continue;
      expect(result.estimate).toBeLessThanOrEqual(result.value * (1 + 1e-12));
      ratios.push(result.estimate / result.value);
    }
    // Hager's method is a heuristic, not a bound from both sides: measured on these 3000
    // matrices, ~89 % are exact and the worst is ~0.2 of the true norm.
    const exact = ratios.filter((r) => r > 1 - 1e-12).length / ratios.length;
    expect(exact).toBeGreaterThan(0.85);
    expect(Math.min(...ratios)).toBeGreaterThan(0.15);
  });

  it('solves with Aᵀ from the same factors', () => {
    fc.assert(
      fc.property(wellConditioned, (a) => {
        const { lu } = ok(luFactor(a));
        const c = a.map((_, i) => i + 1);
        const z = luSolveTransposeVector(lu, c);
        const back = ok(multiply(transpose(a), z.map((x) => [x]))).value.map((row) => row[0] ?? 0);
        back.forEach((x, i) => expect(x).toBeCloseTo(c[i] ?? 0, 10));
        expect(estimateInverseNorm1(lu)).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('plane vectors', () => {
  const a = vec(3, 4);
  const b = vec(1, 0);

  it('computes the basic operations', () => {
    expect(vadd(a, b)).toEqual({ x: 4, y: 4 });
    expect(vsub(a, b)).toEqual({ x: 2, y: 4 });
    expect(scale(-2, a)).toEqual({ x: -6, y: -8 });
    expect(dot(a, b)).toBe(3);
    expect(cross(b, a)).toBe(4);
    expect(norms(a)).toEqual({ l1: 7, l2: 5, inf: 4 });
  });

  it('measures angles, including the degenerate cases', () => {
    expect(ok(angleBetween(b, vec(0, 2))).degrees).toBe(90);
    expect(ok(angleBetween(b, vec(5, 0))).degrees).toBe(0);
    expect(ok(angleBetween(b, vec(-5, 0))).degrees).toBe(180);
    expect(ok(angleBetween(b, vec(1, 1))).degrees).toBeCloseTo(45, 13);
    expect(ok(angleBetween(vec(1, 1), b)).signedDegrees).toBeCloseTo(-45, 13);
    expect(angleBetween(vec(0, 0), a)).toEqual({ ok: false, code: 'zero-vector', which: 'a' });
    expect(angleBetween(a, vec(0, 0))).toEqual({ ok: false, code: 'zero-vector', which: 'b' });
    expect(angleBetween(vec(0, 0), vec(0, 0))).toEqual({ ok: false, code: 'zero-vector', which: 'both' });
    // Nearly parallel: acos(cos θ) would lose the angle entirely, atan2 keeps it.
    expect(ok(angleBetween(b, vec(1, 1e-9))).radians).toBeCloseTo(1e-9, 20);
  });

  it('projects a onto b', () => {
    expect(ok(project(a, b))).toEqual({ ok: true, vector: { x: 3, y: 0 }, scalar: 3, coefficient: 3, rejection: { x: 0, y: 4 } });
    expect(ok(project(vec(-2, 1), vec(2, 0))).scalar).toBe(-2);
    expect(project(a, vec(0, 0))).toEqual({ ok: false, code: 'zero-vector', which: 'b' });
    const v = fc.record({ x: fc.double({ min: -100, max: 100, noNaN: true }), y: fc.double({ min: -100, max: 100, noNaN: true }) });
    fc.assert(
      fc.property(v, v, (p, q) => {
        fc.pre(Math.hypot(q.x, q.y) > 1e-3 && Math.hypot(p.x, p.y) > 1e-3);
        const r = ok(project(p, q));
        const size = Math.hypot(p.x, p.y);
        expect(Math.abs(r.vector.x + r.rejection.x - p.x)).toBeLessThan(1e-12 * size + 1e-300);
        expect(Math.abs(dot(r.rejection, q))).toBeLessThan(1e-12 * size * Math.hypot(q.x, q.y));
        const angle = ok(angleBetween(p, q));
        expect(Math.cos(angle.radians)).toBeCloseTo(dot(p, q) / (size * Math.hypot(q.x, q.y)), 12);
        expect(r.scalar).toBeCloseTo(size * angle.cos, 10);
      }),
    );
  });
});
