import type { Rng } from '../random/prng';
import { initBiases, initWeights, type InitScheme } from './initializers';

/**
 * Chapter 3.1.2: what an initialization does to a deep MLP. A batch of real digits (784
 * inputs) goes through `depth` dense hidden layers of `width` units and a 10-way softmax
 * output; the engine reports, per hidden layer, the activations' statistics and histogram
 * and, from one backward pass of the cross-entropy loss, the spread of the weight gradients
 * and of ∂L/∂activation — so vanishing or exploding signals show layer by layer.
 *
 * Values are float32 like TensorFlow.js's (sums accumulate in float64, then round), so
 * deep-stack-tf.ts reproduces them from the same weights.
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid';

export interface DenseLayer {
  fanIn: number;
  fanOut: number;
  /** fanIn × fanOut, row-major. */
  kernel: Float32Array;
  bias: Float32Array;
}

export interface DigitBatch {
  count: number;
  /** count × 784 pixels in [0, 1]. */
  x: Float32Array;
  labels: Uint8Array;
}

export interface LayerStats {
  /** 1 = the first hidden layer. */
  layer: number;
  mean: number;
  std: number;
  /** tanh: |a| > 0.99; sigmoid: a < 0.01 or a > 0.99. Null for ReLU. */
  saturated: number | null;
  /** ReLU: share of activations that are exactly 0. Null otherwise. */
  zero: number | null;
  /** ReLU: share of units that are 0 for every digit of the batch. Null otherwise. */
  dead: number | null;
  /** Counts in `bins` equal bins over the result's histogramDomain (edges: histogramEdges); the last bin also counts values above it. */
  histogram: number[];
  /** How many activations lay above histogramDomain (ReLU only). */
  above: number;
  /** Population std of ∂L/∂W of the kernel that feeds this layer. */
  weightGradStd: number;
  /** Population std of ∂L/∂(this layer's activations). */
  activationGradStd: number;
}

export type DeepStackResult =
  | { ok: true; loss: number; hidden: LayerStats[]; outputWeightGradStd: number; histogramDomain: [number, number] }
  | { ok: false; code: 'overflow'; layer: number; phase: 'forward' | 'backward' };

export interface StatsOptions {
  /** Histogram bins (default 40). */
  bins?: number;
  /** Upper end of the ReLU histogram (default 4). */
  reluMax?: number;
}

export const INPUTS = 784;
export const CLASSES = 10;
export const SATURATION = 0.99;

/** `depth` hidden layers of `width` units and the 10-way output layer, all drawn with `init`; biases 0. */
export function initDeepStack(depth: number, width: number, init: InitScheme, rng: Rng): DenseLayer[] {
  if (!Number.isInteger(depth) || depth < 1 || !Number.isInteger(width) || width < 1) {
    throw new RangeError(`depth and width must be positive integers, got ${depth}, ${width}`);
  }
  const sizes = [INPUTS, ...new Array<number>(depth).fill(width), CLASSES];
  return sizes.slice(1).map((fanOut, i) => {
    const fanIn = sizes[i] ?? 0;
    return { fanIn, fanOut, kernel: initWeights(init, fanIn, fanOut, rng), bias: initBiases(fanOut) };
  });
}

/** The first `count` digits of a uint8 sample (count × 784), scaled to [0, 1]. */
export function digitBatch(images: Uint8Array, labels: Uint8Array, count: number = labels.length): DigitBatch {
  if (!Number.isInteger(count) || count < 1 || count > labels.length || images.length < count * INPUTS) {
    throw new RangeError(`cannot take ${count} digits from ${labels.length}`);
  }
  const x = new Float32Array(count * INPUTS);
  for (let i = 0; i < x.length; i++) x[i] = (images[i] ?? 0) / 255;
  return { count, x, labels: labels.slice(0, count) };
}

export function histogramDomain(activation: Activation, reluMax = 4): [number, number] {
  if (!(reluMax > 0)) throw new RangeError(`reluMax must be > 0, got ${reluMax}`);
  return activation === 'tanh' ? [-1, 1] : activation === 'sigmoid' ? [0, 1] : [0, reluMax];
}

