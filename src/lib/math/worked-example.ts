/**
 * The 4.4 worked example (erratum E10), slightly generalized for the reader:
 *   min f(x) = w₁x₁² + w₂x₂²  s.t.  a₁x₁ + a₂x₂ = b,  x ≥ 0   (w₁, w₂ > 0)
 * a convex quadratic program, not an LP. The textbook case w = a = (1, 1), b = 1 has
 * x = (0.5, 0.5), f = 0.5 (not 1) and λ = 1.
 *
 * Convention here: ∇f = λ∇h + ν with ν ≥ 0 the multipliers of x ≥ 0 and νᵢxᵢ = 0.
 * Without active bounds 2wᵢxᵢ = λaᵢ, so xᵢ = λaᵢ/(2wᵢ) and λ = 2b / Σ aᵢ²/wᵢ. If that
 * point has a negative coordinate, that bound is active: xᵢ = 0 and xⱼ = b/aⱼ.
 */
import type { NlpProblem } from './nonlinear';

type Pair = readonly [number, number];

export interface WorkedExample {
  readonly weights: Pair;
  readonly a: Pair;
  readonly b: number;
}

export const TEXTBOOK_EXAMPLE: WorkedExample = { weights: [1, 1], a: [1, 1], b: 1 };

export type LagrangeEquation =
  /** 2·wᵢ·xᵢ = λ·aᵢ + νᵢ */
  | {
      kind: 'stationarity';
      variable: 0 | 1;
      weight: number;
      x: number;
      lambda: number;
      a: number;
      nu: number;
      lhs: number;
      rhs: number;
    }
  /** a₁x₁ + a₂x₂ = b */
  | { kind: 'constraint'; a: [number, number]; x: [number, number]; b: number; lhs: number; rhs: number }
  /** νᵢ·xᵢ = 0 */
  | { kind: 'complementarity'; variable: 0 | 1; nu: number; x: number; lhs: number; rhs: 0 };

export interface LineProfile {
  /** The coordinate that parametrizes the line: x₁ unless a₂ = 0 (then the line is x₁ = b/a₁). */
  parameter: 0 | 1;
  /** f along the line as q·t² + l·t + c. */
  quadratic: number;
  linear: number;
  constant: number;
  /** Values of t where both coordinates are ≥ 0; max null when unbounded; null when empty. */
  feasible: { min: number; max: number | null } | null;
}

export type WorkedInvalidCode = 'not-finite' | 'weight-not-positive' | 'zero-constraint' | 'out-of-range';

/** Nonzero inputs must have magnitudes in [1e-6, 1e6], so nothing downstream overflows. */
export const INPUT_RANGE = { min: 1e-6, max: 1e6 } as const;

export type WorkedResult =
  | {
      ok: true;
      x: [number, number];
      f: number;
      lambda: number;
      /** Multipliers of x₁ ≥ 0 and x₂ ≥ 0. */
      nu: [number, number];
      activeBounds: [boolean, boolean];
      equations: LagrangeEquation[];
      line: LineProfile;
    }
  | { ok: false; code: WorkedInvalidCode | 'infeasible'; line?: LineProfile };

export function validateExample(p: WorkedExample): WorkedInvalidCode | null {
  if (![...p.weights, ...p.a, p.b].every(Number.isFinite)) return 'not-finite';
  if (!(p.weights[0] > 0 && p.weights[1] > 0)) return 'weight-not-positive';
  if (p.a[0] === 0 && p.a[1] === 0) return 'zero-constraint';
  const inRange = (v: number): boolean => v === 0 || (Math.abs(v) >= INPUT_RANGE.min && Math.abs(v) <= INPUT_RANGE.max);
  return [...p.weights, ...p.a, p.b].every(inRange) ? null : 'out-of-range';
}

/** f restricted to the constraint line, and the parameter interval where x ≥ 0. */
export function lineProfile(p: WorkedExample): LineProfile {
  const parameter: 0 | 1 = p.a[1] !== 0 ? 0 : 1;
  const other = 1 - parameter;
  const at = p.a[parameter];
  const ao = p.a[other] as number;
  const wt = p.weights[parameter];
  const wo = p.weights[other] as number;
  // The other coordinate is (b − a_t·t)/a_o = s − r·t.
  const s = p.b / ao;
  const r = at / ao;
  const quadratic = wt + wo * r * r;
  const linear = -2 * wo * r * s;
  const constant = wo * s * s;
  // Need t ≥ 0 and s − r·t ≥ 0.
  let min = 0;
  let max: number | null = null;
  if (r > 0) max = s / r;
  else if (r < 0) min = Math.max(0, s / r);
  else if (s < 0) return { parameter, quadratic, linear, constant, feasible: null };
  const feasible = max !== null && max < min ? null : { min, max };
  return { parameter, quadratic, linear, constant, feasible };
}

