import { createRng } from '../../../src/lib/random/prng';
import { compressVariant, isKernel, VARIANT_IDS, type CompressedVariant, type CompressionSettings, type WeightTensor } from '../../../src/lib/ml/compression';

/**
 * The chapter 5 CNN's weight tensors in TensorFlow.js's order (kernel, bias per layer):
 * conv kernels [h, w, in, out], dense kernels [in, out]. 93,322 values in all.
 */
export const MNIST_WEIGHT_SHAPES: readonly (readonly number[])[] = [
  [3, 3, 1, 32], [32], [3, 3, 32, 64], [64], [3, 3, 64, 64], [64], [576, 64], [64], [64, 10], [10],
];

export const countOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
export const BIAS_COUNT = MNIST_WEIGHT_SHAPES.filter((s) => s.length === 1).reduce((n, s) => n + countOf(s), 0);

/**
 * Weights of the right shapes with no exact zeros (seeded normal values): every byte count
 * depends only on the shapes and on how many weights are zero, so these give the real byte
 * counts of any trained chapter 5 model for the static fallback.
 */
export function shapeOnlyTensors(seed = 5): WeightTensor[] {
  const rng = createRng(seed);
  return MNIST_WEIGHT_SHAPES.map((shape, i) => ({
    name: `w${i}`,
    shape,
    values: Float32Array.from({ length: countOf(shape) }, () => {
      const v = rng.normal();
      return v === 0 ? 1 : v;
    }),
  }));
}

/** The byte counts of every variant for the fallback table (no accuracies: nothing ran). */
export function fallbackVariants(settings: CompressionSettings): CompressedVariant[] {
  const tensors = shapeOnlyTensors();
  return VARIANT_IDS.map((id) => compressVariant(tensors, id, settings));
}

export const kernelCount = (): number => MNIST_WEIGHT_SHAPES.filter((s) => isKernel({ name: '', shape: s, values: new Float32Array(0) })).reduce((n, s) => n + countOf(s), 0);
