/**
 * Discrete-time linear-quadratic regulator (4.3.3, erratum E21): the decision variable
 * is the control sequence u₀…u_{N−1}; the state follows from x_{k+1} = A x_k + B u_k, and
 * what is minimized is the whole cost
 *   J = Σ_{k<N} (x_kᵀQx_k + u_kᵀRu_k) + x_NᵀQ_f x_N.
 * The Riccati recursion runs backwards from P_N = Q_f:
 *   K_k = (R + BᵀP_{k+1}B)⁻¹ BᵀP_{k+1}A,  P_k = Q + K_kᵀRK_k + (A − BK_k)ᵀP_{k+1}(A − BK_k),
 * the optimal controls are u_k = −K_k x_k and the optimal cost is x₀ᵀP₀x₀.
 */
import {
  add,
  cols,
  isFiniteMatrix,
  isSymmetric,
  type Matrix,
  matVec,
  maxAbs,
  multiply,
  quadraticForm,
  type ReadonlyMatrix,
  rows,
  solve,
  spectralRadius,
  subtract,
  symmetricEigenvalues,
  symmetrize,
  transpose,
} from './small-matrix';

export interface LqrSystem {
  readonly A: ReadonlyMatrix;
  readonly B: ReadonlyMatrix;
  readonly Q: ReadonlyMatrix;
  readonly R: ReadonlyMatrix;
}

export interface LqrProblem extends LqrSystem {
  readonly Qf: ReadonlyMatrix;
  readonly horizon: number;
  readonly x0: readonly number[];
}

export type LqrInvalidCode =
  'shape' | 'too-large' | 'not-finite' | 'not-symmetric' | 'not-psd' | 'not-pd' | 'bad-horizon';
export type LqrMatrixName = 'A' | 'B' | 'Q' | 'R' | 'Qf' | 'x0';
export interface LqrInvalid {
  ok: false;
  code: LqrInvalidCode;
  matrix?: LqrMatrixName;
}

export const MAX_STATES = 4;
export const MAX_HORIZON = 1000;

const isRect = (m: ReadonlyMatrix, r: number, c: number): boolean =>
  m.length === r && m.every((row) => row.length === c);

function checkWeight(m: ReadonlyMatrix, name: 'Q' | 'Qf' | 'R'): LqrInvalid | null {
  if (!isSymmetric(m, 1e-12)) return { ok: false, code: 'not-symmetric', matrix: name };
  const lowest = symmetricEigenvalues(m)[0] ?? 0;
  const slack = 1e-12 * Math.max(1, maxAbs(m));
  if (name === 'R' ? lowest <= slack : lowest < -slack)
    return { ok: false, code: name === 'R' ? 'not-pd' : 'not-psd', matrix: name };
  return null;
}

/** Sizes (n, m ≤ 4), finite entries, Q and Q_f symmetric PSD, R symmetric positive definite. */
export function validateSystem(s: LqrSystem & { Qf?: ReadonlyMatrix; x0?: readonly number[] }): LqrInvalid | null {
  const n = rows(s.A);
  const m = cols(s.B);
  if (n === 0 || m === 0) return { ok: false, code: 'shape', matrix: n === 0 ? 'A' : 'B' };
  if (n > MAX_STATES || m > MAX_STATES) return { ok: false, code: 'too-large', matrix: n > MAX_STATES ? 'A' : 'B' };
  const shapes: [LqrMatrixName, ReadonlyMatrix | undefined, number, number][] = [
    ['A', s.A, n, n],
    ['B', s.B, n, m],
    ['Q', s.Q, n, n],
    ['R', s.R, m, m],
    ['Qf', s.Qf, n, n],
    ['x0', s.x0 && [s.x0], 1, n],
  ];
  for (const [name, mat, r, c] of shapes) {
    if (!mat) continue;
    if (!isRect(mat, r, c)) return { ok: false, code: 'shape', matrix: name };
    if (!isFiniteMatrix(mat)) return { ok: false, code: 'not-finite', matrix: name };
  }
  return checkWeight(s.Q, 'Q') ?? (s.Qf ? checkWeight(s.Qf, 'Qf') : null) ?? checkWeight(s.R, 'R');
}

export function validateLqr(p: LqrProblem): LqrInvalid | null {
  const h = p.horizon;
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON) return { ok: false, code: 'bad-horizon' };
  return validateSystem(p);
}

