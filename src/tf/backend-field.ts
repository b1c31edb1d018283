import type { EnumField } from '../lib/state/codec';

/** The backends TensorFlow.js runs on here, in the order "auto" falls back through them. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];
export type BackendChoice = 'auto' | BackendName;

/** The schema field every TensorFlow.js island shares (`?mnist.backend=wasm`). */
export const backendField = {
  kind: 'enum',
  values: ['auto', ...BACKEND_ORDER],
  default: 'auto',
} as const satisfies EnumField<BackendChoice>;
