import {
  dequantizeInt8,
  errorStats,
  fromFloat16,
  pruneByMagnitude,
  quantizeInt8,
  toFloat16,
  type ErrorStats,
  type Granularity,
  type PruneScope,
} from './quantize';

/**
 * The compression variants of chapter 9.4 applied to a model's weights, with exact byte
 * accounting of what a file would store. The rules, said once:
 * - kernels (conv [h, w, in, out], dense [in, out]) are quantized or pruned; biases (234 of the
 *   chapter 5 model's 93,322 parameters) always stay float32, as LiteRT keeps them wide too;
 * - float16: 2 bytes a value; int8: 1 byte a value plus one float32 scale per tensor or per
 *   output channel;
 * - pruned kernels are stored in whichever is smaller: dense, or a bitmap of which weights are
 *   kept (⌈n / 8⌉ bytes) plus the kept values (4 bytes each, 1 with int8) — so the size only
 *   shrinks as much as it would on disk.
 * Bytes count the weights only, not the model's JSON description.
 */

export interface WeightTensor {
  name: string;
  shape: readonly number[];
  values: Float32Array;
}

export type VariantId = 'float32' | 'float16' | 'int8-tensor' | 'int8-channel' | 'pruned' | 'pruned-int8';
export const VARIANT_IDS: readonly VariantId[] = ['float32', 'float16', 'int8-tensor', 'int8-channel', 'pruned', 'pruned-int8'];

export interface CompressionSettings {
  /** Share of kernel weights pruned, 0…0.99. */
  sparsity: number;
  scope: PruneScope;
  /** Scale granularity of the pruned-and-int8 variant. */
  granularity: Granularity;
}

export interface CompressedVariant {
  id: VariantId;
  /** The weights the model runs with (dequantized), in the input's order. */
  weights: Float32Array[];
  bytes: number;
  /** Of `bytes`: the stored values, the scales, the sparse bitmaps. */
  parts: { values: number; scales: number; bitmaps: number };
  /** Difference from the float32 weights, over the kernels. */
  error: ErrorStats;
  /** Kernel weights that are zero after the variant (pruned or rounded to 0). */
  zeros: number;
  kernelCount: number;
  /** float16 only: values beyond ±65,504 (became ±Inf) and nonzero values that became 0. */
  overflow: number;
  flushedToZero: number;
}

/** Kernels are the tensors with two or more axes; biases have one. */
export const isKernel = (t: WeightTensor): boolean => t.shape.length >= 2;

const countZeros = (values: Float32Array): number => values.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);

/** Bytes of one kernel stored with `bytesPerValue`, dense or bitmap + kept values, whichever is smaller. */
export function kernelStorage(values: Float32Array, bytesPerValue: number, sparse: boolean): { values: number; bitmaps: number } {
  const dense = values.length * bytesPerValue;
  if (!sparse) return { values: dense, bitmaps: 0 };
  const kept = values.length - countZeros(values);
  const bitmap = Math.ceil(values.length / 8);
  return kept * bytesPerValue + bitmap < dense ? { values: kept * bytesPerValue, bitmaps: bitmap } : { values: dense, bitmaps: 0 };
}

export function compressVariant(tensors: readonly WeightTensor[], id: VariantId, settings: CompressionSettings): CompressedVariant {
  const kernelIndex = tensors.map((t, i) => (isKernel(t) ? i : -1)).filter((i) => i >= 0);
  const kernels = kernelIndex.map((i) => tensors[i]!.values);
  let newKernels: Float32Array[] = kernels.map((k) => Float32Array.from(k));
  const parts = { values: 0, scales: 0, bitmaps: 0 };
  let overflow = 0;
  let flushedToZero = 0;
  const pruned = id === 'pruned' || id === 'pruned-int8';
  if (pruned) newKernels = pruneByMagnitude(kernels, settings.sparsity, settings.scope).pruned;
  const granularity: Granularity | null = id === 'int8-tensor' ? 'tensor' : id === 'int8-channel' ? 'channel' : id === 'pruned-int8' ? settings.granularity : null;
  newKernels = newKernels.map((k, j) => {
    const shape = tensors[kernelIndex[j]!]!.shape;
    if (id === 'float16') {
      const half = toFloat16(k);
      overflow += half.overflow;
      flushedToZero += half.flushedToZero;
      parts.values += 2 * k.length;
      return fromFloat16(half.bits);
    }
    if (granularity) {
      const q = quantizeInt8(k, shape, granularity);
      parts.scales += 4 * q.scales.length;
      const dequantized = dequantizeInt8(q);
      const stored = kernelStorage(dequantized, 1, pruned);
      parts.values += stored.values;
      parts.bitmaps += stored.bitmaps;
      return dequantized;
    }
    const stored = kernelStorage(k, 4, pruned);
    parts.values += stored.values;
    parts.bitmaps += stored.bitmaps;
    return k;
  });
  const weights = tensors.map((t) => t.values);
  kernelIndex.forEach((i, j) => (weights[i] = newKernels[j]!));
  for (const t of tensors) if (!isKernel(t)) parts.values += 4 * t.values.length;
  return {
    id,
    weights,
    bytes: parts.values + parts.scales + parts.bitmaps,
    parts,
    error: errorStats(kernels, newKernels),
    zeros: newKernels.reduce((n, k) => n + countZeros(k), 0),
    kernelCount: kernels.reduce((n, k) => n + k.length, 0),
    overflow,
    flushedToZero,
  };
}

/** A key that changes exactly when the variant's weights would: what the worker caches results by. */
export function variantKey(id: VariantId, settings: CompressionSettings): string {
  if (id === 'pruned') return `${id}:${settings.sparsity}:${settings.scope}`;
  if (id === 'pruned-int8') return `${id}:${settings.sparsity}:${settings.scope}:${settings.granularity}`;
  return id;
}

/** How two models' outputs on the same images differ: predictions changed, largest output difference. */
export interface OutputComparison {
  count: number;
  changed: number;
  maxAbsDelta: number;
}

export const argmaxRows = (outputs: Float32Array, classes: number): Uint8Array => {
  const count = outputs.length / classes;
  const predicted = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (outputs[r * classes + k]! > outputs[r * classes + best]!) best = k;
    predicted[r] = best;
  }
  return predicted;
};

export function compareOutputs(a: Float32Array, b: Float32Array, classes: number): OutputComparison {
  if (a.length !== b.length || a.length % classes !== 0) throw new RangeError('outputs of different shapes');
  const pa = argmaxRows(a, classes);
  const pb = argmaxRows(b, classes);
  let changed = 0;
  pa.forEach((p, i) => (changed += p === pb[i] ? 0 : 1));
  let maxAbsDelta = 0;
  a.forEach((v, i) => (maxAbsDelta = Math.max(maxAbsDelta, Math.abs(v - b[i]!))));
  return { count: pa.length, changed, maxAbsDelta };
}

export function accuracyOf(predicted: Uint8Array, labels: Uint8Array): number {
  let correct = 0;
  predicted.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
  return predicted.length ? correct / predicted.length : 0;
}

/**
 * Bytes of a TensorFlow.js weights file (`weights.bin`) for these shapes: kernels as float32,
 * float16 or affine uint8 (the manifest's `quantization` entry holds min and scale, in the JSON),
 * biases always float32.
 */
export function weightFileBytes(shapes: readonly (readonly number[])[], format: 'float32' | 'float16' | 'uint8'): number {
  const perValue = { float32: 4, float16: 2, uint8: 1 }[format];
  return shapes.reduce((n, shape) => n + shape.reduce((a, b) => a * b, 1) * (shape.length >= 2 ? perValue : 4), 0);
}
