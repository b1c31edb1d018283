import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.3.3 optimal-control island (`?lqr.wf=1&lqr.n=20`): a cart on a track,
 * pushed by a force, to be brought to rest at position 0. The weights are let through
 * below zero on purpose: the engine refuses them with a code the island explains.
 */
export const lqrSchema = {
  /** Weight on the squared position in Q = diag(wp, wv). */
  wp: { kind: 'number', min: -10, max: 100, default: 1 },
  wv: { kind: 'number', min: -10, max: 100, default: 0.5 },
  /** R: the price of force. */
  wf: { kind: 'number', min: -1, max: 10, default: 0.05 },
  /** Q_f = wt · Q. */
  wt: { kind: 'number', min: 0, max: 1000, default: 10 },
  n: { kind: 'int', min: 1, max: 200, default: 50 },
  p0: { kind: 'number', min: -5, max: 5, default: 2 },
  v0: { kind: 'number', min: -5, max: 5, default: 1 },
  /** The naive law to compare with: PD feedback or constant braking. */
  naive: { kind: 'enum', values: ['pd', 'braking'], default: 'pd' },
  kp: { kind: 'number', min: 0, max: 50, default: 1 },
  kd: { kind: 'number', min: 0, max: 50, default: 1 },
  brake: { kind: 'number', min: 0.1, max: 20, default: 2 },
} as const satisfies Schema;

export const lqrPresets = {
  /** Position error is cheap, force is expensive: a slow, soft approach. */
  gentle: { wp: 1, wv: 0.1, wf: 1 },
  /** Position error is expensive, force almost free: a hard shove and a quick stop. */
  aggressive: { wp: 10, wv: 1, wf: 0.01 },
  /** One second only: the cart cannot arrive, and the gains near the end differ from the steady ones. */
  'short-horizon': { n: 10 },
  /** Brake as hard as allowed: the cart stops quickly, but far from the target. */
  braking: { naive: 'braking', brake: 2 },
} as const satisfies Presets<typeof lqrSchema>;
