/**
 * Named objectives and constraint sets for the 4.3.2 nonlinear-programming examples
 * (solved by `solveNlp` in nonlinear.ts). Every constraint is written in the engine's
 * convention h(x) = 0 or g(x) ≤ 0, so “x + y ≥ b” becomes g = −x − y + b ≤ 0.
 */
import type { ConstraintSpec, ObjectiveSpec } from './nonlinear';

export const OBJECTIVE_NAMES = ['quadratic', 'rosenbrock', 'himmelblau', 'saddle'] as const;
export type ObjectiveName = (typeof OBJECTIVE_NAMES)[number];

export const CONSTRAINT_SET_NAMES = ['none', 'line', 'circle', 'disk', 'halfplane', 'line-disk', 'disk-halfplane'] as const;
export type ConstraintSetName = (typeof CONSTRAINT_SET_NAMES)[number];

/** The line x + y = b (and the half-plane x + y ≥ b) and the circle of radius r about 0. */
export interface ConstraintParams {
  readonly b: number;
  readonly r: number;
}

/** The quadratic is the squared distance to `center`: f = (x − c₁)² + (y − c₂)². */
export function objectiveSpec(name: ObjectiveName, center: readonly [number, number]): ObjectiveSpec {
  switch (name) {
    case 'quadratic':
      return { preset: 'quadratic', weights: [1, 1], center };
    case 'rosenbrock':
      return { preset: 'rosenbrock' };
    case 'himmelblau':
      return { preset: 'himmelblau' };
    case 'saddle':
      return { preset: 'saddle' };
  }
}

const line = (b: number): ConstraintSpec => ({ kind: 'eq', shape: { shape: 'linear', a: [1, 1], b } });
const circle = (r: number): ConstraintSpec => ({ kind: 'eq', shape: { shape: 'circle', center: [0, 0], radius: r } });
const disk = (r: number): ConstraintSpec => ({ kind: 'ineq', shape: { shape: 'circle', center: [0, 0], radius: r } });
const halfPlane = (b: number): ConstraintSpec => ({ kind: 'ineq', shape: { shape: 'linear', a: [-1, -1], b: -b } });

export function constraintSet(name: ConstraintSetName, { b, r }: ConstraintParams): ConstraintSpec[] {
  switch (name) {
    case 'none':
      return [];
    case 'line':
      return [line(b)];
    case 'circle':
      return [circle(r)];
    case 'disk':
      return [disk(r)];
    case 'halfplane':
      return [halfPlane(b)];
    case 'line-disk':
      return [line(b), disk(r)];
    case 'disk-halfplane':
      return [disk(r), halfPlane(b)];
  }
}

/** Which parameters a constraint set uses (the island shows only those controls). */
export function constraintParamsUsed(name: ConstraintSetName): { b: boolean; r: boolean } {
  return {
    b: name === 'line' || name === 'halfplane' || name === 'line-disk' || name === 'disk-halfplane',
    r: name === 'circle' || name === 'disk' || name === 'line-disk' || name === 'disk-halfplane',
  };
}

/**
 * Whether the feasible set is known to be empty: the line x + y = b (or the half-plane
 * x + y ≥ b) lies at distance b/√2 from the origin, so it misses the disk of radius r when
 * that distance exceeds r. A radius ≤ 0 is the solver's `bad-radius`, not an empty set.
 */
export function isFeasibleSetEmpty(name: ConstraintSetName, { b, r }: ConstraintParams): boolean {
  if (!(r > 0)) return false;
  const distance = b / Math.SQRT2;
  if (name === 'line-disk') return Math.abs(distance) > r;
  if (name === 'disk-halfplane') return distance > r;
  return false;
}
