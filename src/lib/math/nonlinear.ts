/**
 * Nonlinear programming in the plane (4.3.2, erratum E9): minimize f(x) subject to
 * hᵢ(x) = 0 and gⱼ(x) ≤ 0, by the augmented Lagrangian method. Sign convention:
 *   L(x, λ, μ) = f(x) + Σ λᵢ hᵢ(x) + Σ μⱼ gⱼ(x),  KKT: ∇L = 0, h = 0, g ≤ 0, μ ≥ 0, μⱼgⱼ = 0.
 * Outer steps update λ ← λ + ρh, μ ← max(0, μ + ρg) and raise ρ when the violation does
 * not shrink; each inner minimization is Newton's method on the augmented Lagrangian
 * with the Hessian shifted to be positive definite and Armijo backtracking, so the
 * merit value never rises within an outer step.
 */
export type V2 = [number, number];
export type M2 = [V2, V2];
type In2 = readonly [number, number];

export type ObjectiveSpec =
  | { readonly preset: 'quadratic'; readonly weights: In2; readonly center: In2; readonly cross?: number }
  | { readonly preset: 'rosenbrock'; readonly a?: number; readonly b?: number }
  | { readonly preset: 'himmelblau' }
  | { readonly preset: 'saddle' };

/** c(x) = a·x − b (a line, or a half-plane when an inequality), or |x − center|² − radius². */
export type ShapeSpec =
  | { readonly shape: 'linear'; readonly a: In2; readonly b: number }
  | { readonly shape: 'circle'; readonly center: In2; readonly radius: number };

export interface ConstraintSpec {
  readonly kind: 'eq' | 'ineq';
  readonly shape: ShapeSpec;
}

export interface NlpProblem {
  readonly objective: ObjectiveSpec;
  readonly constraints: readonly ConstraintSpec[];
  readonly start: In2;
}

export interface NlpOptions {
  /** KKT tolerance, also the stopping test (default 1e-6). */
  readonly tolerance?: number;
  readonly maxOuter?: number;
  readonly maxInner?: number;
  /** Initial penalty ρ (default 10). */
  readonly penalty?: number;
}

export interface Evaluation {
  value: number;
  gradient: V2;
  hessian: M2;
}

export function evaluateObjective(spec: ObjectiveSpec, [x, y]: In2): Evaluation {
  switch (spec.preset) {
    case 'quadratic': {
      const [w1, w2] = spec.weights;
      const k = spec.cross ?? 0;
      const dx = x - spec.center[0];
      const dy = y - spec.center[1];
      return {
        value: w1 * dx * dx + w2 * dy * dy + k * dx * dy,
        gradient: [2 * w1 * dx + k * dy, 2 * w2 * dy + k * dx],
        hessian: [
          [2 * w1, k],
          [k, 2 * w2],
        ],
      };
    }
    case 'rosenbrock': {
      const a = spec.a ?? 1;
      const b = spec.b ?? 100;
      const r = y - x * x;
      return {
        value: (a - x) ** 2 + b * r * r,
        gradient: [-2 * (a - x) - 4 * b * x * r, 2 * b * r],
        hessian: [
          [2 - 4 * b * r + 8 * b * x * x, -4 * b * x],
          [-4 * b * x, 2 * b],
        ],
      };
    }
    case 'himmelblau': {
      const u = x * x + y - 11;
      const v = x + y * y - 7;
      return {
        value: u * u + v * v,
        gradient: [4 * x * u + 2 * v, 2 * u + 4 * y * v],
        hessian: [
          [4 * u + 8 * x * x + 2, 4 * x + 4 * y],
          [4 * x + 4 * y, 4 * v + 8 * y * y + 2],
        ],
      };
    }
    case 'saddle':
      return {
        value: x * x - y * y,
        gradient: [2 * x, -2 * y],
        hessian: [
          [2, 0],
          [0, -2],
        ],
      };
  }
}

export function evaluateConstraint(shape: ShapeSpec, [x, y]: In2): Evaluation {
  if (shape.shape === 'linear') {
    const [a1, a2] = shape.a;
    return {
      value: a1 * x + a2 * y - shape.b,
      gradient: [a1, a2],
      hessian: [
        [0, 0],
        [0, 0],
      ],
    };
  }
  const dx = x - shape.center[0];
  const dy = y - shape.center[1];
  return {
    value: dx * dx + dy * dy - shape.radius ** 2,
    gradient: [2 * dx, 2 * dy],
    hessian: [
      [2, 0],
      [0, 2],
    ],
  };
}

