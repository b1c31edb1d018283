import {
  add,
  angleBetween,
  dot,
  length,
  project,
  scale,
  subtract,
  vec,
  type AngleResult,
  type ProjectionResult,
  type Vec2,
} from '../../../src/lib/math/vectors';
import type { StateOf } from '../../../src/lib/state/codec';
import type { vectorsSchema } from './schema';

export type VectorsState = StateOf<typeof vectorsSchema>;
export type VectorOp = VectorsState['op'];

/** How the two directions relate, when both vectors have one. */
export type Relation = 'orthogonal' | 'parallel' | 'opposite' | 'acute' | 'obtuse';

export interface VectorsModel {
  state: VectorsState;
  a: Vec2;
  b: Vec2;
  sum: Vec2;
  difference: Vec2;
  scaled: Vec2;
  dot: number;
  lengthA: number;
  lengthB: number;
  angle: AngleResult;
  projection: ProjectionResult;
  relation: Relation | null;
  /** Half-width of the square drawn, in data units. */
  extent: number;
}

/** Angles within this many degrees of 0°, 90° or 180° count as exactly that (typed decimals round). */
const ANGLE_TOLERANCE = 1e-9;

function relationOf(angle: AngleResult): Relation | null {
  if (!angle.ok) return null;
  const d = angle.degrees;
  if (Math.abs(d - 90) < ANGLE_TOLERANCE) return 'orthogonal';
  if (d < ANGLE_TOLERANCE) return 'parallel';
  if (180 - d < ANGLE_TOLERANCE) return 'opposite';
  return d < 90 ? 'acute' : 'obtuse';
}

/** The vectors an operation draws (besides a and b). */
export function drawnVectors(model: Pick<VectorsModel, 'a' | 'b' | 'sum' | 'difference' | 'scaled'>, op: VectorOp): Vec2[] {
  const base = [model.a, model.b];
  if (op === 'sum') return [...base, model.sum];
  if (op === 'difference') return [...base, model.difference];
  if (op === 'scale') return [...base, model.scaled];
  return base;
}

/** A square view around the origin that holds every drawn tip, in steps of 2 so it rarely jumps. */
export function extentFor(vectors: readonly Vec2[]): number {
  const reach = Math.max(4, ...vectors.map((v) => Math.max(Math.abs(v.x), Math.abs(v.y)) + 0.5));
  return Math.ceil(reach / 2) * 2;
}

export function deriveVectors(state: VectorsState): VectorsModel {
  const a = vec(state.ax, state.ay);
  const b = vec(state.bx, state.by);
  const parts = { a, b, sum: add(a, b), difference: subtract(a, b), scaled: scale(state.k, a) };
  const angle = angleBetween(a, b);
  return {
    state,
    ...parts,
    dot: dot(a, b),
    lengthA: length(a),
    lengthB: length(b),
    angle,
    projection: project(a, b),
    relation: relationOf(angle),
    extent: extentFor(drawnVectors(parts, state.op)),
  };
}
