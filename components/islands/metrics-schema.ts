import type { Schema } from '../../src/lib/state/codec';

/**
 * URL state of the chapter 3.3 metrics island (`?metrics.tp=8&metrics.mode=threshold`).
 * The default matrix is deliberately imbalanced: accuracy looks high while recall is
 * poor, which is exactly where the difference between F1 and the source's formula shows.
 */
export const metricsSchema = {
  mode: { kind: 'enum', values: ['counts', 'threshold'], default: 'counts' },
  tp: { kind: 'int', min: 0, max: 1_000_000, default: 8 },
  fp: { kind: 'int', min: 0, max: 1_000_000, default: 4 },
  fn: { kind: 'int', min: 0, max: 1_000_000, default: 12 },
  tn: { kind: 'int', min: 0, max: 1_000_000, default: 176 },
  t: { kind: 'number', min: 0, max: 1, default: 0.5 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
} as const satisfies Schema;
