import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.4 worked-example island: min w₁x₁² + w₂x₂² s.t. a₁x₁ + a₂x₂ = b,
 * x ≥ 0, and the reader's point on the line at parameter `t` (its x₁, or its x₂ when
 * a₂ = 0 makes the line vertical). Weights and coefficients may be typed as 0 or
 * negative on purpose: the engine's codes explain why such a problem is refused.
 */
export const exampleSchema = {
  t: { kind: 'number', min: -100, max: 100, default: 0.8 },
  w1: { kind: 'number', min: -10, max: 10, default: 1 },
  w2: { kind: 'number', min: -10, max: 10, default: 1 },
  a1: { kind: 'number', min: -10, max: 10, default: 1 },
  a2: { kind: 'number', min: -10, max: 10, default: 1 },
  b: { kind: 'number', min: -10, max: 10, default: 1 },
} as const satisfies Schema;

export const examplePresets = {
  /** The source's "minimum 1": the end (1, 0) of the segment, where f is largest. */
  endpoint: { t: 1 },
  /** x₂ costs three times as much: the optimum moves to (0.75, 0.25), λ = 1.5. */
  weighted: { w2: 3, t: 0.3 },
  /** x₁ − x₂ = 1: on the line f is least at (0.5, −0.5), so x₂ ≥ 0 becomes active. */
  corner: { a2: -1, t: 1.6 },
  /** x₁ + x₂ = −1 has no point with x ≥ 0. */
  infeasible: { b: -1, t: -0.5 },
} as const satisfies Presets<typeof exampleSchema>;