export interface ConstraintCheck {
  readonly index: number;
  readonly kind: 'eq' | 'ineq';
  /** hᵢ(x) or gⱼ(x). */
  readonly value: number;
  readonly multiplier: number;
  /** |h| ≤ tol, or g ≤ tol. */
  readonly primal: boolean;
  /** μ ≥ −tol; null for an equality (λ has no sign). */
  readonly dual: boolean | null;
  /** μ·g and |μ·g| ≤ tol·max(1, |μ|); null for an equality. */
  readonly complementarity: { product: number; pass: boolean } | null;
}

export interface KktReport {
  readonly tolerance: number;
  /**
   * ∇f + Σλ∇h + Σμ∇g; passes when its norm ≤ tol·scale, scale = max(1, ‖∇f‖, |mᵢ|·‖∇cᵢ‖):
   * with large multipliers an absolute test would ask for more digits than exist.
   */
  readonly stationarity: { vector: V2; norm: number; scale: number; pass: boolean };
  readonly constraints: ConstraintCheck[];
  readonly pass: boolean;
}

export function kktReport(problem: NlpProblem, x: In2, multipliers: readonly number[], tolerance = 1e-6): KktReport {
  const grad: V2 = [...evaluateObjective(problem.objective, x).gradient];
  let scale = Math.max(1, Math.hypot(...grad));
  const constraints = problem.constraints.map((c, index): ConstraintCheck => {
    const e = evaluateConstraint(c.shape, x);
    const m = multipliers[index] ?? 0;
    grad[0] += m * e.gradient[0];
    grad[1] += m * e.gradient[1];
    scale = Math.max(scale, Math.abs(m) * Math.hypot(...e.gradient));
    if (c.kind === 'eq') {
      return {
        index,
        kind: 'eq',
        value: e.value,
        multiplier: m,
        primal: Math.abs(e.value) <= tolerance,
        dual: null,
        complementarity: null,
      };
    }
    const product = m * e.value;
    return {
      index,
      kind: 'ineq',
      value: e.value,
      multiplier: m,
      primal: e.value <= tolerance,
      dual: m >= -tolerance,
      complementarity: { product, pass: Math.abs(product) <= tolerance * Math.max(1, Math.abs(m)) },
    };
  });
  const norm = Math.hypot(grad[0], grad[1]);
  const stationarity = { vector: grad, norm, scale, pass: norm <= tolerance * scale };
  const pass =
    stationarity.pass && constraints.every((c) => c.primal && c.dual !== false && c.complementarity?.pass !== false);
  return { tolerance, stationarity, constraints, pass };
}

export interface NlpIterate {
  readonly outer: number;
  readonly inner: number;
  readonly x: V2;
  readonly f: number;
  /** Augmented Lagrangian value for this outer step's λ, μ, ρ. */
  readonly merit: number;
}

export interface NlpOuterStep {
  readonly outer: number;
  readonly x: V2;
  /** Multipliers after the update, aligned with the constraints. */
  readonly multipliers: number[];
  readonly penalty: number;
  readonly violation: number;
  readonly innerIterations: number;
}

/** Curvature of L along the directions the active constraints leave free. */
export type SecondOrder = 'minimum' | 'maximum' | 'saddle' | 'degenerate';

interface NlpRun {
  x: V2;
  f: number;
  multipliers: number[];
  kkt: KktReport;
  secondOrder: SecondOrder;
  path: NlpIterate[];
  outerSteps: NlpOuterStep[];
}

export type NlpInvalidCode = 'not-finite' | 'bad-radius' | 'zero-normal' | 'bad-options';

export type NlpResult =
  | (NlpRun & { status: 'converged' | 'max-iterations' | 'diverged' })
  | { status: 'invalid'; code: NlpInvalidCode; index?: number };

