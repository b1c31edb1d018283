import { createRng } from '../random/prng';
import type { Box } from './toy-data';

/**
 * A small fully-connected binary classifier for chapter 3.1: inputs → 1–3 hidden layers
 * (tanh, ReLU or sigmoid) → one output neuron with a sigmoid, p = σ(z) = P(label 1 | x),
 * trained on the binary cross-entropy L = −[y ln p + (1 − y) ln(1 − p)].
 *
 * Notation (used by the records in mlp-backward.ts): layer l = 1 … L, where L is the
 * output layer and a⁽⁰⁾ = x is the input; z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ and a⁽ˡ⁾ = σ(z⁽ˡ⁾).
 * `params.layers[l − 1]` holds W⁽ˡ⁾ (`weights[i][j]` = w_ij, from neuron j of layer l − 1
 * to neuron i of layer l) and b⁽ˡ⁾.
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid';

export interface MlpSpec {
  /** Width of each hidden layer: 1–3 layers of 1–8 neurons. */
  hidden: readonly number[];
  activation: Activation;
  /** Input features; 2 for the toy sets. */
  inputs?: number;
}

export interface DenseLayer {
  /** weights[i][j]: from neuron j of the layer before to neuron i of this layer. */
  weights: number[][];
  biases: number[];
}

export interface MlpParams {
  activation: Activation;
  /** Hidden layers, then the output layer (one neuron). */
  layers: DenseLayer[];
}

/** Gradients have the shape of the parameters: one DenseLayer of ∂L/∂w and ∂L/∂b per layer. */
export type MlpGradients = DenseLayer[];

/** Labelled samples: `inputs[n]` a feature vector, `labels[n]` 0 or 1. */
export interface Samples {
  readonly inputs: readonly (readonly number[])[];
  readonly labels: readonly number[];
}

export const MAX_HIDDEN_LAYERS = 3;
export const MAX_WIDTH = 8;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function activate(kind: Activation, z: number): number {
  if (kind === 'tanh') return Math.tanh(z);
  if (kind === 'relu') return z > 0 ? z : 0;
  return sigmoid(z);
}

/** σ'(z), written with the activation a = σ(z) where that is the usual textbook form. ReLU'(0) = 0, as in TensorFlow. */
export function activationSlope(kind: Activation, z: number, a: number): number {
  if (kind === 'tanh') return 1 - a * a;
  if (kind === 'relu') return z > 0 ? 1 : 0;
  return a * (1 - a);
}

/**
 * Seeded initialization (erratum E5): weights from Glorot normal, variance 2/(fan_in + fan_out),
 * for tanh and sigmoid layers, He normal, variance 2/fan_in, for ReLU layers; the sigmoid
 * output layer uses Glorot. Biases start at zero.
 */
export function initMlp(spec: MlpSpec, seed: number): MlpParams {
  const inputs = spec.inputs ?? 2;
  if (spec.hidden.length < 1 || spec.hidden.length > MAX_HIDDEN_LAYERS) {
    throw new RangeError(`1–${MAX_HIDDEN_LAYERS} hidden layers expected, got ${spec.hidden.length}`);
  }
  if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError(`inputs must be a positive integer, got ${inputs}`);
  for (const w of spec.hidden) {
    if (!Number.isInteger(w) || w < 1 || w > MAX_WIDTH) throw new RangeError(`layer width must be an integer in 1–${MAX_WIDTH}, got ${w}`);
  }
  const rng = createRng(seed);
  const widths = [inputs, ...spec.hidden, 1];
  const layers: DenseLayer[] = [];
  for (let l = 1; l < widths.length; l++) {
    const fanIn = widths[l - 1] ?? 1;
    const fanOut = widths[l] ?? 1;
    const isOutput = l === widths.length - 1;
    const variance = spec.activation === 'relu' && !isOutput ? 2 / fanIn : 2 / (fanIn + fanOut);
    const sd = Math.sqrt(variance);
    layers.push({
      weights: Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => sd * rng.normal())),
      biases: new Array<number>(fanOut).fill(0),
    });
  }
  return { activation: spec.activation, layers };
}

export interface LayerTrace {
  /** Pre-activations z⁽ˡ⁾. */
  z: number[];
  /** Activations a⁽ˡ⁾ (for the output layer: the probability p). */
  a: number[];
}

