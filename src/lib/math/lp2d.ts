/**
 * Geometry of a 2-variable LP for drawing (4.3.1): the feasible region's vertices in
 * boundary order, the region clipped to the view box for filling, each constraint
 * line's segment inside the box, objective level lines, and the simplex path matched
 * to the vertices. x ≥ 0 is always part of the region, so a nonempty region has a
 * vertex.
 */
import type { LpProblem, SimplexResult } from './simplex';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface ViewBox {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export type Segment = readonly [Point, Point];

export interface Lp2dVertex {
  readonly point: Point;
  /** Constraint rows whose line passes through the vertex. */
  readonly activeConstraints: number[];
  /** 0 for x₁ = 0, 1 for x₂ = 0. */
  readonly activeBounds: (0 | 1)[];
  readonly inView: boolean;
}

export type Lp2dResult =
  | {
      ok: true;
      empty: boolean;
      /** The region itself is unbounded (the view box only cuts it for drawing). */
      unbounded: boolean;
      /**
       * Vertices of the region, counter-clockwise along its boundary; for an unbounded
       * region an open chain from the incoming ray's vertex to the outgoing one's.
       */
      vertices: Lp2dVertex[];
      /** Region ∩ view box, counter-clockwise; empty when they do not meet. */
      polygon: Point[];
      /** Line aᵢᵀx = bᵢ of each constraint inside the box; null if it misses the box. */
      lines: (Segment | null)[];
    }
  | { ok: false; code: 'not-two-variables' | 'row-length' | 'not-finite' | 'bad-view-box' };

interface HalfPlane {
  a: readonly [number, number];
  b: number;
}

const dot = (a: readonly [number, number], p: Point): number => a[0] * p.x + a[1] * p.y;

function halfPlanes(problem: LpProblem): HalfPlane[] {
  const out: HalfPlane[] = [];
  for (const c of problem.constraints) {
    const a: [number, number] = [c.coefficients[0] as number, c.coefficients[1] as number];
    if (c.relation !== '>=') out.push({ a, b: c.rhs });
    if (c.relation !== '<=') out.push({ a: [-a[0], -a[1]], b: -c.rhs });
  }
  out.push({ a: [-1, 0], b: 0 }, { a: [0, -1], b: 0 });
  return out;
}

/** Sutherland–Hodgman: the convex polygon cut by a·p ≤ b (+ eps). */
function clip(polygon: readonly Point[], h: HalfPlane, eps: number): Point[] {
  const out: Point[] = [];
  polygon.forEach((p, i) => {
    const q = polygon[(i + 1) % polygon.length] as Point;
    const fp = dot(h.a, p) - h.b;
    const fq = dot(h.a, q) - h.b;
    if (fp <= eps) out.push(p);
    if (fp <= eps !== fq <= eps) {
      const t = fp / (fp - fq);
      out.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
    }
  });
  return out;
}

const boxPolygon = (b: ViewBox): Point[] => [
  { x: b.xMin, y: b.yMin },
  { x: b.xMax, y: b.yMin },
  { x: b.xMax, y: b.yMax },
  { x: b.xMin, y: b.yMax },
];

/** The part of the line a·p = b inside the box (Liang–Barsky on the line's parameter). */
export function lineInBox(a: readonly number[], b: number, box: ViewBox): Segment | null {
  const a0 = a[0] ?? 0;
  const a1 = a[1] ?? 0;
  const norm2 = a0 * a0 + a1 * a1;
  if (norm2 === 0 || !Number.isFinite(norm2) || !Number.isFinite(b)) return null;
  const base = { x: (a0 * b) / norm2, y: (a1 * b) / norm2 };
  const dir = { x: -a1, y: a0 };
  let lo = -Infinity;
  let hi = Infinity;
  const bound = (p: number, d: number, min: number, max: number): boolean => {
    if (Math.abs(d) < 1e-15 * Math.sqrt(norm2)) return p >= min && p <= max;
    const t1 = (min - p) / d;
    const t2 = (max - p) / d;
    lo = Math.max(lo, Math.min(t1, t2));
    hi = Math.min(hi, Math.max(t1, t2));
    return true;
  };
  if (!bound(base.x, dir.x, box.xMin, box.xMax) || !bound(base.y, dir.y, box.yMin, box.yMax)) return null;
  if (!(lo <= hi)) return null;
  return [
    { x: base.x + lo * dir.x, y: base.y + lo * dir.y },
    { x: base.x + hi * dir.x, y: base.y + hi * dir.y },
  ];
}

/** The level line cᵀx = value of the objective inside the box. */
export function levelLine(problem: LpProblem, value: number, box: ViewBox): Segment | null {
  return lineInBox(problem.objective, value, box);
}

/** The level line through the simplex optimum; null unless the LP has one. */
export function optimumLevelLine(problem: LpProblem, result: SimplexResult, box: ViewBox): Segment | null {
  return result.status === 'optimal' ? lineInBox(problem.objective, result.objective, box) : null;
}

function validBox(b: ViewBox): boolean {
  const all = [b.xMin, b.xMax, b.yMin, b.yMax];
  return all.every(Number.isFinite) && b.xMin < b.xMax && b.yMin < b.yMax;
}

export function lpGeometry(problem: LpProblem, box: ViewBox): Lp2dResult {
  if (problem.objective.length !== 2) return { ok: false, code: 'not-two-variables' };
  if (problem.constraints.some((c) => c.coefficients.length !== 2)) return { ok: false, code: 'row-length' };
  const numbers = [...problem.objective, ...problem.constraints.flatMap((c) => [...c.coefficients, c.rhs])];
  if (!numbers.every(Number.isFinite)) return { ok: false, code: 'not-finite' };
  if (!validBox(box)) return { ok: false, code: 'bad-view-box' };

  const planes = halfPlanes(problem);
  const scale = Math.max(1, ...numbers.map(Math.abs));
  const eps = 1e-9 * scale;
  const feasible = (p: Point): boolean => planes.every((h) => dot(h.a, p) - h.b <= eps);
  const same = (p: Point, q: Point): boolean => Math.hypot(p.x - q.x, p.y - q.y) <= 1e-7 * scale;

  // Candidate vertices: every pair of boundary lines (constraints and the two axes).
  const lines: HalfPlane[] = [
    ...problem.constraints.map((c) => ({ a: [c.coefficients[0], c.coefficients[1]] as [number, number], b: c.rhs })),
    { a: [1, 0], b: 0 },
    { a: [0, 1], b: 0 },
  ];
  const points: Point[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const { a: p, b: bp } = lines[i] as HalfPlane;
      const { a: q, b: bq } = lines[j] as HalfPlane;
      const det = p[0] * q[1] - p[1] * q[0];
      if (Math.abs(det) <= 1e-12 * Math.hypot(...p) * Math.hypot(...q)) continue;
      const pt = { x: (bp * q[1] - bq * p[1]) / det, y: (p[0] * bq - q[0] * bp) / det };
      if (feasible(pt) && !points.some((o) => same(o, pt))) points.push(pt);
    }
  }
  const m = problem.constraints.length;
  const onLine = (h: HalfPlane, p: Point): boolean => Math.abs(dot(h.a, p) - h.b) <= 1e-7 * scale;
  const vertexOf = (p: Point): Lp2dVertex => ({
    point: p,
    activeConstraints: lines.slice(0, m).flatMap((h, i) => (onLine(h, p) ? [i] : [])),
    activeBounds: ([0, 1] as const).filter((k) => onLine(lines[m + k] as HalfPlane, p)),
    inView: p.x >= box.xMin - eps && p.x <= box.xMax + eps && p.y >= box.yMin - eps && p.y <= box.yMax + eps,
  });

  // Boundary order: clip a box that holds every vertex, keep the corners that are vertices.
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = scale;
  const big: ViewBox = {
    xMin: Math.min(box.xMin, ...xs) - pad,
    xMax: Math.max(box.xMax, ...xs) + pad,
    yMin: Math.min(box.yMin, ...ys) - pad,
    yMax: Math.max(box.yMax, ...ys) + pad,
  };
  const around = planes.reduce((poly, h) => clip(poly, h, eps), boxPolygon(big));
  const matched = around.map((c) => points.find((p) => same(p, c)));
  // An unbounded region's vertices form an open chain: start it where the boundary
  // comes in from the (padded) box edge.
  const entry = matched.findIndex((v, i) => v === undefined && matched[(i + 1) % matched.length] !== undefined);
  const ordered: Point[] = [];
  matched.forEach((_, i) => {
    const v = matched[(i + Math.max(entry, 0)) % matched.length];
    if (v && !ordered.includes(v)) ordered.push(v);
  });
  for (const p of points) if (!ordered.includes(p)) ordered.push(p);

  const polygon = planes.reduce((poly, h) => clip(poly, h, eps), boxPolygon(box));
  const polygonClean = polygon.filter(
    (p, i) => !same(p, polygon[(i + 1) % polygon.length] as Point) || polygon.length === 1,
  );

  return {
    ok: true,
    empty: points.length === 0,
    unbounded: points.length > 0 && hasRecessionDirection(planes),
    vertices: ordered.map(vertexOf),
    polygon: points.length === 0 ? [] : polygonClean,
    lines: problem.constraints.map((c) => lineInBox(c.coefficients, c.rhs, box)),
  };
}