function validate(p: NlpProblem, o: Required<NlpOptions>): { code: NlpInvalidCode; index?: number } | null {
  const o2 = p.objective;
  const params =
    o2.preset === 'quadratic'
      ? [...o2.weights, ...o2.center, o2.cross ?? 0]
      : o2.preset === 'rosenbrock'
        ? [o2.a ?? 1, o2.b ?? 100]
        : [];
  if (![...params, ...p.start].every(Number.isFinite)) return { code: 'not-finite' };
  for (const [index, c] of p.constraints.entries()) {
    const s = c.shape;
    const nums = s.shape === 'linear' ? [...s.a, s.b] : [...s.center, s.radius];
    if (!nums.every(Number.isFinite)) return { code: 'not-finite', index };
    if (s.shape === 'circle' && !(s.radius > 0)) return { code: 'bad-radius', index };
    if (s.shape === 'linear' && s.a[0] === 0 && s.a[1] === 0) return { code: 'zero-normal', index };
  }
  const positive = [o.tolerance, o.penalty, o.maxOuter, o.maxInner].every((v) => Number.isFinite(v) && v > 0);
  return positive ? null : { code: 'bad-options' };
}

function meritAt(p: NlpProblem, x: In2, mult: readonly number[], rho: number): Evaluation {
  const e = evaluateObjective(p.objective, x);
  const g: V2 = [...e.gradient];
  const h: M2 = [[...e.hessian[0]], [...e.hessian[1]]];
  let value = e.value;
  p.constraints.forEach((c, i) => {
    const ce = evaluateConstraint(c.shape, x);
    const m = mult[i] ?? 0;
    const shifted = c.kind === 'eq' ? m + rho * ce.value : Math.max(0, m + rho * ce.value);
    value += c.kind === 'eq' ? m * ce.value + (rho / 2) * ce.value ** 2 : (shifted * shifted - m * m) / (2 * rho);
    if (shifted === 0 && c.kind === 'ineq') return;
    const [c0, c1] = ce.gradient;
    const [[q00, q01], [q10, q11]] = ce.hessian;
    g[0] += shifted * c0;
    g[1] += shifted * c1;
    h[0][0] += shifted * q00 + rho * c0 * c0;
    h[0][1] += shifted * q01 + rho * c0 * c1;
    h[1][0] += shifted * q10 + rho * c1 * c0;
    h[1][1] += shifted * q11 + rho * c1 * c1;
  });
  return { value, gradient: g, hessian: h };
}

function eigen2(h: M2): [number, number] {
  const mean = (h[0][0] + h[1][1]) / 2;
  const rad = Math.hypot((h[0][0] - h[1][1]) / 2, h[0][1]);
  return [mean - rad, mean + rad];
}

/**
 * Newton direction with every eigenvalue of H replaced by max(|λ|, δ): a descent
 * direction that still follows negative curvature at a saddle, at the Newton scale.
 */
function newtonDirection(e: Evaluation): V2 {
  const [g0, g1] = e.gradient;
  const [[a, b], [, d]] = e.hessian;
  const delta = 1e-8 * Math.max(1, Math.abs(a), Math.abs(b), Math.abs(d));
  const eig = eigen2(e.hessian);
  const dir: V2 = [0, 0];
  const vectors: V2[] =
    Math.abs(b) <= 1e-300
      ? a <= d
        ? [
            [1, 0],
            [0, 1],
          ]
        : [
            [0, 1],
            [1, 0],
          ]
      : eig.map(eigenvectorOf(a, b, d));
  vectors.forEach((v, i) => {
    const scaleBy = -(v[0] * g0 + v[1] * g1) / Math.max(Math.abs(eig[i] as number), delta);
    dir[0] += scaleBy * v[0];
    dir[1] += scaleBy * v[1];
  });
  const slope = dir[0] * g0 + dir[1] * g1;
  return Number.isFinite(slope) && slope < 0 ? dir : [-g0, -g1];
}

const eigenvectorOf =
  (a: number, b: number, d: number) =>
  (lambda: number): V2 => {
    const u: V2 = [b, lambda - a];
    const w: V2 = [lambda - d, b];
    const v = Math.hypot(...u) >= Math.hypot(...w) ? u : w;
    const len = Math.hypot(...v);
    return [v[0] / len, v[1] / len];
  };

