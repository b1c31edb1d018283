import { createRng } from '../random/prng';
import type { Box } from './toy-data';

/**
 * Two-parameter loss surfaces for the optimizer race (chapter 3.2). Each is the MEAN of
 * `terms` pieces f(w) = (1/N)·Σᵢ fᵢ(w), so a stochastic gradient is the exact mean
 * gradient of a subset of real terms, never added noise. The analytic surfaces have one
 * term (N = 1): on them full-batch, single-sample and mini-batch gradients coincide. The
 * regression surface has N data points, and there the three genuinely differ.
 */

export type SurfaceId = 'bowl' | 'rosenbrock' | 'saddle' | 'regression';

export const SURFACE_IDS: readonly SurfaceId[] = ['bowl', 'rosenbrock', 'saddle', 'regression'];

export type Point = [number, number];

export interface Surface {
  id: SurfaceId;
  /** The default view box (axes: the two parameters). */
  view: Box;
  /** Leaving this box counts as divergence in the race: the view widened threefold about its centre. */
  bounds: Box;
  start: Point;
  /** The global minimum where there is one; null for the saddle (unbounded below). */
  minimum: { point: Point; value: number } | null;
  /** N: the objective is the mean of N terms. */
  terms: number;
  value(x: number, y: number): number;
  /** The full gradient: the mean over all N terms. */
  gradient(x: number, y: number): Point;
  /** The mean gradient of the listed terms (indices in 0 … N − 1). */
  termsGradient(x: number, y: number, indices: readonly number[]): Point;
  /** λ_max of the Hessian where it is constant (quadratic surfaces); null elsewhere. */
  maxCurvature: number | null;
  /** The regression surface's data points (feature, target); empty for the analytic ones. */
  samples: readonly Point[];
}

export interface SurfaceOptions {
  /** Bowl: condition number κ = λ_max/λ_min ≥ 1 (default 10). */
  condition?: number;
  /** Bowl: angle in radians of its steep axis against the y axis (default π/6). */
  angle?: number;
  /** Regression: seed of the data points (default 1). */
  seed?: number;
  /** Regression: number of data points N ≥ 2 (default 64). */
  count?: number;
}

/** The bowl's steepest curvature: plain gradient descent is stable for η < 2/λ_max = 0.5. */
export const BOWL_MAX_CURVATURE = 4;

function widen(view: Box, factor: number): Box {
  const cx = (view.xMin + view.xMax) / 2;
  const cy = (view.yMin + view.yMax) / 2;
  const hx = ((view.xMax - view.xMin) / 2) * factor;
  const hy = ((view.yMax - view.yMin) / 2) * factor;
  return { xMin: cx - hx, xMax: cx + hx, yMin: cy - hy, yMax: cy + hy };
}

