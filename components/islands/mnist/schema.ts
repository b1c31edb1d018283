import type { Schema } from '../../src/lib/state/codec';

/**
 * URL state of the chapter 5 training island (`?mnist.backend=wasm&mnist.epochs=1#live-mnist`):
 * the settings a workshop link can preset. Defaults are the source's: 5 epochs, batch 64,
 * Adam with Keras' default learning rate 0.001, all 60,000 training images.
 */
export const mnistSchema = {
  backend: { kind: 'enum', values: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'], default: 'auto' },
  slice: { kind: 'enum', values: ['quick', 'full'], default: 'full' },
  epochs: { kind: 'int', min: 1, max: 20, default: 5 },
  batch: { kind: 'int', min: 8, max: 512, default: 64 },
  lr: { kind: 'number', min: 0.00001, max: 0.1, default: 0.001 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
} as const satisfies Schema;
