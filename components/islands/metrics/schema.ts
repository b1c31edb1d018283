import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the chapter 3.3 metrics island (`?metrics.tp=8&metrics.mode=threshold`).
 * The default matrix is deliberately imbalanced: accuracy looks high while recall is
 * poor, which is exactly where the difference between F1 and the source's formula shows.
 */
export const metricsSchema = {
  mode: { kind: 'enum', values: ['counts', 'threshold', 'multiclass'], default: 'counts' },
  tp: { kind: 'int', min: 0, max: 1_000_000, default: 8 },
  fp: { kind: 'int', min: 0, max: 1_000_000, default: 4 },
  fn: { kind: 'int', min: 0, max: 1_000_000, default: 12 },
  tn: { kind: 'int', min: 0, max: 1_000_000, default: 176 },
  /** F_β's β: > 1 weighs recall more, < 1 precision. */
  beta: { kind: 'number', min: 0.1, max: 10, default: 1 },
  t: { kind: 'number', min: 0, max: 1, default: 0.5 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
  /** A 3×3 confusion matrix, row by row (rows: true class, columns: predicted). */
  cm: { kind: 'numbers', min: 0, max: 1_000_000, minLength: 9, maxLength: 9, integer: true, default: [50, 3, 2, 8, 30, 2, 4, 6, 15] },
} as const satisfies Schema;

export const metricsPresets = {
  /** The 1,000-email spam example of the chapter text. */
  emails: { mode: 'counts', tp: 80, fn: 20, fp: 30, tn: 870 },
  /** Recall matters more (a screening test): F2, and a lower threshold. */
  recall: { mode: 'threshold', beta: 2, t: 0.3 },
  multiclass: { mode: 'multiclass' },
} as const satisfies Presets<typeof metricsSchema>;
