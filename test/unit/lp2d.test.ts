import { describe, expect, it } from 'vitest';
import {
  levelLine,
  lineInBox,
  lpGeometry,
  optimumLevelLine,
  type Point,
  simplexPathOnVertices,
  type ViewBox,
} from '../../src/lib/math/lp2d';
import { type LpProblem, type Relation, solveLp } from '../../src/lib/math/simplex';
import { RADIATION_THERAPY, WYNDOR } from './lp-reference';
import { createRng } from '../../src/lib/random/prng';

const box: ViewBox = { xMin: -1, xMax: 10, yMin: -1, yMax: 10 };

const wyndor = WYNDOR;

function geometry(p: LpProblem, b: ViewBox = box) {
  const g = lpGeometry(p, b);
  if (!g.ok) throw new Error(g.code);
  return g;
}

const signedArea = (poly: readonly Point[]) =>
  poly.reduce((s, p, i) => {
    const q = poly[(i + 1) % poly.length] as Point;
    return s + (p.x * q.y - q.x * p.y) / 2;
  }, 0);

const rounded = (points: readonly Point[]) =>
  points.map((p) => [Number(p.x.toFixed(9)) + 0, Number(p.y.toFixed(9)) + 0]);

/** The points, rounded, as the rotation of the cycle that starts like `expected`. */
function cycle(points: readonly Point[], expected: readonly number[][]): number[][] {
  const r = rounded(points);
  const first = JSON.stringify(expected[0]);
  const start = Math.max(
    0,
    r.findIndex((p) => JSON.stringify(p) === first),
  );
  return [...r.slice(start), ...r.slice(0, start)];
}

function expectCycle(points: readonly Point[], expected: number[][]): void {
  expect(cycle(points, expected)).toEqual(expected);
}