/** The point of the constraint line at parameter t, and f there. */
export function pointOnLine(p: WorkedExample, t: number): { x: [number, number]; f: number; feasible: boolean } {
  const profile = lineProfile(p);
  const k = profile.parameter;
  const o = 1 - k;
  const other = (p.b - p.a[k] * t) / (p.a[o] as number);
  const x: [number, number] = k === 0 ? [t, other] : [other, t];
  const f = p.weights[0] * x[0] ** 2 + p.weights[1] * x[1] ** 2;
  return { x, f, feasible: x[0] >= 0 && x[1] >= 0 };
}

export function solveWorkedExample(p: WorkedExample): WorkedResult {
  const invalid = validateExample(p);
  if (invalid) return { ok: false, code: invalid };
  const [w1, w2] = p.weights;
  const [a1, a2] = p.a;
  const line = lineProfile(p);
  const sum = (a1 * a1) / w1 + (a2 * a2) / w2;
  let x: [number, number] = [(p.b * a1) / w1 / sum, (p.b * a2) / w2 / sum];
  let lambda = (2 * p.b) / sum;
  if (x[0] < 0 || x[1] < 0) {
    // Exactly one coordinate is negative unless the region is empty (then both are).
    const i = x[0] < 0 ? 0 : 1;
    const j = 1 - i;
    const aj = p.a[j] as number;
    if ((x[j] as number) < 0 || aj === 0) return { ok: false, code: 'infeasible', line };
    x = i === 0 ? [0, p.b / aj] : [p.b / aj, 0];
    lambda = (2 * (p.weights[j] as number) * (x[j] as number)) / aj;
  }
  x = [x[0] + 0, x[1] + 0]; // no −0 for the reader
  // νᵢ = 2wᵢxᵢ − λaᵢ; where the bound is inactive it is 0 up to round-off, and shown as 0.
  const multiplier = (i: 0 | 1): number => {
    const g = 2 * p.weights[i] * x[i];
    const v = g - lambda * p.a[i];
    return Math.abs(v) <= 1e-12 * Math.max(1, Math.abs(g)) ? 0 : v;
  };
  const nu: [number, number] = [multiplier(0), multiplier(1)];
  const equations: LagrangeEquation[] = [
    ...([0, 1] as const).map((i): LagrangeEquation => ({
      kind: 'stationarity',
      variable: i,
      weight: p.weights[i],
      x: x[i],
      lambda,
      a: p.a[i],
      nu: nu[i],
      lhs: 2 * p.weights[i] * x[i],
      rhs: lambda * p.a[i] + nu[i],
    })),
    { kind: 'constraint', a: [a1, a2], x: [...x], b: p.b, lhs: a1 * x[0] + a2 * x[1], rhs: p.b },
    ...([0, 1] as const).map((i): LagrangeEquation => ({
      kind: 'complementarity',
      variable: i,
      nu: nu[i],
      x: x[i],
      lhs: nu[i] * x[i],
      rhs: 0,
    })),
  ];
  return {
    ok: true,
    x,
    f: w1 * x[0] ** 2 + w2 * x[1] ** 2,
    lambda,
    nu,
    activeBounds: [x[0] === 0, x[1] === 0],
    equations,
    line,
  };
}

/**
 * The same problem for the general solver in nonlinear.ts (its convention is
 * ∇f + λ∇h + Σμ∇g = 0 with g = −xᵢ ≤ 0, so its λ is −λ here and its μ is ν).
 */
export function toNlpProblem(p: WorkedExample, start: Pair = [0, 0]): NlpProblem {
  return {
    objective: { preset: 'quadratic', weights: p.weights, center: [0, 0] },
    constraints: [
      { kind: 'eq', shape: { shape: 'linear', a: p.a, b: p.b } },
      { kind: 'ineq', shape: { shape: 'linear', a: [-1, 0], b: 0 } },
      { kind: 'ineq', shape: { shape: 'linear', a: [0, -1], b: 0 } },
    ],
    start,
  };
}