/**
 * A nonempty polyhedron is unbounded iff some d ≠ 0 has a·d ≤ 0 for every half-plane.
 * In the plane such a cone (pointed, since d ≥ 0) has an extreme ray along one of the
 * boundary lines, so testing the two directions along each line suffices.
 */
function hasRecessionDirection(planes: readonly HalfPlane[]): boolean {
  return planes.some((h) => {
    const len = Math.hypot(h.a[0], h.a[1]);
    if (len === 0) return false;
    return [1, -1].some((s) => {
      const d = { x: (-s * h.a[1]) / len, y: (s * h.a[0]) / len };
      return planes.every((g) => dot(g.a, d) <= 1e-12 * Math.max(1, Math.hypot(...g.a)));
    });
  });
}

export interface PathPoint {
  readonly point: Point;
  /** Index into `vertices`, or −1 for a phase-1 basic solution outside the region. */
  readonly vertex: number;
  readonly phase: 0 | 1 | 2;
}

/** The simplex iterates (starting at the origin) as points matched to the region's vertices. */
export function simplexPathOnVertices(result: SimplexResult, vertices: readonly Lp2dVertex[], scale = 1): PathPoint[] {
  if (result.status === 'invalid') return [];
  const tol = 1e-7 * Math.max(1, scale);
  const match = (p: Point): number => vertices.findIndex((v) => Math.hypot(v.point.x - p.x, v.point.y - p.y) <= tol);
  const origin = { x: 0, y: 0 };
  return [
    { point: origin, vertex: match(origin), phase: 0 },
    ...result.steps.map((s) => {
      const point = { x: s.x[0] ?? 0, y: s.x[1] ?? 0 };
      return { point, vertex: match(point), phase: s.phase };
    }),
  ];
}
