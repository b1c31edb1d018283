import {
  cartProblem,
  cumulativeCost,
  riccatiStepDetail,
  simulateCart,
  solveLqr,
  steadyStateLqr,
  type CartController,
  type CartSpec,
  type LqrInvalid,
  type LqrProblem,
  type LqrSolution,
  type RiccatiDetail,
  type SteadyState,
  type Trajectory,
} from '../../../src/lib/math/lqr';
import type { StateOf } from '../../../src/lib/state/codec';
import type { lqrSchema } from './schema';

export type LqrState = StateOf<typeof lqrSchema>;

/** Seconds per step of the cart's discrete dynamics. */
export const DT = 0.1;

export interface LqrRun {
  solution: LqrSolution;
  steady: SteadyState;
  naive: Trajectory;
  /** Cost paid up to each step (last entry: the total, terminal cost included). */
  cumulative: { lqr: number[]; naive: number[] };
  /** The last step at which LQR has paid more than the naive law so far, or null. */
  lqrAheadUntil: number | null;
}

export interface LqrModel {
  state: LqrState;
  spec: CartSpec;
  problem: LqrProblem;
  controller: CartController;
  /** Null when the engine refused the weights (with `invalid` saying why). */
  run: LqrRun | null;
  invalid: LqrInvalid | null;
}

export function cartSpec(state: LqrState): CartSpec {
  return {
    dt: DT,
    start: [state.p0, state.v0],
    weights: { position: state.wp, velocity: state.wv, force: state.wf, terminal: state.wt },
    horizon: state.n,
  };
}

export function controllerOf(state: LqrState): CartController {
  return state.naive === 'pd' ? { kind: 'pd', kp: state.kp, kd: state.kd } : { kind: 'braking', deceleration: state.brake };
}

export function deriveLqr(state: LqrState): LqrModel {
  const spec = cartSpec(state);
  const problem = cartProblem(spec);
  const controller = controllerOf(state);
  const base = { state, spec, problem, controller };
  const solution = solveLqr(problem);
  if (!solution.ok) return { ...base, run: null, invalid: solution };
  const steady = steadyStateLqr(problem);
  const naive = simulateCart(spec, controller);
  if (!steady.ok) return { ...base, run: null, invalid: steady };
  if (!('cost' in naive)) return { ...base, run: null, invalid: naive };
  const lqr = cumulativeCost(solution.trajectory);
  const other = cumulativeCost(naive);
  let lqrAheadUntil: number | null = null;
  for (let k = 1; k < lqr.length; k++) if ((lqr[k] as number) > (other[k] as number)) lqrAheadUntil = k;
  return { ...base, run: { solution, steady, naive, cumulative: { lqr, naive: other }, lqrAheadUntil }, invalid: null };
}

/**
 * The backward recursion as the reader steps through it: step j (0-based) computes K and P
 * at k = N − 1 − j from P_{k+1}.
 */
export function riccatiAt(model: LqrModel, j: number): { k: number; next: number[][]; detail: RiccatiDetail } | null {
  const run = model.run;
  if (!run) return null;
  const k = model.state.n - 1 - j;
  const next = run.solution.P[k + 1];
  if (k < 0 || !next) return null;
  return { k, next, detail: riccatiStepDetail(model.problem, next) };
}
