import type { Presets, Schema } from '../../../src/lib/state/codec';

/** Largest entry the island keeps (and a link can carry): beyond it a typed value is refused. */
export const ENTRY_LIMIT = 1e9;

const entries = (values: readonly number[]) =>
  ({ kind: 'numbers', min: -ENTRY_LIMIT, max: ENTRY_LIMIT, minLength: 1, maxLength: 36, default: values }) as const;

/**
 * URL state of the 4.1.1 matrix island (`?mat.op=multiply&mat.ar=2&mat.a=1,2,3,4`). A and B
 * are stored row by row with their sizes; `step` is how many recorded LU steps are shown.
 * The default is the chapter's own system 2x₁ + x₂ = 3, x₁ + 3x₂ = 5.
 */
export const matrixSchema = {
  op: { kind: 'enum', values: ['solve', 'inverse', 'det', 'add', 'subtract', 'multiply'], default: 'solve' },
  ar: { kind: 'int', min: 1, max: 6, default: 2 },
  ac: { kind: 'int', min: 1, max: 6, default: 2 },
  a: entries([2, 1, 1, 3]),
  br: { kind: 'int', min: 1, max: 6, default: 2 },
  bc: { kind: 'int', min: 1, max: 6, default: 1 },
  b: entries([3, 5]),
  step: { kind: 'int', min: 0, max: 40, default: 0 },
  /** Significant digits shown. */
  digits: { kind: 'int', min: 2, max: 15, default: 4 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 7 },
} as const satisfies Schema;

export const DIGIT_CHOICES = [3, 4, 6, 10, 15] as const;

export const matrixPresets = {
  /** 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3: x = (2, 3, −1); its first pivot needs a row swap. */
  solve3: { op: 'solve', ar: 3, ac: 3, a: [2, 1, -1, -3, -1, 2, -2, 1, 2], br: 3, bc: 1, b: [8, -11, -3], step: 0 },
  /** Rows 1…9: rank 2, no inverse; the elimination meets a zero pivot. */
  singular: { op: 'solve', ar: 3, ac: 3, a: [1, 2, 3, 4, 5, 6, 7, 8, 9], br: 3, bc: 1, b: [1, 2, 3], step: 0 },
  /** 27720 · H₆ (integers, stored exactly) with B = row sums, so the exact solution is all ones. */
  hilbert6: {
    op: 'solve',
    ar: 6,
    ac: 6,
    a: [
      27720, 13860, 9240, 6930, 5544, 4620, 13860, 9240, 6930, 5544, 4620, 3960, 9240, 6930, 5544, 4620, 3960, 3465, 6930, 5544, 4620, 3960,
      3465, 3080, 5544, 4620, 3960, 3465, 3080, 2772, 4620, 3960, 3465, 3080, 2772, 2520,
    ],
    br: 6,
    bc: 1,
    b: [67914, 44154, 33759, 27599, 23441, 20417],
    digits: 15,
    step: 0,
  },
  /** A 2×3 times B 2×2: the inner sizes differ. */
  mismatch: { op: 'multiply', ar: 2, ac: 3, a: [1, 2, 3, 4, 5, 6], br: 2, bc: 2, b: [1, 0, 0, 1], step: 0 },
} as const satisfies Presets<typeof matrixSchema>;