/** One backward Riccati step with its intermediate products, for showing the step with numbers. */
export interface RiccatiDetail {
  /** R + BᵀP_{k+1}B. */
  gram: Matrix;
  /** BᵀP_{k+1}A. */
  cross: Matrix;
  K: Matrix;
  /** A − BK_k. */
  closed: Matrix;
  P: Matrix;
}

export function riccatiStepDetail(s: LqrSystem, next: ReadonlyMatrix): RiccatiDetail {
  const btp = multiply(transpose(s.B), next);
  const gram = add(s.R, multiply(btp, s.B));
  const cross = multiply(btp, s.A);
  // R is positive definite, so R + BᵀPB is too and the solve cannot fail.
  const K = solve(gram, cross) as Matrix;
  const closed = subtract(s.A, multiply(s.B, K));
  const P = symmetrize(
    add(add(s.Q, multiply(transpose(K), multiply(s.R, K))), multiply(transpose(closed), multiply(next, closed))),
  );
  return { gram, cross, K, closed, P };
}

/** One backward Riccati step: (K_k, P_k) from P_{k+1}. */
export function riccatiStep(s: LqrSystem, next: ReadonlyMatrix): { K: Matrix; P: Matrix } {
  const { K, P } = riccatiStepDetail(s, next);
  return { K, P };
}

export interface Trajectory {
  /** x₀…x_N. */
  readonly states: number[][];
  /** u₀…u_{N−1}. */
  readonly controls: number[][];
  /** x_kᵀQx_k + u_kᵀRu_k for k < N. */
  readonly stageCosts: number[];
  readonly terminalCost: number;
  readonly cost: number;
}

export function trajectoryCost(
  p: LqrProblem,
  states: readonly (readonly number[])[],
  controls: readonly (readonly number[])[],
): Trajectory {
  const stageCosts = controls.map((u, k) => quadraticForm(p.Q, states[k] as readonly number[]) + quadraticForm(p.R, u));
  const terminalCost = quadraticForm(p.Qf, states[controls.length] as readonly number[]);
  return {
    states: states.map((x) => [...x]),
    controls: controls.map((u) => [...u]),
    stageCosts,
    terminalCost,
    cost: stageCosts.reduce((s, c) => s + c, terminalCost),
  };
}

/** Runs the dynamics for `horizon` steps under any control law and prices the result. */
export function simulate(p: LqrProblem, law: (x: readonly number[], k: number) => number[]): Trajectory {
  const states: number[][] = [[...p.x0]];
  const controls: number[][] = [];
  for (let k = 0; k < p.horizon; k++) {
    const x = states[k] as number[];
    const u = law(x, k);
    controls.push(u);
    const ax = matVec(p.A, x);
    const bu = matVec(p.B, u);
    states.push(ax.map((v, i) => v + (bu[i] as number)));
  }
  return trajectoryCost(p, states, controls);
}

/** The cost paid up to each step: entry k sums the stage costs before k; the last adds the terminal cost. */
export function cumulativeCost(t: Trajectory): number[] {
  const out = [0];
  for (const c of t.stageCosts) out.push((out.at(-1) as number) + c);
  out[out.length - 1] = (out.at(-1) as number) + t.terminalCost;
  return out;
}

export const feedback =
  (K: ReadonlyMatrix) =>
  (x: readonly number[]): number[] =>
    matVec(K, x).map((v) => -v);

export interface LqrSolution {
  ok: true;
  /** P₀…P_N (P_N = Q_f), computed from N down to 0. */
  P: Matrix[];
  /** K₀…K_{N−1}. */
  K: Matrix[];
  trajectory: Trajectory;
  /** x₀ᵀP₀x₀, the optimal cost the recursion predicts (equals trajectory.cost). */
  predictedCost: number;
}

export function solveLqr(p: LqrProblem): LqrSolution | LqrInvalid {
  const invalid = validateLqr(p);
  if (invalid) return invalid;
  const P: Matrix[] = new Array<Matrix>(p.horizon + 1);
  const K: Matrix[] = new Array<Matrix>(p.horizon);
  P[p.horizon] = symmetrize(p.Qf);
  for (let k = p.horizon - 1; k >= 0; k--) {
    const step = riccatiStep(p, P[k + 1] as Matrix);
    P[k] = step.P;
    K[k] = step.K;
  }
  const trajectory = simulate(p, (x, k) => feedback(K[k] as Matrix)(x));
  return { ok: true, P, K, trajectory, predictedCost: quadraticForm(P[0] as Matrix, p.x0) };
}

