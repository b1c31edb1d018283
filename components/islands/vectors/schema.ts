import type { Presets, Schema } from '../../../src/lib/state/codec';

/** How far a vector's components go (the tips stay on the drawn grid). */
export const COMPONENT_LIMIT = 8;

const component = (value: number) => ({ kind: 'number', min: -COMPONENT_LIMIT, max: COMPONENT_LIMIT, default: value }) as const;

/**
 * URL state of the 4.1.2 vector island (`?vec.ax=3&vec.ay=1&vec.op=sum`): two plane vectors
 * a and b, the scalar k of k·a, and which operation is drawn.
 */
export const vectorsSchema = {
  ax: component(3),
  ay: component(1),
  bx: component(2),
  by: component(4),
  k: { kind: 'number', min: -3, max: 3, default: 1.5 },
  op: { kind: 'enum', values: ['sum', 'difference', 'scale', 'dot'], default: 'dot' },
} as const satisfies Schema;

export const vectorsPresets = {
  /** a·b = 0: the angle is 90° and the projection is the zero vector. */
  orthogonal: { ax: 2, ay: 1, bx: -1, by: 2, op: 'dot' },
  /** b = 2a: cos θ = 1 and a·b = |a||b|. */
  parallel: { ax: 1, ay: 2, bx: 2, by: 4, op: 'dot' },
  /** The shadow of a on a horizontal b: its length is |a| cos θ. */
  projection: { ax: 2, ay: 3, bx: 5, by: 0, op: 'dot' },
  /** a = 0: no direction, so no angle. */
  zero: { ax: 0, ay: 0, bx: 2, by: 1, op: 'dot' },
} as const satisfies Presets<typeof vectorsSchema>;
