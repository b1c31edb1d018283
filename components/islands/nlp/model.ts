import {
  evaluateConstraint,
  evaluateObjective,
  solveNlp,
  type ConstraintSpec,
  type NlpProblem,
  type NlpResult,
  type V2,
} from '../../../src/lib/math/nonlinear';
import {
  constraintSet,
  isFeasibleSetEmpty,
  objectiveSpec,
  type ObjectiveName,
} from '../../../src/lib/math/nonlinear-presets';
import type { StateOf } from '../../../src/lib/state/codec';
import type { nlpSchema } from './schema';

export type NlpState = StateOf<typeof nlpSchema>;
export type Box = { x: [number, number]; y: [number, number] };

/** KKT tolerance the island solves and checks with. */
export const NLP_TOLERANCE = 1e-6;
const GRID = 64;
const REGION_GRID = 96;
const LEVELS = 11;

/** Where each objective's interesting part is: minima, the valley, the saddle. */
const BASE_BOX: Record<ObjectiveName, Box> = {
  quadratic: { x: [-3, 3], y: [-3, 3] },
  rosenbrock: { x: [-2, 2], y: [-1.5, 2.5] },
  himmelblau: { x: [-5, 5], y: [-5, 5] },
  saddle: { x: [-2, 2], y: [-2, 2] },
};

export interface ConstraintView {
  index: number;
  spec: ConstraintSpec;
  /** `h_1`, `g_2`: equalities and inequalities are numbered separately. */
  symbol: string;
  /** `\lambda_1` or `\mu_2`. */
  multiplier: string;
  /** The stationarity term in plain text, `μ₁∇g₁`, for chart labels. */
  term: string;
}

/** A function sampled on a grid over the box, `values[j * n + i]`. */
export interface Sampled {
  values: Float64Array;
  n: number;
  thresholds: number[];
}

export interface NlpModel {
  state: NlpState;
  /** The drawn window (square in data units) and the window the start may be dragged in. */
  box: Box;
  dragBox: Box;
  problem: NlpProblem;
  constraints: ConstraintView[];
  /** The constraints contradict each other: nothing was solved. */
  empty: boolean;
  result: NlpResult | null;
  /** −f on the grid, so the deepest valleys get the most stacked bands. */
  objective: Sampled;
  /** −max g over the inequalities (≥ 0 where all hold), or null without inequalities. */
  region: Sampled | null;
}

function sample(box: Box, n: number, fn: (p: V2) => number): Float64Array {
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const y = box.y[0] + (j / (n - 1)) * (box.y[1] - box.y[0]);
    for (let i = 0; i < n; i++) values[j * n + i] = fn([box.x[0] + (i / (n - 1)) * (box.x[1] - box.x[0]), y]);
  }
  return values;
}

/** Levels at evenly spaced quantiles: every band covers about the same area, whatever the scale of f. */
function quantileLevels(values: Float64Array, levels: number): number[] {
  const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const out: number[] = [];
  for (let k = 1; k < levels; k++) {
    const v = sorted[Math.floor((k / levels) * (sorted.length - 1))];
    if (v !== undefined && (out.length === 0 || v > (out.at(-1) as number))) out.push(v);
  }
  return out;
}

/** The objective's window, grown (square) only when a typed-in point lies outside it. */
function windowFor(name: ObjectiveName, points: readonly V2[]): Box {
  const base = BASE_BOX[name];
  const inside = points.every(([x, y]) => x >= base.x[0] && x <= base.x[1] && y >= base.y[0] && y <= base.y[1]);
  if (inside) return base;
  const mx = (base.x[0] + base.x[1]) / 2;
  const my = (base.y[0] + base.y[1]) / 2;
  let half = (base.x[1] - base.x[0]) / 2;
  for (const [x, y] of points) half = Math.max(half, Math.abs(x - mx) + 0.3, Math.abs(y - my) + 0.3);
  half = Math.ceil(half * 2) / 2;
  return { x: [mx - half, mx + half], y: [my - half, my + half] };
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

export function constraintViews(constraints: readonly ConstraintSpec[]): ConstraintView[] {
  let eq = 0;
  let ineq = 0;
  return constraints.map((spec, index) => {
    const k = spec.kind === 'eq' ? ++eq : ++ineq;
    const sub = SUBSCRIPT[k] ?? String(k);
    return spec.kind === 'eq'
      ? { index, spec, symbol: `h_{${k}}`, multiplier: `\\lambda_{${k}}`, term: `λ${sub}∇h${sub}` }
      : { index, spec, symbol: `g_{${k}}`, multiplier: `\\mu_{${k}}`, term: `μ${sub}∇g${sub}` };
  });
}

export function deriveNlp(state: NlpState): NlpModel {
  const params = { b: state.b, r: state.r };
  const center: V2 = [state.cx, state.cy];
  const problem: NlpProblem = {
    objective: objectiveSpec(state.objective, center),
    constraints: constraintSet(state.constraints, params),
    start: [state.x0, state.y0],
  };
  const points: V2[] = [[state.x0, state.y0]];
  if (state.objective === 'quadratic') points.push(center);
  const box = windowFor(state.objective, points);
  const empty = isFeasibleSetEmpty(state.constraints, params);
  const result = empty ? null : solveNlp(problem, { tolerance: NLP_TOLERANCE, penalty: state.rho, maxOuter: state.outer });
  const objectiveValues = sample(box, GRID, (p) => -evaluateObjective(problem.objective, p).value);
  const inequalities = problem.constraints.filter((c) => c.kind === 'ineq');
  const regionValues =
    inequalities.length > 0 && !(result?.status === 'invalid')
      ? sample(box, REGION_GRID, (p) => -Math.max(...inequalities.map((c) => evaluateConstraint(c.shape, p).value)))
      : null;
  return {
    state,
    box,
    dragBox: BASE_BOX[state.objective],
    problem,
    constraints: constraintViews(problem.constraints),
    empty,
    result,
    objective: { values: objectiveValues, n: GRID, thresholds: quantileLevels(objectiveValues, LEVELS) },
    region: regionValues ? { values: regionValues, n: REGION_GRID, thresholds: [0] } : null,
  };
}

/** The solved run (converged or not), or null when there is nothing to draw. */
export function runOf(model: NlpModel): Extract<NlpResult, { x: V2 }> | null {
  const r = model.result;
  return r && r.status !== 'invalid' ? r : null;
}
