import type { Presets, Schema } from '../../../src/lib/state/codec';
import { backendField } from '../../../src/tf/backend-field';

/**
 * URL state of the 4.1.1 scaling view (`?gemm.backend=wasm&gemm.maxN=512`): the
 * TensorFlow.js backend (shared with chapter 5), the largest n, the time a single product
 * may take before the run stops, and which implementations run.
 */
export const gemmSchema = {
  backend: backendField,
  maxN: { kind: 'enum', values: ['256', '512', '1024', '2048'], default: '2048' },
  /** Seconds: a size whose product is predicted to take longer is not run. */
  budget: { kind: 'number', min: 0.5, max: 10, default: 3 },
  part: { kind: 'enum', values: ['both', 'js', 'tf'], default: 'both' },
} as const satisfies Schema;

export const gemmPresets = {
  quick: { maxN: '512', budget: 1 },
  webgpu: { backend: 'webgpu', part: 'tf' },
  wasm: { backend: 'wasm' },
  cpu: { backend: 'cpu' },
} as const satisfies Presets<typeof gemmSchema>;
