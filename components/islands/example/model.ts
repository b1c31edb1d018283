import {
  lineProfile,
  pointOnLine,
  solveWorkedExample,
  toNlpProblem,
  type LineProfile,
  type WorkedExample,
  type WorkedResult,
} from '../../../src/lib/math/worked-example';
import { solveNlp } from '../../../src/lib/math/nonlinear';
import type { StateOf } from '../../../src/lib/state/codec';
import type { exampleSchema } from './schema';

export type ExampleState = StateOf<typeof exampleSchema>;
type Pair = [number, number];

export interface PointOnLine {
  t: number;
  x: Pair;
  f: number;
  feasible: boolean;
}

/** The general solver of 4.3.2 on the same problem, as an independent check of the closed form. */
export interface CrossCheck {
  status: 'converged' | 'max-iterations' | 'diverged' | 'invalid';
  x: Pair | null;
  /** λ in this island's sign convention (the solver's own λ has the other sign). */
  lambda: number | null;
  distance: number | null;
}

/** Everything the worked-example island draws, computed from the state by the engines. */
export interface ExampleModel {
  state: ExampleState;
  problem: WorkedExample;
  result: WorkedResult;
  /** f along the constraint line; null when there is no line to draw (a = 0, inputs out of range). */
  line: LineProfile | null;
  point: PointOnLine | null;
  /** Where f is least on the whole line, ignoring x ≥ 0 (null unless f is convex along it). */
  lineMinimum: PointOnLine | null;
  /** f at the ends of the feasible segment (the source's "1" is one of them). */
  ends: PointOnLine[];
  check: CrossCheck | null;
  /** A square view [lo, hi]² holding the origin, the line's crossings with the axes, the points. */
  view: { lo: number; hi: number };
}

export function problemOf(state: ExampleState): WorkedExample {
  return { weights: [state.w1, state.w2], a: [state.a1, state.a2], b: state.b };
}

function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}

function at(problem: WorkedExample, t: number): PointOnLine {
  const p = pointOnLine(problem, t);
  return { t, x: [p.x[0] + 0, p.x[1] + 0], f: p.f, feasible: p.feasible };
}

function crossCheck(problem: WorkedExample, result: WorkedResult): CrossCheck | null {
  if (!result.ok) return null;
  const run = solveNlp(toNlpProblem(problem));
  if (run.status === 'invalid') return { status: 'invalid', x: null, lambda: null, distance: null };
  return {
    status: run.status,
    x: [run.x[0], run.x[1]],
    lambda: -(run.multipliers[0] ?? 0),
    distance: Math.hypot(run.x[0] - result.x[0], run.x[1] - result.x[1]),
  };
}

/** `view` keeps the chart still while the reader drags the point (it follows once they let go). */
export function deriveExample(state: ExampleState, view?: { lo: number; hi: number }): ExampleModel {
  const problem = problemOf(state);
  const result = solveWorkedExample(problem);
  const drawable = result.ok || result.code === 'infeasible' || result.code === 'weight-not-positive';
  const line = drawable ? (result.ok ? result.line : (result.line ?? lineProfile(problem))) : null;
  const point = line ? at(problem, state.t) : null;
  const lineMinimum = line && line.quadratic > 0 ? at(problem, -line.linear / (2 * line.quadratic)) : null;
  const ends =
    line?.feasible && line.feasible.max !== null
      ? [at(problem, line.feasible.min), at(problem, line.feasible.max)]
      : line?.feasible
        ? [at(problem, line.feasible.min)]
        : [];
  const coords: number[] = [1];
  const add = (x: readonly number[]): void => {
    for (const v of x) if (Number.isFinite(v) && Math.abs(v) <= 100) coords.push(v);
  };
  if (line) {
    if (state.a1 !== 0) add([state.b / state.a1]);
    if (state.a2 !== 0) add([state.b / state.a2]);
  }
  if (result.ok) add(result.x);
  if (point) add(point.x);
  if (lineMinimum) add(lineMinimum.x);
  const hi = niceCeil(Math.max(...coords) * 1.2);
  const lo = -niceCeil(Math.max(0.25 * hi, -Math.min(...coords) * 1.2));
  return { state, problem, result, line, point, lineMinimum, ends, check: crossCheck(problem, result), view: view ?? { lo, hi } };
}

/** Values of f on an n × n grid over the view (row j is the j-th x₂), for contours. */
export function objectiveGrid(model: ExampleModel, n: number): Float64Array {
  const { lo, hi } = model.view;
  const [w1, w2] = model.problem.weights;
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const y = lo + ((hi - lo) * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const x = lo + ((hi - lo) * i) / (n - 1);
      values[j * n + i] = w1 * x * x + w2 * y * y;
    }
  }
  return values;
}
