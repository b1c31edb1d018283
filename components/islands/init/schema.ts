import type { Presets, Schema } from '../../../src/lib/state/codec';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the chapter 3.1.2 initialization island (`?init.init=he-normal&init.depth=20`).
 * The default is the text's own example: Gaussian weights with σ = 0.01 in a deep tanh
 * network, where the signal dies out within a few layers.
 */
export const initSchema = {
  init: { kind: 'enum', values: ['uniform', 'normal', 'glorot-normal', 'glorot-uniform', 'he-normal', 'he-uniform'], default: 'normal' },
  activation: { kind: 'enum', values: ['tanh', 'relu', 'sigmoid'], default: 'tanh' },
  depth: { kind: 'int', min: 1, max: 20, default: 10 },
  width: { kind: 'int', min: 16, max: 256, default: 64 },
  /** σ of the plain Gaussian initializer. */
  sigma: { kind: 'number', min: 0.0001, max: 10, default: 0.01 },
  /** a of the plain uniform initializer U(−a, a). */
  limit: { kind: 'number', min: 0.0001, max: 10, default: 0.05 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 1 },
  /** Draw the initializer the text recommends for this activation beside the chosen one. */
  compare: { kind: 'bool', default: true },
  backend: backendField,
} as const satisfies Schema;

export const initPresets = {
  /** The source's "small random numbers": U(−0.05, 0.05) in 10 tanh layers. */
  vanish: { init: 'uniform', limit: 0.05, activation: 'tanh', depth: 10 },
  xavier: { init: 'glorot-normal', activation: 'tanh', depth: 10 },
  'relu-xavier': { init: 'glorot-normal', activation: 'relu', depth: 20 },
  'relu-he': { init: 'he-normal', activation: 'relu', depth: 20 },
} as const satisfies Presets<typeof initSchema>;
