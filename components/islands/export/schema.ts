import type { Presets, Schema } from '../../../src/lib/state/codec';
import { modelFields } from '../compress/model-source';

/**
 * URL state of the 9.3 export island (`?export.format=uint8#live-export`): the model (as in 9.4)
 * and the format its kernels are written in.
 */
export const exportSchema = {
  ...modelFields,
  format: { kind: 'enum', values: ['float32', 'float16', 'uint8'], default: 'float32' },
} as const satisfies Schema;

export const exportPresets = {
  /** Kernels as float16: half the file, predictions almost never change. */
  float16: { format: 'float16' },
  /** Kernels as affine uint8 with min and scale per tensor, as TensorFlow.js's manifest allows. */
  uint8: { format: 'uint8' },
} as const satisfies Presets<typeof exportSchema>;
