import type { Presets, Schema } from '../../../src/lib/state/codec';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the chapter 5 training island (`?mnist.backend=wasm&mnist.epochs=1#live-mnist`):
 * the settings a workshop link can preset. The model and optimizer are the source's (batch 64,
 * Adam with Keras' default learning rate 0.001); the default run is the quick one (6,000
 * images, 1 epoch, well under a minute), and the `source` preset is the source's full run.
 */
export const mnistSchema = {
  backend: backendField,
  slice: { kind: 'enum', values: ['quick', 'full'], default: 'quick' },
  epochs: { kind: 'int', min: 1, max: 20, default: 1 },
  batch: { kind: 'int', min: 8, max: 512, default: 64 },
  lr: { kind: 'number', min: 0.00001, max: 0.1, default: 0.001 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
} as const satisfies Schema;

export const mnistPresets = {
  /** The source's run: all 60,000 training images, 5 epochs. */
  source: { slice: 'full', epochs: 5 },
  /** Three quick epochs: enough to see the curves bend. */
  short: { slice: 'quick', epochs: 3 },
  /** The CPU backend, to compare speeds in a workshop. */
  cpu: { backend: 'cpu' },
} as const satisfies Presets<typeof mnistSchema>;