function classify(p: NlpProblem, x: In2, mult: readonly number[], tol: number): SecondOrder {
  const hl = meritAt(p, x, mult, 0).hessian;
  const normals = p.constraints
    .filter((c, i) => c.kind === 'eq' || (mult[i] ?? 0) > tol)
    .map((c) => evaluateConstraint(c.shape, x).gradient);
  const independent = normals.some((n) => normals.some((q) => Math.abs(n[0] * q[1] - n[1] * q[0]) > tol));
  if (independent) return 'minimum';
  const sign = (v: number): SecondOrder => (v > tol ? 'minimum' : v < -tol ? 'maximum' : 'degenerate');
  const n = normals[0];
  if (n) {
    const len = Math.hypot(n[0], n[1]) || 1;
    const t: V2 = [-n[1] / len, n[0] / len];
    return sign(t[0] * (hl[0][0] * t[0] + hl[0][1] * t[1]) + t[1] * (hl[1][0] * t[0] + hl[1][1] * t[1]));
  }
  const [lo, hi] = eigen2(hl);
  return lo > tol ? 'minimum' : hi < -tol ? 'maximum' : lo < -tol && hi > tol ? 'saddle' : 'degenerate';
}

const DIVERGED = 1e8;

export function solveNlp(problem: NlpProblem, options: NlpOptions = {}): NlpResult {
  const o: Required<NlpOptions> = { tolerance: 1e-6, maxOuter: 60, maxInner: 200, penalty: 10, ...options };
  const invalid = validate(problem, o);
  if (invalid) return { status: 'invalid', ...invalid };
  const tol = o.tolerance;
  let x: V2 = [problem.start[0], problem.start[1]];
  let mult = problem.constraints.map(() => 0);
  let rho = o.penalty;
  let previousViolation = Infinity;
  const path: NlpIterate[] = [];
  const outerSteps: NlpOuterStep[] = [];
  const finish = (status: 'converged' | 'max-iterations' | 'diverged'): NlpResult => ({
    status,
    x,
    f: evaluateObjective(problem.objective, x).value,
    multipliers: mult,
    kkt: kktReport(problem, x, mult, tol),
    secondOrder: classify(problem, x, mult, Math.sqrt(tol)),
    path,
    outerSteps,
  });

  for (let outer = 0; outer < o.maxOuter; outer++) {
    let e = meritAt(problem, x, mult, rho);
    path.push({ outer, inner: 0, x, f: evaluateObjective(problem.objective, x).value, merit: e.value });
    let inner = 0;
    const innerTol = (tol / 10) * Math.max(1, Math.hypot(...evaluateObjective(problem.objective, x).gradient));
    while (inner < o.maxInner && Math.hypot(...e.gradient) > innerTol) {
      const d = newtonDirection(e);
      const slope = d[0] * e.gradient[0] + d[1] * e.gradient[1];
      let step = 1;
      let next: { x: V2; e: Evaluation } | null = null;
      for (let k = 0; k < 60 && next === null; k++, step /= 2) {
        const trial: V2 = [x[0] + step * d[0], x[1] + step * d[1]];
        const te = meritAt(problem, trial, mult, rho);
        // Strictly lower too: at round-off level the Armijo bound can equal the current value.
        const lower = te.value < e.value && te.value <= e.value + 1e-4 * step * slope;
        if (Number.isFinite(te.value) && lower) next = { x: trial, e: te };
      }
      if (next === null) break; // Stalled at round-off level; the outer test decides.
      if (!next.x.every((v) => Math.abs(v) < DIVERGED) || next.e.value < -(DIVERGED ** 2)) return finish('diverged');
      x = next.x;
      e = next.e;
      inner += 1;
      path.push({ outer, inner, x, f: evaluateObjective(problem.objective, x).value, merit: e.value });
    }
    const values = problem.constraints.map((c) => evaluateConstraint(c.shape, x).value);
    mult = problem.constraints.map((c, i) => {
      const m = (mult[i] ?? 0) + rho * (values[i] ?? 0);
      return c.kind === 'eq' ? m : Math.max(0, m);
    });
    const violation = values.reduce(
      (v, c, i) => Math.max(v, problem.constraints[i]?.kind === 'eq' ? Math.abs(c) : c),
      0,
    );
    outerSteps.push({ outer, x, multipliers: mult, penalty: rho, violation, innerIterations: inner });
    if (kktReport(problem, x, mult, tol).pass) return finish('converged');
    if (violation > tol && violation > 0.25 * previousViolation) rho = Math.min(rho * 10, 1e8);
    previousViolation = violation;
  }
  return finish('max-iterations');
}