describe('feasible region of a 2-variable LP', () => {
  it('gives the Wyndor polygon counter-clockwise with its active constraints', () => {
    const g = geometry(wyndor);
    expect(g.empty).toBe(false);
    expect(g.unbounded).toBe(false);
    expectCycle(
      g.vertices.map((v) => v.point),
      [
        [0, 0],
        [4, 0],
        [4, 3],
        [2, 6],
        [0, 6],
      ],
    );
    expect(signedArea(g.vertices.map((v) => v.point))).toBeCloseTo(21, 10);
    expect(signedArea(g.polygon)).toBeCloseTo(21, 10);
    const at26 = g.vertices.find((v) => Math.hypot(v.point.x - 2, v.point.y - 6) < 1e-9);
    expect(at26?.activeConstraints).toEqual([1, 2]);
    const origin = g.vertices.find((v) => Math.hypot(v.point.x, v.point.y) < 1e-9);
    expect(origin?.activeBounds).toEqual([0, 1]);
  });

  it('clips the fill polygon to the view box but keeps the true vertices', () => {
    const g = geometry(wyndor, { xMin: 0, xMax: 3, yMin: 0, yMax: 3 });
    expectCycle(g.polygon, [
      [0, 0],
      [3, 0],
      [3, 3],
      [0, 3],
    ]);
    expect(g.vertices).toHaveLength(5);
    expect(g.vertices.filter((v) => v.inView)).toHaveLength(1);
  });

  it('reports an unbounded region and clips it for drawing', () => {
    const g = geometry(
      { sense: 'min', objective: [2, 3], constraints: [{ coefficients: [1, 1], relation: '>=', rhs: 2 }] },
      { xMin: 0, xMax: 5, yMin: 0, yMax: 5 },
    );
    expect(g.unbounded).toBe(true);
    // An open chain, counter-clockwise: down the x₂-axis to (0, 2), along the row to (2, 0).
    expect(rounded(g.vertices.map((v) => v.point))).toEqual([
      [0, 2],
      [2, 0],
    ]);
    expectCycle(g.polygon, [
      [2, 0],
      [5, 0],
      [5, 5],
      [0, 5],
      [0, 2],
    ]);
    const three = geometry({
      sense: 'min',
      objective: [1, 1],
      constraints: [
        { coefficients: [1, 2], relation: '>=', rhs: 2 },
        { coefficients: [2, 1], relation: '>=', rhs: 2 },
      ],
    });
    expect(three.unbounded).toBe(true);
    expect(three.vertices.map((v) => [v.point.x, v.point.y])).toEqual(
      [
        [0, 2],
        [2 / 3, 2 / 3],
        [2, 0],
      ].map(([x, y]) => [expect.closeTo(x as number, 12), expect.closeTo(y as number, 12)]),
    );
  });

  it('gives a segment for an equality row and nothing for an infeasible problem', () => {
    const seg = geometry({
      sense: 'max',
      objective: [1, 0],
      constraints: [{ coefficients: [1, 1], relation: '=', rhs: 2 }],
    });
    expect(seg.unbounded).toBe(false);
    expect(rounded(seg.vertices.map((v) => v.point)).sort()).toEqual([
      [0, 2],
      [2, 0],
    ]);
    const none = geometry({
      sense: 'max',
      objective: [1, 1],
      constraints: [
        { coefficients: [1, 1], relation: '<=', rhs: 1 },
        { coefficients: [1, 1], relation: '>=', rhs: 2 },
      ],
    });
    expect(none).toMatchObject({ empty: true, vertices: [], polygon: [] });
  });

  it('draws constraint and level lines as segments on the box edges', () => {
    const g = geometry(wyndor);
    const [p, q] = g.lines[2] ?? [];
    for (const pt of [p, q]) {
      expect(pt).toBeDefined();
      if (!pt) continue;
      expect(3 * pt.x + 2 * pt.y).toBeCloseTo(18, 10);
      const onEdge = [pt.x - box.xMin, box.xMax - pt.x, pt.y - box.yMin, box.yMax - pt.y].some(
        (d) => Math.abs(d) < 1e-9,
      );
      expect(onEdge).toBe(true);
    }
    expect(lineInBox([1, 1], 100, box)).toBeNull();
    expect(lineInBox([0, 0], 1, box)).toBeNull();
    const level = levelLine(wyndor, 36, box);
    expect(level).not.toBeNull();
    for (const pt of level ?? []) expect(3 * pt.x + 5 * pt.y).toBeCloseTo(36, 10);
  });

  it('maps the simplex path onto the vertices and the optimum is the best vertex (E8)', () => {
    const g = geometry(wyndor);
    const r = solveLp(wyndor);
    const path = simplexPathOnVertices(r, g.vertices);
    expect(path).toHaveLength(4);
    expect(path.every((s) => s.vertex >= 0)).toBe(true);
    const last = g.vertices[path.at(-1)?.vertex ?? -1]?.point;
    expect(last).toEqual({ x: expect.closeTo(2, 9), y: expect.closeTo(6, 9) });
    const through = optimumLevelLine(wyndor, r, box);
    for (const pt of through ?? []) expect(3 * pt.x + 5 * pt.y).toBeCloseTo(36, 10);
    expect(through).not.toBeNull();
    const best = Math.max(...g.vertices.map((v) => 3 * v.point.x + 5 * v.point.y));
    expect(r.status === 'optimal' && r.objective).toBeCloseTo(best, 10);
  });

  it('marks phase-1 basic solutions that are not vertices of the region', () => {
    const p = RADIATION_THERAPY;
    const g = geometry(p, { xMin: 0, xMax: 15, yMin: 0, yMax: 15 });
    const path = simplexPathOnVertices(solveLp(p), g.vertices);
    expect(path[0]).toMatchObject({ phase: 0, vertex: -1 });
    expect(path.at(-1)?.vertex).toBeGreaterThanOrEqual(0);
    expect(path.filter((s) => s.phase === 2).every((s) => s.vertex >= 0)).toBe(true);
  });

  it('agrees with the simplex on random problems: empty ⇔ infeasible, optimum = best vertex', () => {
    const rng = createRng(99);
    const relations: Relation[] = ['<=', '>=', '='];
    let optimalCount = 0;
    for (let k = 0; k < 300; k++) {
      const p: LpProblem = {
        sense: rng.next() < 0.5 ? 'max' : 'min',
        objective: [rng.int(11) - 5, rng.int(11) - 5],
        constraints: Array.from({ length: 1 + rng.int(4) }, () => ({
          coefficients: [rng.int(11) - 5, rng.int(11) - 5],
          relation: relations[rng.int(rng.next() < 0.15 ? 3 : 2)] as Relation,
          rhs: rng.int(21) - 5,
        })),
      };
      const g = geometry(p);
      const r = solveLp(p);
      expect(g.empty).toBe(r.status === 'infeasible');
      if (r.status === 'unbounded') expect(g.unbounded).toBe(true);
      if (r.status !== 'optimal') continue;
      optimalCount += 1;
      const values = g.vertices.map(
        (v) => (p.objective[0] as number) * v.point.x + (p.objective[1] as number) * v.point.y,
      );
      const best = p.sense === 'max' ? Math.max(...values) : Math.min(...values);
      expect(Math.abs(r.objective - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(best)));
      expect(simplexPathOnVertices(r, g.vertices).at(-1)?.vertex).toBeGreaterThanOrEqual(0);
    }
    expect(optimalCount).toBeGreaterThan(50);
  });

  it('validates its input', () => {
    expect(lpGeometry({ sense: 'max', objective: [1, 2, 3], constraints: [] }, box)).toEqual({
      ok: false,
      code: 'not-two-variables',
    });
    expect(lpGeometry(wyndor, { ...box, xMax: -5 })).toEqual({ ok: false, code: 'bad-view-box' });
    expect(lpGeometry({ ...wyndor, objective: [Number.NaN, 1] }, box)).toEqual({ ok: false, code: 'not-finite' });
  });
});
