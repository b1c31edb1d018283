import { EigenvalueDecomposition, Matrix, solve as mlSolve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  identity,
  maxAbs,
  multiply,
  solve,
  spectralRadius,
  subtract,
  symmetricEigenvalues,
  transpose,
} from '../../src/lib/math/small-matrix';
import { createRng, type Rng } from '../../src/lib/random/prng';

const randomMatrix = (rng: Rng, r: number, c: number): number[][] =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal()));

function mlRadius(a: number[][]): number {
  const e = new EigenvalueDecomposition(new Matrix(a));
  return Math.max(...e.realEigenvalues.map((re, i) => Math.hypot(re, e.imaginaryEigenvalues[i] ?? 0)));
}

describe('small dense matrices against ml-matrix', () => {
  it('solve matches ml-matrix on random systems and reports a singular one', () => {
    const rng = createRng(1);
    for (let k = 0; k < 100; k++) {
      const n = 1 + rng.int(4);
      const a = randomMatrix(rng, n, n);
      const b = randomMatrix(rng, n, 2);
      const ours = solve(a, b);
      expect(ours).not.toBeNull();
      const ref = mlSolve(new Matrix(a), new Matrix(b)).to2DArray();
      expect(maxAbs(subtract(ours ?? [], ref))).toBeLessThanOrEqual(1e-9 * Math.max(1, maxAbs(ref)));
    }
    expect(
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [[1], [2]],
      ),
    ).toBeNull();
  });

  it('symmetric eigenvalues match ml-matrix', () => {
    const rng = createRng(2);
    for (let k = 0; k < 100; k++) {
      const n = 1 + rng.int(4);
      const g = randomMatrix(rng, n, n);
      const s = multiply(g, transpose(g)).map((row, i) => row.map((v, j) => (i === j ? v - 1 : v)));
      const ref = new EigenvalueDecomposition(new Matrix(s), { assumeSymmetric: true }).realEigenvalues.sort(
        (x, y) => x - y,
      );
      symmetricEigenvalues(s).forEach((v, i) =>
        expect(Math.abs(v - (ref[i] as number))).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(v))),
      );
    }
  });

  it('spectral radius by Gelfand squaring matches the eigenvalues (real, complex, defective, nilpotent)', () => {
    const rng = createRng(3);
    let worst = 0;
    for (let k = 0; k < 200; k++) {
      const n = 1 + rng.int(4);
      const a = randomMatrix(rng, n, n);
      const ref = mlRadius(a);
      worst = Math.max(worst, Math.abs(spectralRadius(a) - ref) / ref);
    }
    expect(worst).toBeLessThanOrEqual(1e-8);
    expect(
      spectralRadius([
        [0, -2],
        [2, 0],
      ]),
    ).toBeCloseTo(2, 12);
    expect(
      spectralRadius([
        [0.9, 1],
        [0, 0.9],
      ]),
    ).toBeCloseTo(0.9, 9);
    expect(
      spectralRadius([
        [0, 1],
        [0, 0],
      ]),
    ).toBeLessThan(1e-12);
    expect(spectralRadius(identity(3))).toBeCloseTo(1, 12);
  });
});
