import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.2.1 distributions island (`?dist.kind=poisson&dist.lambda=3`).
 * The parameter fields accept more than the distributions allow (p = 1.5, σ = −1,
 * n = 2.5): such a value reaches the engine, whose validation code the island explains
 * in words, which teaches more than the codec's plain "out of range".
 */
export const distSchema = {
  kind: { kind: 'enum', values: ['binomial', 'normal', 'poisson'], default: 'binomial' },
  n: { kind: 'number', min: -1e9, max: 1e9, default: 10 },
  p: { kind: 'number', min: -100, max: 100, default: 0.5 },
  mu: { kind: 'number', min: -1000, max: 1000, default: 0 },
  sigma: { kind: 'number', min: -1000, max: 1000, default: 1 },
  lambda: { kind: 'number', min: -1000, max: 1e9, default: 3 },
  /** Where P(X = x), f(x) and F(x) are evaluated. */
  x: { kind: 'number', min: -1e9, max: 1e9, default: 5 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 1 },
  /** How many seeded draws the histogram holds. */
  draws: { kind: 'int', min: 0, max: 100_000, default: 1000 },
} as const satisfies Schema;

export const distPresets = {
  /** A rare success in many trials: Poisson(np) fits, the normal does not. */
  'binomial-vs-poisson': { kind: 'binomial', n: 1000, p: 0.003, x: 3 },
  /** np and n(1−p) both large: the bell shape appears. */
  'normal-approx': { kind: 'binomial', n: 100, p: 0.5, x: 50 },
  /** The chapter's example: 3 requests a minute on average. */
  'rare-events': { kind: 'poisson', lambda: 3, x: 2 },
  'standard-normal': { kind: 'normal', mu: 0, sigma: 1, x: 1.96 },
} as const satisfies Presets<typeof distSchema>;
