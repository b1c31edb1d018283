import type { NumberListField, Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.3.1 linear-programming island (`?lp.c1=3&lp.r1=1,1,4&lp.k2=ge`).
 * Row i of the constraint table is `ri = aᵢ₁,aᵢ₂,bᵢ` with relation `ki`; only the first
 * `m` rows are part of the problem, the others keep their values for when a row is added.
 * x ≥ 0 always holds. The default is the chapter's factory example (optimum (3, 1), 14).
 */
const row = (a1: number, a2: number, b: number): NumberListField => ({
  kind: 'numbers',
  min: -1000,
  max: 1000,
  minLength: 3,
  maxLength: 3,
  default: [a1, a2, b],
});
const relation = { kind: 'enum', values: ['le', 'ge', 'eq'], default: 'le' } as const;

export const lpSchema = {
  sense: { kind: 'enum', values: ['max', 'min'], default: 'max' },
  c1: { kind: 'number', min: -1000, max: 1000, default: 3 },
  c2: { kind: 'number', min: -1000, max: 1000, default: 5 },
  m: { kind: 'int', min: 2, max: 5, default: 2 },
  r1: row(1, 1, 4),
  r2: row(1, 3, 6),
  r3: row(1, 0, 3),
  r4: row(0, 1, 3),
  r5: row(1, -1, 2),
  k1: relation,
  k2: relation,
  k3: relation,
  k4: relation,
  k5: relation,
} as const satisfies Schema;

export const lpPresets = {
  /** Hillier and Lieberman's Wyndor Glass Co. problem: optimum (2, 6), 36, after three pivots. */
  wyndor: { sense: 'max', c1: 3, c2: 5, m: 3, r1: [1, 0, 4], r2: [0, 2, 12], r3: [3, 2, 18], k1: 'le', k2: 'le', k3: 'le' },
  /** x₁ + x₂ ≤ 2 and x₁ + x₂ ≥ 4 cannot both hold; phase 1 ends with w = 2 > 0. */
  infeasible: { sense: 'max', c1: 1, c2: 1, m: 2, r1: [1, 1, 2], r2: [1, 1, 4], k1: 'le', k2: 'ge' },
  /** A strip along the diagonal: x₁ + x₂ grows without bound along d = (1, 1). */
  unbounded: { sense: 'max', c1: 1, c2: 1, m: 2, r1: [1, -1, 2], r2: [-1, 1, 2], k1: 'le', k2: 'le' },
  /** Three lines through (2, 0): the second pivot has step length 0. */
  degenerate: { sense: 'max', c1: 2, c2: 1, m: 3, r1: [1, -1, 2], r2: [1, 0, 2], r3: [1, 1, 4], k1: 'le', k2: 'le', k3: 'le' },
} as const satisfies Presets<typeof lpSchema>;

export const ROW_FIELDS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
export const RELATION_FIELDS = ['k1', 'k2', 'k3', 'k4', 'k5'] as const;
export type RelationCode = (typeof relation.values)[number];
