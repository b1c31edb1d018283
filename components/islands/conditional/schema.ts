import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.2.2 conditional-probability island (`?cond.pA=0.3&cond.pAB=0.12`).
 * Each probability may be anything in [0, 1]; whether the three fit together is the
 * engine's question, and an impossible triple is explained, not refused by the codec.
 */
export const condSchema = {
  pA: { kind: 'number', min: 0, max: 1, default: 0.3 },
  pB: { kind: 'number', min: 0, max: 1, default: 0.5 },
  pAB: { kind: 'number', min: 0, max: 1, default: 0.2 },
  /** Which event is known to have happened: the sample space shrinks to it. */
  given: { kind: 'enum', values: ['none', 'b', 'a'], default: 'b' },
} as const satisfies Schema;

export const condPresets = {
  independent: { pA: 0.3, pB: 0.4, pAB: 0.12 },
  disjoint: { pA: 0.3, pB: 0.4, pAB: 0 },
  /** B almost implies A, A does not imply B: P(A|B) and P(B|A) far apart. */
  dependent: { pA: 0.2, pB: 0.5, pAB: 0.18, given: 'a' },
  /** The chapter's two dice: A = "sum is 8", B = "first die shows 3". */
  dice: { pA: 0.138888888889, pB: 0.166666666667, pAB: 0.0277777777778 },
} as const satisfies Presets<typeof condSchema>;
