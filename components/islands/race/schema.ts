import type { Presets, Schema } from '../../../src/lib/state/codec';
import type { RacerId } from '../../../src/lib/ml/race';
import type { SurfaceId } from '../../../src/lib/ml/surfaces';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the chapter 3.2 optimizer race (`?race.surface=rosenbrock&race.lr=0.002`).
 * One learning rate and one set of hyperparameters for all six racers, as in the engine:
 * what differs between them is only how each computes its gradient and its update rule.
 * `start` is empty for the surface's own start, else x,y; `off` lists the racers hidden
 * (1–6 in the order of RACER_IDS). The value lists are written out rather than imported, so
 * that evaluating the schema never waits on an engine module (the bundler may split them).
 */
export const raceSchema = {
  mode: { kind: 'enum', values: ['race', 'digits'], default: 'race' },
  surface: { kind: 'enum', values: ['bowl', 'rosenbrock', 'saddle', 'regression'] satisfies readonly SurfaceId[], default: 'bowl' },
  kappa: { kind: 'number', min: 1, max: 1000, default: 10 },
  lr: { kind: 'number', min: 0.0001, max: 10, default: 0.1 },
  steps: { kind: 'int', min: 10, max: 5000, default: 200 },
  batch: { kind: 'int', min: 1, max: 300, default: 8 },
  adaptive: { kind: 'enum', values: ['minibatch', 'full'], default: 'minibatch' },
  momentum: { kind: 'number', min: 0, max: 0.99, default: 0.9 },
  rho: { kind: 'number', min: 0, max: 0.999, default: 0.9 },
  beta1: { kind: 'number', min: 0, max: 0.999, default: 0.9 },
  beta2: { kind: 'number', min: 0, max: 0.9999, default: 0.999 },
  eps: { kind: 'number', min: 1e-10, max: 1, default: 1e-8 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 1 },
  start: { kind: 'numbers', min: -10, max: 10, minLength: 0, maxLength: 2, default: [] },
  per: { kind: 'enum', values: ['step', 'eval'], default: 'step' },
  focus: { kind: 'enum', values: ['batch-gd', 'sgd', 'minibatch', 'momentum', 'rmsprop', 'adam'] satisfies readonly RacerId[], default: 'adam' },
  off: { kind: 'numbers', min: 1, max: 6, minLength: 0, maxLength: 6, integer: true, default: [] },
  epochs: { kind: 'int', min: 1, max: 50, default: 10 },
  backend: backendField,
} as const satisfies Schema;

export const racePresets = {
  /** κ = 50: plain gradient descent zigzags across the valley, momentum runs along it. */
  'narrow-valley': { surface: 'bowl', kappa: 50, lr: 0.45, steps: 150, off: [2, 3, 5, 6], focus: 'momentum' },
  /** η = 0.55 just above GD's bound 2/λ_max = 0.5: it zigzags outwards and leaves. */
  'gd-diverges': { surface: 'bowl', lr: 0.55, steps: 100, focus: 'batch-gd' },
  /** η = 1: GD and momentum leave at once, RMSProp bounces, Adam still arrives (its step does not grow with the gradient). */
  'adam-large-lr': { surface: 'bowl', lr: 1, steps: 120, focus: 'adam' },
  rosenbrock: { surface: 'rosenbrock', lr: 0.002, steps: 1500, focus: 'momentum' },
  /** Least squares on 64 points: per gradient evaluated, SGD is far ahead of batch GD. */
  noisy: { surface: 'regression', lr: 0.1, steps: 300, per: 'eval', off: [4, 5, 6], focus: 'sgd' },
  digits: { mode: 'digits', lr: 0.05, batch: 32, epochs: 10 },
} as const satisfies Presets<typeof raceSchema>;
