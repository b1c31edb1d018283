/**
 * The number formats of model compression (chapter 9.4), written out so the reader can see
 * every rounding: IEEE 754 half precision (float16), symmetric int8 per tensor or per output
 * channel, affine uint8 (the one quantization TensorFlow.js's weight files can express), and
 * magnitude pruning. Pure functions over typed arrays; nothing here knows about TensorFlow.js.
 */

/** The smallest positive normal half, 2^-14, and the subnormal step, 2^-24. */
const HALF_MIN_NORMAL = 2 ** -14;
const HALF_SUBNORMAL_STEP = 2 ** -24;

/** Rounds a non-negative double to an integer, ties to even (IEEE's default rounding). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The float16 bit pattern nearest to the float32 value of `value` (ties to even; overflow gives ±Inf). */
export function toFloat16Bits(value: number): number {
  const x = Math.fround(value);
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a < HALF_MIN_NORMAL) {
    // Subnormal (or zero): a multiple of 2^-24; 1024 steps round up into the smallest normal.
    return sign | roundHalfEven(a / HALF_SUBNORMAL_STEP);
  }
  let exponent = Math.floor(Math.log2(a));
  if (2 ** exponent > a) exponent--;
  if (2 ** (exponent + 1) <= a) exponent++;
  let mantissa = roundHalfEven((a / 2 ** exponent - 1) * 1024);
  if (mantissa === 1024) {
    mantissa = 0;
    exponent++;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | ((exponent + 15) << 10) | mantissa;
}

/** The value of a float16 bit pattern. */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * HALF_SUBNORMAL_STEP;
  if (exponent === 31) return mantissa ? Number.NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

export interface Float16Tensor {
  bits: Uint16Array;
  /** How many values were larger than the largest half (65,504) and became ±Inf. */
  overflow: number;
  /** How many nonzero values became ±0 (below half the smallest subnormal). */
  flushedToZero: number;
}

export function toFloat16(values: Float32Array): Float16Tensor {
  const bits = new Uint16Array(values.length);
  let overflow = 0;
  let flushedToZero = 0;
  values.forEach((v, i) => {
    const h = toFloat16Bits(v);
    bits[i] = h;
    if ((h & 0x7fff) === 0x7c00 && Math.abs(v) !== Infinity) overflow++;
    if ((h & 0x7fff) === 0 && v !== 0) flushedToZero++;
  });
  return { bits, overflow, flushedToZero };
}

export const fromFloat16 = (bits: Uint16Array): Float32Array => Float32Array.from(bits, fromFloat16Bits);

export type Granularity = 'tensor' | 'channel';

/** Symmetric int8: q = round(w / scale) in −127…127 with scale = max|w| / 127 per group. */
export interface Int8Tensor {
  q: Int8Array;
  /** One scale per tensor, or per output channel (the last axis). */
  scales: Float32Array;
  /** Number of output channels (the last axis' length). */
  channels: number;
}

/** The output channel of each element: conv kernels are [h, w, in, out], dense [in, out]; the last axis varies fastest. */
export const channelOf = (index: number, channels: number): number => index % channels;

export function quantizeInt8(values: Float32Array, shape: readonly number[], granularity: Granularity): Int8Tensor {
  const channels = shape.at(-1) ?? 1;
  if (channels < 1 || values.length % channels !== 0) throw new RangeError(`shape [${shape.join(', ')}] does not fit ${values.length} values`);
  const groups = granularity === 'channel' ? channels : 1;
  const maxAbs = new Float64Array(groups);
  values.forEach((v, i) => {
    const g = groups === 1 ? 0 : channelOf(i, channels);
    maxAbs[g] = Math.max(maxAbs[g] ?? 0, Math.abs(v));
  });
  const scales = Float32Array.from(maxAbs, (m) => m / 127);
  const q = new Int8Array(values.length);
  values.forEach((v, i) => {
    const scale = scales[groups === 1 ? 0 : channelOf(i, channels)] ?? 0;
    if (scale === 0) return;
    const r = Math.round(Math.abs(v) / scale) * Math.sign(v);
    q[i] = Math.max(-127, Math.min(127, r));
  });
  return { q, scales, channels };
}

export function dequantizeInt8(t: Int8Tensor): Float32Array {
  const groups = t.scales.length;
  return Float32Array.from(t.q, (q, i) => q * (t.scales[groups === 1 ? 0 : channelOf(i, t.channels)] ?? 0));
}

/**
 * Affine uint8 per tensor, as TensorFlow.js's weights manifest stores it
 * (`quantization: { dtype: 'uint8', min, scale }`, read back as q · scale + min).
 */
export interface Uint8Tensor {
  q: Uint8Array;
  min: number;
  scale: number;
}

export function quantizeUint8(values: Float32Array): Uint8Tensor {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!values.length) return { q: new Uint8Array(0), min: 0, scale: 1 };
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  const q = Uint8Array.from(values, (v) => Math.max(0, Math.min(255, Math.round((v - lo) / scale))));
  return { q, min: lo, scale };
}

/** What TensorFlow.js computes when it loads such a tensor (float32 of q · scale + min). */
export const dequantizeUint8 = (t: Uint8Tensor): Float32Array => Float32Array.from(t.q, (q) => q * t.scale + t.min);

export type PruneScope = 'global' | 'layer';

/**
 * Magnitude pruning: sets the `round(s · n)` weights of smallest |w| to zero, either ranked
 * over all the given tensors together (`global`: layers with many small weights lose more) or
 * within each tensor (`layer`: every tensor loses the same share, `round(s · n_l)` each).
 * Ties go to the earlier tensor and index, so the count zeroed is exact. Returns copies.
 */
export function pruneByMagnitude(tensors: readonly Float32Array[], sparsity: number, scope: PruneScope): { pruned: Float32Array[]; zeroed: number } {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new RangeError(`sparsity ${sparsity} is outside 0…1`);
  const pruned = tensors.map((t) => Float32Array.from(t));
  const groups = scope === 'global' ? [pruned.map((_, i) => i)] : pruned.map((_, i) => [i]);
  let zeroed = 0;
  for (const group of groups) {
    const entries: { t: number; i: number; a: number }[] = [];
    for (const t of group) pruned[t]!.forEach((v, i) => entries.push({ t, i, a: Math.abs(v) }));
    entries.sort((x, y) => x.a - y.a || x.t - y.t || x.i - y.i);
    const k = Math.round(sparsity * entries.length);
    for (let n = 0; n < k; n++) {
      const e = entries[n]!;
      pruned[e.t]![e.i] = 0;
    }
    zeroed += k;
  }
  return { pruned, zeroed };
}

export interface ErrorStats {
  maxAbs: number;
  meanAbs: number;
  count: number;
}

export function errorStats(original: readonly Float32Array[], changed: readonly Float32Array[]): ErrorStats {
  let maxAbs = 0;
  let sum = 0;
  let count = 0;
  original.forEach((o, t) => {
    const c = changed[t]!;
    o.forEach((v, i) => {
      const e = Math.abs((c[i] ?? 0) - v);
      maxAbs = Math.max(maxAbs, e);
      sum += e;
      count++;
    });
  });
  return { maxAbs, meanAbs: count ? sum / count : 0, count };
}