export interface SteadyState {
  ok: true;
  P: Matrix;
  K: Matrix;
  iterations: number;
  converged: boolean;
  /** Largest entry change of P in the last iteration, relative to max(1, max|P|); null if none ran. */
  change: number | null;
  /** ρ(A − BK); below 1 means the closed loop is stable. */
  spectralRadius: number;
}

/** Iterates the Riccati step from P = Q until P stops changing (the infinite-horizon gain). */
export function steadyStateLqr(
  s: LqrSystem,
  options: { tolerance?: number; maxIterations?: number } = {},
): SteadyState | LqrInvalid {
  const invalid = validateSystem(s);
  if (invalid) return invalid;
  const tol = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10000;
  let P = symmetrize(s.Q);
  let K = riccatiStep(s, P).K;
  let change = Infinity;
  let iterations = 0;
  while (iterations < maxIterations && change > tol) {
    const step = riccatiStep(s, P);
    // A system that cannot be stabilized makes P grow without bound: stop before overflow.
    if (!isFiniteMatrix(step.P) || maxAbs(step.P) > 1e150) break;
    change = maxAbs(subtract(step.P, P)) / Math.max(1, maxAbs(step.P));
    P = step.P;
    K = step.K;
    iterations += 1;
  }
  const closed = subtract(s.A, multiply(s.B, K));
  return {
    ok: true,
    P,
    K,
    iterations,
    converged: change <= tol,
    change: Number.isFinite(change) ? change : null,
    spectralRadius: spectralRadius(closed),
  };
}

/** The cart preset: position and velocity, force as input, double integrator with step dt. */
export interface CartSpec {
  readonly dt: number;
  readonly start: readonly [position: number, velocity: number];
  readonly weights: {
    readonly position: number;
    readonly velocity: number;
    readonly force: number;
    readonly terminal?: number;
  };
  readonly horizon: number;
}

/** A = [[1, dt], [0, 1]], B = [[dt²/2], [dt]], Q = diag(position, velocity), R = [force], Q_f = terminal·Q. */
export function cartProblem(c: CartSpec): LqrProblem {
  const { dt } = c;
  const Q = [
    [c.weights.position, 0],
    [0, c.weights.velocity],
  ];
  const t = c.weights.terminal ?? 1;
  return {
    A: [
      [1, dt],
      [0, 1],
    ],
    B: [[(dt * dt) / 2], [dt]],
    Q,
    R: [[c.weights.force]],
    Qf: Q.map((row) => row.map((v) => v * t)),
    horizon: c.horizon,
    x0: [...c.start],
  };
}

export type CartController = { kind: 'pd'; kp: number; kd: number } | { kind: 'braking'; deceleration: number };

/**
 * The naive laws to compare with LQR, priced by the same cost: a PD law
 * u = −kp·position − kd·velocity, or constant braking against the velocity until it is 0.
 */
export function simulateCart(c: CartSpec, controller: CartController): Trajectory | LqrInvalid {
  const p = cartProblem(c);
  if (!(c.dt > 0) || !Number.isFinite(c.dt)) return { ok: false, code: 'not-finite', matrix: 'A' };
  const invalid = validateLqr(p);
  if (invalid) return invalid;
  if (controller.kind === 'pd') {
    if (![controller.kp, controller.kd].every(Number.isFinite)) return { ok: false, code: 'not-finite' };
    return simulate(p, feedback([[controller.kp, controller.kd]]));
  }
  const a = Math.abs(controller.deceleration);
  if (!Number.isFinite(a)) return { ok: false, code: 'not-finite' };
  // u = −v/dt brings the velocity exactly to 0 in one step (v' = v + u·dt).
  return simulate(p, (x) => {
    const v = x[1] ?? 0;
    return [-Math.sign(v) * Math.min(a, Math.abs(v) / c.dt)];
  });
}

/** Residual of the discrete algebraic Riccati equation at P, relative to max(1, max|P|). */
export function dareResidual(s: LqrSystem, P: ReadonlyMatrix): number {
  const next = riccatiStep(s, P).P;
  return maxAbs(subtract(next, P)) / Math.max(1, maxAbs(P));
}
