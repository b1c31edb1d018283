import { describe, expect, it } from 'vitest';
import { Matrix, EigenvalueDecomposition, solve } from 'ml-matrix';
import { BOWL_MAX_CURVATURE, makeSurface, SURFACE_IDS, surfaceGrid } from '../../src/lib/ml/surfaces';
import { createRng } from '../../src/lib/random/prng';

describe('test surfaces', () => {
  it('have gradients equal to central finite differences of their values', () => {
    const rng = createRng(3);
    for (const id of SURFACE_IDS) {
      const surface = makeSurface(id, { condition: 25 });
      for (let trial = 0; trial < 20; trial++) {
        const { xMin, xMax, yMin, yMax } = surface.view;
        const x = xMin + (xMax - xMin) * rng.next();
        const y = yMin + (yMax - yMin) * rng.next();
        const h = 1e-6;
        const [gx, gy] = surface.gradient(x, y);
        const fx = (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h);
        const fy = (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h);
        const scale = Math.max(1, Math.abs(gx), Math.abs(gy));
        expect(Math.abs(gx - fx) / scale).toBeLessThan(1e-6);
        expect(Math.abs(gy - fy) / scale).toBeLessThan(1e-6);
      }
    }
  });

  it('have a zero gradient at their minimum, and start inside their view', () => {
    for (const id of SURFACE_IDS) {
      const surface = makeSurface(id);
      const [sx, sy] = surface.start;
      expect(sx).toBeGreaterThan(surface.view.xMin);
      expect(sx).toBeLessThan(surface.view.xMax);
      expect(sy).toBeGreaterThan(surface.view.yMin);
      expect(sy).toBeLessThan(surface.view.yMax);
      if (!surface.minimum) continue;
      const [gx, gy] = surface.gradient(...surface.minimum.point);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-12);
      expect(surface.value(...surface.minimum.point)).toBeCloseTo(surface.minimum.value, 12);
      expect(surface.value(sx, sy)).toBeGreaterThan(surface.minimum.value);
    }
  });

  it('bowl: its Hessian has eigenvalues λ_max = 4 and 4/κ (checked with ml-matrix)', () => {
    const surface = makeSurface('bowl', { condition: 40, angle: 0.7 });
    // A quadratic's Hessian from its gradient: columns ∇f(e₁), ∇f(e₂).
    const hessian = new Matrix([surface.gradient(1, 0), surface.gradient(0, 1)]).transpose();
    const eigen = new EigenvalueDecomposition(hessian).realEigenvalues.sort((a, b) => a - b);
    expect(eigen[0]).toBeCloseTo(BOWL_MAX_CURVATURE / 40, 12);
    expect(eigen[1]).toBeCloseTo(BOWL_MAX_CURVATURE, 12);
    expect(surface.maxCurvature).toBe(BOWL_MAX_CURVATURE);
  });

  it('regression: the minimum solves the least-squares problem (ml-matrix) and the full gradient is the mean of the term gradients', () => {
    const surface = makeSurface('regression', { seed: 5, count: 40 });
    expect(surface.terms).toBe(40);
    expect(surface.samples).toHaveLength(40);
    const A = new Matrix(surface.samples.map(([s]) => [s, 1]));
    const t = Matrix.columnVector(surface.samples.map(([, v]) => v));
    const w = solve(A.transpose().mmul(A), A.transpose().mmul(t));
    expect(surface.minimum?.point[0]).toBeCloseTo(w.get(0, 0), 10);
    expect(surface.minimum?.point[1]).toBeCloseTo(w.get(1, 0), 10);
    const hessian = A.transpose().mmul(A).div(40);
    const eigen = new EigenvalueDecomposition(hessian).realEigenvalues;
    expect(surface.maxCurvature).toBeCloseTo(Math.max(...eigen), 10);

    const [x, y] = [0.3, -0.7];
    const terms = surface.samples.map((_, i) => surface.termsGradient(x, y, [i]));
    const mean = terms.reduce(([a, b], [c, d]) => [a + c / 40, b + d / 40], [0, 0]);
    const [gx, gy] = surface.gradient(x, y);
    expect(gx).toBeCloseTo(mean[0], 12);
    expect(gy).toBeCloseTo(mean[1], 12);
    // One term's gradient is the real residual times (s, 1), not the mean plus noise.
    const [s, v] = surface.samples[3] ?? [0, 0];
    expect(terms[3]).toEqual([(x * s + y - v) * s, x * s + y - v]);
    expect(terms[3]).not.toEqual(terms[4]);
  });

  it('single-term surfaces accept only term 0; the regression rejects unknown terms', () => {
    expect(() => makeSurface('rosenbrock').termsGradient(0, 0, [1])).toThrow(RangeError);
    expect(() => makeSurface('regression', { count: 5 }).termsGradient(0, 0, [5])).toThrow(RangeError);
    expect(() => makeSurface('bowl', { condition: 0.5 })).toThrow(RangeError);
  });

  it('are deterministic per seed and grid row by row', () => {
    const a = makeSurface('regression', { seed: 2 });
    expect(makeSurface('regression', { seed: 2 }).samples).toEqual(a.samples);
    expect(makeSurface('regression', { seed: 3 }).samples).not.toEqual(a.samples);
    const grid = surfaceGrid(a, a.view, 4);
    expect(grid[2 * 4 + 1]).toBe(a.value(a.view.xMin + (a.view.xMax - a.view.xMin) / 3, a.view.yMin + (2 * (a.view.yMax - a.view.yMin)) / 3));
  });
});