/**
 * Bin k of `bins` over [lo, hi] holds edges[k] ≤ a < edges[k + 1], with edges[0] = −∞ and
 * edges[bins] = +∞ (so the end bins also take what lies beyond the domain). The inner edges are
 * float32, like the activations: comparing float32 with float32 gives the same bins here and on
 * any TF.js backend, where computing floor((a − lo) · bins / (hi − lo)) in float32 would not
 * (a = −1e−9 rounds onto the edge at 0).
 */
export function histogramEdges([lo, hi]: readonly [number, number], bins: number): Float32Array {
  const edges = new Float32Array(bins + 1);
  for (let k = 1; k < bins; k++) edges[k] = lo + (k * (hi - lo)) / bins;
  edges[0] = -Infinity;
  edges[bins] = Infinity;
  return edges;
}

const activate: Record<Activation, (z: number) => number> = {
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};

/** f'(z) written with the activation a = f(z), as TF.js's gradients are. */
const slope: Record<Activation, (a: number) => number> = {
  tanh: (a) => 1 - a * a,
  relu: (a) => (a > 0 ? 1 : 0),
  sigmoid: (a) => a * (1 - a),
};

/** rows × n times n × m, plus a bias row; float64 sums rounded to float32. */
function dense(a: Float32Array, rows: number, layer: DenseLayer): Float32Array {
  const { fanIn, fanOut, kernel, bias } = layer;
  const out = new Float32Array(rows * fanOut);
  const acc = new Float64Array(fanOut);
  for (let r = 0; r < rows; r++) {
    acc.fill(0);
    for (let i = 0; i < fanIn; i++) {
      const v = a[r * fanIn + i] ?? 0;
      if (v === 0) continue;
      for (let j = 0, w = i * fanOut; j < fanOut; j++, w++) acc[j] = (acc[j] ?? 0) + v * (kernel[w] ?? 0);
    }
    for (let j = 0; j < fanOut; j++) out[r * fanOut + j] = Math.fround(acc[j] ?? 0) + (bias[j] ?? 0);
  }
  return out;
}

/** Population mean and std, two-pass. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += ((values[i] ?? 0) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

const allFinite = (values: Float32Array) => values.every(Number.isFinite);

function activationStats(a: Float32Array, rows: number, width: number, activation: Activation, domain: [number, number], bins: number) {
  const { mean, std } = meanStd(a);
  const [lo, hi] = domain;
  const scale = bins / (hi - lo);
  const edges = histogramEdges(domain, bins);
  const histogram = new Array<number>(bins).fill(0);
  let saturated = 0;
  let zero = 0;
  let above = 0;
  for (const v of a) {
    // The estimate is off by at most one bin; the edges decide.
    let k = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) * scale)));
    if (v < (edges[k] ?? -Infinity)) k--;
    else if (v >= (edges[k + 1] ?? Infinity)) k++;
    histogram[k] = (histogram[k] ?? 0) + 1;
    if (v > hi) above++;
    if (activation === 'tanh' ? Math.abs(v) > SATURATION : v < 1 - SATURATION || v > SATURATION) saturated++;
    if (v === 0) zero++;
  }
  let dead = 0;
  for (let j = 0; j < width; j++) {
    let active = false;
    for (let r = 0; r < rows && !active; r++) active = (a[r * width + j] ?? 0) !== 0;
    if (!active) dead++;
  }
  const relu = activation === 'relu';
  return {
    mean,
    std,
    saturated: relu ? null : saturated / a.length,
    zero: relu ? zero / a.length : null,
    dead: relu ? dead / width : null,
    histogram,
    above,
  };
}

export type ForwardResult =
  { ok: true; activations: Float32Array[]; logits: Float32Array } | { ok: false; code: 'overflow'; layer: number; phase: 'forward' };

/** The forward pass, keeping every hidden layer's activations (count × width each) and the logits (count × 10). */
export function forwardPass(layers: readonly DenseLayer[], activation: Activation, batch: DigitBatch): ForwardResult {
  const depth = layers.length - 1;
  if (depth < 1 || layers[0]?.fanIn !== INPUTS || layers[depth]?.fanOut !== CLASSES) throw new RangeError('not a 784 → … → 10 stack');
  if (batch.x.length !== batch.count * INPUTS || batch.labels.length < batch.count) throw new RangeError('batch sizes disagree');
  const activations: Float32Array[] = [];
  let a = batch.x;
  for (let k = 1; k <= depth; k++) {
    a = dense(a, batch.count, layers[k - 1] as DenseLayer).map(activate[activation]);
    if (!allFinite(a)) return { ok: false, code: 'overflow', layer: k, phase: 'forward' };
    activations.push(a);
  }
  const logits = dense(a, batch.count, layers[depth] as DenseLayer);
  if (!allFinite(logits)) return { ok: false, code: 'overflow', layer: depth + 1, phase: 'forward' };
  return { ok: true, activations, logits };
}