export interface ForwardTrace {
  input: number[];
  /** One entry per layer l = 1 … L. */
  layers: LayerTrace[];
  /** p = σ(z⁽ᴸ⁾), the probability of label 1. */
  probability: number;
  /** z⁽ᴸ⁾, the output logit. */
  logit: number;
}

/** The forward pass of one sample, keeping every neuron's z and a (step mode). */
export function forward(params: MlpParams, input: readonly number[]): ForwardTrace {
  const layers: LayerTrace[] = [];
  let previous: readonly number[] = input;
  params.layers.forEach((layer, index) => {
    const isOutput = index === params.layers.length - 1;
    const z = layer.weights.map((row, i) => {
      if (row.length !== previous.length) throw new RangeError(`layer ${index + 1} expects ${row.length} inputs, got ${previous.length}`);
      let sum = layer.biases[i] ?? 0;
      for (let j = 0; j < row.length; j++) sum += (row[j] ?? 0) * (previous[j] ?? 0);
      return sum;
    });
    const a = z.map((v) => (isOutput ? sigmoid(v) : activate(params.activation, v)));
    layers.push({ z, a });
    previous = a;
  });
  const last = layers[layers.length - 1];
  return { input: [...input], layers, probability: last?.a[0] ?? 0.5, logit: last?.z[0] ?? 0 };
}

/** The forward pass of a batch: one trace per sample. */
export function forwardBatch(params: MlpParams, inputs: readonly (readonly number[])[]): ForwardTrace[] {
  return inputs.map((x) => forward(params, x));
}

/**
 * Binary cross-entropy from the logit z (p = σ(z)): −[y ln p + (1 − y) ln(1 − p)]
 * = max(z, 0) − y·z + ln(1 + e^(−|z|)), which stays finite when p rounds to 0 or 1.
 */
export function crossEntropyFromLogit(z: number, label: number): number {
  return Math.max(z, 0) - label * z + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Mean binary cross-entropy over the samples. */
export function meanLoss(params: MlpParams, data: Samples): number {
  let sum = 0;
  data.inputs.forEach((x, n) => {
    sum += crossEntropyFromLogit(forward(params, x).logit, data.labels[n] ?? 0);
  });
  return sum / Math.max(1, data.inputs.length);
}

/** Share of samples classified correctly (predict 1 when p ≥ 0.5). */
export function accuracy(params: MlpParams, data: Samples): number {
  let correct = 0;
  data.inputs.forEach((x, n) => {
    if ((forward(params, x).probability >= 0.5 ? 1 : 0) === data.labels[n]) correct++;
  });
  return correct / Math.max(1, data.inputs.length);
}

/**
 * P(label 1) on an m × m grid over `box`, for d3-contour: the value at index j·m + i is
 * p at x = xMin + i·(xMax − xMin)/(m − 1), y = yMin + j·(yMax − yMin)/(m − 1).
 */
export function probabilityGrid(params: MlpParams, box: Box, m: number): Float64Array {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`grid size must be an integer ≥ 2, got ${m}`);
  const grid = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    const y = box.yMin + (j * (box.yMax - box.yMin)) / (m - 1);
    for (let i = 0; i < m; i++) {
      const x = box.xMin + (i * (box.xMax - box.xMin)) / (m - 1);
      grid[j * m + i] = forward(params, [x, y]).probability;
    }
  }
  return grid;
}

/** All parameters in one vector: per layer, the weights row by row, then the biases. */
export function flattenParams(layers: readonly DenseLayer[]): Float64Array {
  const values: number[] = [];
  for (const layer of layers) {
    for (const row of layer.weights) values.push(...row);
    values.push(...layer.biases);
  }
  return Float64Array.from(values);
}

/** The inverse of flattenParams, with the shapes of `template`. */
export function unflattenParams(template: MlpParams, flat: ArrayLike<number>): MlpParams {
  let k = 0;
  const take = () => flat[k++] ?? 0;
  const layers = template.layers.map((layer) => ({
    weights: layer.weights.map((row) => row.map(take)),
    biases: layer.biases.map(take),
  }));
  if (k !== flat.length) throw new RangeError(`expected ${k} parameters, got ${flat.length}`);
  return { activation: template.activation, layers };
}
