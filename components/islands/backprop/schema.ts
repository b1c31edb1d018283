import type { Presets, Schema } from '../../../src/lib/state/codec';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the chapter 3.1.3–3.1.5 island (`?bp.mode=run&bp.data=xor&bp.steps=400`).
 * A training run is its settings plus `steps`: the same link replays the same run (seeded
 * data, initialization and batch order), so no weights travel in the URL.
 */
export const MAX_STEPS = 3000;

export const backpropSchema = {
  mode: { kind: 'enum', values: ['step', 'run'], default: 'step' },
  data: { kind: 'enum', values: ['moons', 'circles', 'xor', 'linear'], default: 'moons' },
  noise: { kind: 'number', min: 0, max: 0.5, default: 0.1 },
  seed: { kind: 'int', min: 1, max: 999_999, default: 1 },
  depth: { kind: 'int', min: 1, max: 3, default: 2 },
  width: { kind: 'int', min: 1, max: 8, default: 3 },
  activation: { kind: 'enum', values: ['tanh', 'relu', 'sigmoid'], default: 'tanh' },
  lr: { kind: 'number', min: 0.001, max: 100, default: 0.3 },
  batch: { kind: 'int', min: 1, max: 100, default: 10 },
  /** Training updates taken from the seeded initialization. */
  steps: { kind: 'int', min: 0, max: MAX_STEPS, default: 0 },
  /** The training sample step mode follows. */
  sample: { kind: 'int', min: 0, max: 99, default: 0 },
  /** Position in step mode (clamped to the network's last stage). */
  stage: { kind: 'int', min: 0, max: 56, default: 0 },
  backend: backendField,
} as const satisfies Schema;

export const backpropPresets = {
  /** After 200 updates, at the first backward stage: δ of the output neuron. */
  'moons-step': { mode: 'step', data: 'moons', steps: 200, sample: 7, stage: 9 },
  xor: { mode: 'run', data: 'xor', depth: 2, width: 4, activation: 'tanh', lr: 0.3, batch: 10, steps: 400 },
  diverge: { mode: 'run', data: 'moons', lr: 100, steps: 50 },
  linear: { mode: 'run', data: 'linear', depth: 1, width: 1, lr: 0.3, steps: 200 },
} as const satisfies Presets<typeof backpropSchema>;