/** Forward and backward pass of the stack on a batch; plain numbers for the charts, or where it overflowed. */
export function deepStackStats(
  layers: readonly DenseLayer[],
  activation: Activation,
  batch: DigitBatch,
  options: StatsOptions = {},
): DeepStackResult {
  const bins = options.bins ?? 40;
  const domain = histogramDomain(activation, options.reluMax);
  const n = batch.count;
  const depth = layers.length - 1;
  const forward = forwardPass(layers, activation, batch);
  if (!forward.ok) return forward;
  const { logits } = forward;
  // acts[0] is the input, acts[k] the k-th hidden layer's output.
  const acts = [batch.x, ...forward.activations];

  // Softmax cross-entropy, mean over the batch; dz = (softmax − one-hot) / n.
  let loss = 0;
  let dz = new Float32Array(n * CLASSES);
  for (let r = 0; r < n; r++) {
    const row = logits.subarray(r * CLASSES, (r + 1) * CLASSES);
    const max = Math.max(...row);
    const sumExp = row.reduce((s, v) => s + Math.exp(v - max), 0);
    const label = batch.labels[r] ?? 0;
    loss += Math.log(sumExp) + max - (row[label] ?? 0);
    for (let c = 0; c < CLASSES; c++) dz[r * CLASSES + c] = (Math.exp((row[c] ?? 0) - max) / sumExp - (c === label ? 1 : 0)) / n;
  }

  // Backward, from the output layer down: ∂L/∂W_k = a_{k−1}ᵀ dz_k, ∂L/∂a_{k−1} = dz_k W_kᵀ.
  const weightGradStd = new Array<number>(depth + 1).fill(0);
  const activationGradStd = new Array<number>(depth).fill(0);
  for (let k = depth + 1; k >= 1; k--) {
    const { fanIn, fanOut, kernel } = layers[k - 1] as DenseLayer;
    const input = acts[k - 1] ?? batch.x;
    const dW = new Float32Array(fanIn * fanOut);
    const acc = new Float64Array(fanOut);
    for (let i = 0; i < fanIn; i++) {
      acc.fill(0);
      for (let r = 0; r < n; r++) {
        const v = input[r * fanIn + i] ?? 0;
        if (v === 0) continue;
        for (let j = 0; j < fanOut; j++) acc[j] = (acc[j] ?? 0) + v * (dz[r * fanOut + j] ?? 0);
      }
      dW.set(acc, i * fanOut);
    }
    if (!allFinite(dW)) return { ok: false, code: 'overflow', layer: k, phase: 'backward' };
    weightGradStd[k - 1] = meanStd(dW).std;
    if (k === 1) break;
    const da = new Float32Array(n * fanIn);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < fanIn; i++) {
        let s = 0;
        for (let j = 0, w = i * fanOut; j < fanOut; j++, w++) s += (dz[r * fanOut + j] ?? 0) * (kernel[w] ?? 0);
        da[r * fanIn + i] = s;
      }
    }
    if (!allFinite(da)) return { ok: false, code: 'overflow', layer: k - 1, phase: 'backward' };
    activationGradStd[k - 2] = meanStd(da).std;
    dz = da.map((g, i) => g * slope[activation](input[i] ?? 0));
  }

  const hidden = forward.activations.map((a, i) => ({
    layer: i + 1,
    ...activationStats(a, n, (layers[i] as DenseLayer).fanOut, activation, domain, bins),
    weightGradStd: weightGradStd[i] ?? 0,
    activationGradStd: activationGradStd[i] ?? 0,
  }));
  return { ok: true, loss: loss / n, hidden, outputWeightGradStd: weightGradStd[depth] ?? 0, histogramDomain: domain };
}