/** Largest eigenvalue of the symmetric 2×2 matrix [[a, b], [b, c]]. */
function maxEigen(a: number, b: number, c: number): number {
  return (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
}

type Analytic = Omit<Surface, 'bounds' | 'terms' | 'termsGradient' | 'samples'>;

function single(surface: Analytic): Surface {
  return {
    ...surface,
    bounds: widen(surface.view, 3),
    terms: 1,
    termsGradient: (x, y, indices) => {
      if (indices.length === 0 || indices.some((i) => i !== 0)) throw new RangeError('this surface has a single term, index 0');
      return surface.gradient(x, y);
    },
    samples: [],
  };
}

/** f = ½(λ_min·u² + λ_max·v²), (u, v) the point rotated by −angle; λ_max = 4, λ_min = 4/κ. */
function bowl(condition: number, angle: number): Surface {
  if (!(condition >= 1) || !Number.isFinite(condition)) throw new RangeError(`condition number must be ≥ 1, got ${condition}`);
  const lo = BOWL_MAX_CURVATURE / condition;
  const hi = BOWL_MAX_CURVATURE;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  // Hessian R·diag(lo, hi)·Rᵀ, written out.
  const hxx = lo * c * c + hi * s * s;
  const hxy = (lo - hi) * c * s;
  const hyy = lo * s * s + hi * c * c;
  return single({
    id: 'bowl',
    view: { xMin: -3, xMax: 3, yMin: -2, yMax: 2 },
    start: [-2.6, 1.2],
    minimum: { point: [0, 0], value: 0 },
    value: (x, y) => 0.5 * (hxx * x * x + 2 * hxy * x * y + hyy * y * y),
    gradient: (x, y) => [hxx * x + hxy * y, hxy * x + hyy * y],
    maxCurvature: hi,
  });
}

/** Rosenbrock's banana valley: f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1). */
const rosenbrock = (): Surface =>
  single({
    id: 'rosenbrock',
    view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
    start: [-1.2, 1],
    minimum: { point: [1, 1], value: 0 },
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    maxCurvature: null,
  });

/** f = x² − y²: a saddle at the origin, unbounded below along y. */
const saddle = (): Surface =>
  single({
    id: 'saddle',
    view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    start: [-1.8, 0.01],
    minimum: null,
    value: (x, y) => x * x - y * y,
    gradient: (x, y) => [2 * x, -2 * y],
    maxCurvature: null,
  });

/**
 * Least squares for a line t ≈ w₁·s + w₂ through N seeded points (s, t):
 * f(w) = (1/N)·Σᵢ ½(w₁sᵢ + w₂ − tᵢ)². The features sᵢ ~ N(1, 0.5²) are off-centre, which
 * makes the valley long and tilted; tᵢ = 2sᵢ − 1 + N(0, 0.3²).
 */
function regression(seed: number, count: number): Surface {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`count must be an integer ≥ 2, got ${count}`);
  const rng = createRng(seed);
  const samples: Point[] = Array.from({ length: count }, () => {
    const s = 1 + 0.5 * rng.normal();
    return [s, 2 * s - 1 + 0.3 * rng.normal()];
  });
  const mean = (f: (p: Point) => number) => samples.reduce((sum, p) => sum + f(p), 0) / count;
  const ss = mean(([s]) => s * s);
  const sm = mean(([s]) => s);
  const st = mean(([s, t]) => s * t);
  const tm = mean(([, t]) => t);
  // The normal equations [[ss, sm], [sm, 1]]·w = [st, tm].
  const det = ss - sm * sm;
  const w1 = (st - sm * tm) / det;
  const w2 = (ss * tm - sm * st) / det;
  const residualGradient = (x: number, y: number, indices: readonly number[]): Point => {
    if (indices.length === 0) throw new RangeError('a batch needs at least one term');
    let gx = 0;
    let gy = 0;
    for (const i of indices) {
      const point = samples[i];
      if (!point) throw new RangeError(`term ${i} out of range 0…${count - 1}`);
      const r = x * point[0] + y - point[1];
      gx += r * point[0];
      gy += r;
    }
    return [gx / indices.length, gy / indices.length];
  };
  const all = samples.map((_, i) => i);
  const value = (x: number, y: number) => mean(([s, t]) => 0.5 * (x * s + y - t) ** 2);
  const view: Box = { xMin: -1, xMax: 4, yMin: -3.5, yMax: 2 };
  return {
    id: 'regression',
    view,
    bounds: widen(view, 3),
    start: [-0.5, 1.5],
    minimum: { point: [w1, w2], value: value(w1, w2) },
    terms: count,
    value,
    gradient: (x, y) => residualGradient(x, y, all),
    termsGradient: residualGradient,
    maxCurvature: maxEigen(ss, sm, 1),
    samples,
  };
}

export function makeSurface(id: SurfaceId, options: SurfaceOptions = {}): Surface {
  switch (id) {
    case 'bowl':
      return bowl(options.condition ?? 10, options.angle ?? Math.PI / 6);
    case 'rosenbrock':
      return rosenbrock();
    case 'saddle':
      return saddle();
    case 'regression':
      return regression(options.seed ?? 1, options.count ?? 64);
  }
}

/** Surface values on an m × m grid over `box` for d3-contour: index j·m + i ↔ (x_i, y_j), as in probabilityGrid. */
export function surfaceGrid(surface: Surface, box: Box, m: number): Float64Array {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`grid size must be an integer ≥ 2, got ${m}`);
  const grid = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    const y = box.yMin + (j * (box.yMax - box.yMin)) / (m - 1);
    for (let i = 0; i < m; i++) grid[j * m + i] = surface.value(box.xMin + (i * (box.xMax - box.xMin)) / (m - 1), y);
  }
  return grid;
}
