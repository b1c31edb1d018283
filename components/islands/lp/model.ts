import { solveLp, type LpProblem, type Relation, type SimplexPivot, type SimplexResult, type TableauVariable } from '../../../src/lib/math/simplex';
import { lpGeometry, simplexPathOnVertices, type Lp2dResult, type PathPoint, type Point, type ViewBox } from '../../../src/lib/math/lp2d';
import type { StateOf } from '../../../src/lib/state/codec';
import { RELATION_FIELDS, ROW_FIELDS, type RelationCode, type lpSchema } from './schema';

export type LpState = StateOf<typeof lpSchema>;
export type Geometry = Extract<Lp2dResult, { ok: true }>;

const RELATIONS: Record<RelationCode, Relation> = { le: '<=', ge: '>=', eq: '=' };

export interface LpRow {
  a: [number, number];
  b: number;
  relation: Relation;
  code: RelationCode;
}

/** What the island says about the problem; each is a strings entry. */
export type Verdict = 'optimal' | 'multiple' | 'infeasible' | 'unbounded' | 'stopped' | 'invalid';

export interface VertexValue {
  point: Point;
  value: number;
  optimal: boolean;
}

/** Everything the LP island draws, computed from the state by the engines. */
export interface LpModel {
  state: LpState;
  rows: LpRow[];
  problem: LpProblem;
  result: SimplexResult;
  geometry: Geometry | null;
  box: ViewBox;
  /** Simplex iterates from the origin, matched to the region's vertices. */
  path: PathPoint[];
  verdict: Verdict;
  vertices: VertexValue[];
  /** Rows whose coefficients are both 0, with whether 0 (≤|≥|=) b holds. */
  zeroRows: { row: number; holds: boolean }[];
  /** Pivots with step length 0 (the point stays, the basis changes). */
  degeneratePivots: number[];
}

export function rowsOf(state: LpState): LpRow[] {
  return ROW_FIELDS.slice(0, state.m).map((field, i) => {
    const [a1 = 0, a2 = 0, b = 0] = state[field];
    const code = state[RELATION_FIELDS[i] as (typeof RELATION_FIELDS)[number]];
    return { a: [a1, a2], b, relation: RELATIONS[code], code };
  });
}

export function problemOf(state: LpState): LpProblem {
  return {
    sense: state.sense,
    objective: [state.c1, state.c2],
    constraints: rowsOf(state).map((r) => ({ coefficients: r.a, relation: r.relation, rhs: r.b })),
  };
}

/** Rounds a positive span up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ. */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  const step = steps.find((s) => s * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}

/**
 * A square view of the first quadrant (equal scales, so c is drawn perpendicular to its
 * level lines) holding every vertex, the simplex path, where each constraint line meets
 * the axes, and a stretch of an unbounded ray.
 */
export function viewBoxFor(rows: readonly LpRow[], result: SimplexResult, vertices: readonly Point[]): ViewBox {
  const coords: number[] = [];
  const add = (p: Point): void => {
    if (Number.isFinite(p.x) && Number.isFinite(p.y)) coords.push(p.x, p.y);
  };
  vertices.forEach(add);
  for (const r of rows) {
    if (r.a[0] !== 0 && r.b / r.a[0] > 0) coords.push(r.b / r.a[0]);
    if (r.a[1] !== 0 && r.b / r.a[1] > 0) coords.push(r.b / r.a[1]);
  }
  if (result.status !== 'invalid') for (const s of result.steps) add({ x: s.x[0] ?? 0, y: s.x[1] ?? 0 });
  if (result.status === 'unbounded') {
    const [x = 0, y = 0] = result.x;
    const [dx = 0, dy = 0] = result.direction;
    const reach = Math.max(1, x, y) / Math.max(Math.abs(dx), Math.abs(dy), 1e-12);
    add({ x: x + dx * reach, y: y + dy * reach });
  }
  const span = niceCeil(Math.min(2000, Math.max(1, ...coords) * 1.15));
  const low = -span * 0.06;
  return { xMin: low, xMax: span, yMin: low, yMax: span };
}

const objectiveAt = (problem: LpProblem, p: Point): number => (problem.objective[0] ?? 0) * p.x + (problem.objective[1] ?? 0) * p.y;

/** `box` keeps the view still while the reader drags a line (the view follows once they let go). */
export function deriveLp(state: LpState, box?: ViewBox): LpModel {
  const rows = rowsOf(state);
  const problem = problemOf(state);
  const result = solveLp(problem);
  if (!box) {
    const first = lpGeometry(problem, { xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
    box = viewBoxFor(rows, result, first.ok ? first.vertices.map((v) => v.point) : []);
  }
  const g = lpGeometry(problem, box);
  const geometry = g.ok ? g : null;
  const scale = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.a[0]), Math.abs(r.a[1]), Math.abs(r.b)]));
  const path = geometry ? simplexPathOnVertices(result, geometry.vertices, scale) : [];
  const best = result.status === 'optimal' ? result.objective : null;
  const tol = 1e-9 * Math.max(1, Math.abs(best ?? 0));
  const vertices = (geometry?.vertices ?? []).map((v) => {
    const value = objectiveAt(problem, v.point);
    return { point: v.point, value, optimal: best !== null && Math.abs(value - best) <= tol };
  });
  const zeroRows = rows.flatMap((r, row) => {
    if (r.a[0] !== 0 || r.a[1] !== 0) return [];
    const holds = r.relation === '<=' ? 0 <= r.b : r.relation === '>=' ? 0 >= r.b : r.b === 0;
    return [{ row, holds }];
  });
  const degeneratePivots = result.status === 'invalid' ? [] : result.steps.flatMap((s, i) => (s.ratio === 0 ? [i] : []));
  return { state, rows, problem, result, geometry, box, path, verdict: verdictOf(result, vertices), vertices, zeroRows, degeneratePivots };
}

function verdictOf(result: SimplexResult, vertices: readonly VertexValue[]): Verdict {
  switch (result.status) {
    case 'optimal':
      return vertices.filter((v) => v.optimal).length > 1 ? 'multiple' : 'optimal';
    case 'infeasible':
    case 'unbounded':
    case 'invalid':
      return result.status;
    default:
      return 'stopped';
  }
}

export function pivotsOf(result: SimplexResult): SimplexPivot[] {
  return result.status === 'invalid' ? [] : result.steps;
}

export function variablesOf(result: SimplexResult): TableauVariable[] {
  return result.status === 'invalid' ? [] : result.variables;
}

/**
 * The phase-1 objective at the origin: the sum of the artificial variables, one per row
 * that needs one once rows with b < 0 are negated (≥ and = rows; ≤ rows with b < 0).
 */
export function initialInfeasibility(rows: readonly LpRow[]): number {
  return rows.reduce((w, r) => {
    const needsArtificial = r.relation === '=' || (r.relation === '>=' ? r.b >= 0 : r.b < 0);
    return needsArtificial ? w + Math.abs(r.b) : w;
  }, 0);
}

/** The reader's "steps shown" clamped to the pivots there are (null: all of them). */
export function shownSteps(model: LpModel, shown: number | null): number {
  const total = pivotsOf(model.result).length;
  return shown === null ? total : Math.max(0, Math.min(total, shown));
}
