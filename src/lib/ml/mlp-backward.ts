import {
  activationSlope,
  crossEntropyFromLogit,
  forward,
  type ForwardTrace,
  type MlpGradients,
  type MlpParams,
  type Samples,
} from './mlp';

/**
 * The backward pass of the MLP in mlp.ts (erratum E6): ∂L/∂(layer output) travels from
 * the last layer to the first by the chain rule. Layer l receives ∂L/∂a⁽ˡ⁾, turns it into
 * δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ = ∂L/∂a⁽ˡ⁾ ⊙ σ'(z⁽ˡ⁾), into its own gradients ∂L/∂w_ij = δ_i·a_j⁽ˡ⁻¹⁾
 * and ∂L/∂b_i = δ_i, and into ∂L/∂a⁽ˡ⁻¹⁾_j = Σ_i w_ij δ_i for the layer before.
 * Every factor is returned as a record so the island can typeset each step with numbers.
 */

/** ∂L/∂w_ij = δ_i · a_j⁽ˡ⁻¹⁾ for one incoming weight of a neuron. */
export interface WeightFactor {
  /** j: the neuron of layer l − 1 (the input feature when l = 1). */
  from: number;
  /** a_j⁽ˡ⁻¹⁾. */
  input: number;
  /** δ_i · a_j⁽ˡ⁻¹⁾. */
  gradient: number;
}

/** One term w_ki⁽ˡ⁺¹⁾ · δ_k⁽ˡ⁺¹⁾ of the sum that gives ∂L/∂a_i⁽ˡ⁾. */
export interface UpstreamTerm {
  /** k: the neuron of layer l + 1. */
  to: number;
  weight: number;
  delta: number;
}

/**
 * The output neuron: with p = σ(z) and binary cross-entropy,
 * δ = ∂L/∂p · σ'(z) = [−y/p + (1 − y)/(1 − p)] · p(1 − p) = p − y.
 */
export interface OutputDelta {
  kind: 'output';
  probability: number;
  label: number;
}

/** A hidden neuron: δ_i = (Σ_k w_ki δ_k) · σ'(z_i), with upstream = Σ_k w_ki δ_k = ∂L/∂a_i. */
export interface HiddenDelta {
  kind: 'hidden';
  terms: UpstreamTerm[];
  upstream: number;
  slope: number;
}

export interface NeuronStep {
  /** i: this neuron's index in its layer. */
  neuron: number;
  z: number;
  a: number;
  source: OutputDelta | HiddenDelta;
  /** δ_i = ∂L/∂z_i. */
  delta: number;
  weights: WeightFactor[];
  /** ∂L/∂b_i = δ_i. */
  biasGradient: number;
}

export interface LayerStep {
  /** l: 1 = first hidden layer, L = output layer. */
  layer: number;
  neurons: NeuronStep[];
  /** ∂L/∂a_j⁽ˡ⁻¹⁾ = Σ_i w_ij δ_i: what this layer hands to the layer before (to the input when l = 1). */
  inputGradient: number[];
}

export interface BackwardResult {
  forward: ForwardTrace;
  loss: number;
  gradients: MlpGradients;
  /** In the order they happen: l = L first, down to l = 1. */
  steps: LayerStep[];
}

/** Forward and backward pass of one sample, with every chain-rule factor. */
export function backward(params: MlpParams, input: readonly number[], label: number): BackwardResult {
  const trace = forward(params, input);
  const count = params.layers.length;
  const steps: LayerStep[] = [];
  const gradients: MlpGradients = params.layers.map((layer) => ({
    weights: layer.weights.map((row) => row.map(() => 0)),
    biases: layer.biases.map(() => 0),
  }));
  // ∂L/∂a⁽ˡ⁾ terms from the layer above, with that layer's weights and deltas.
  let above: { weights: readonly (readonly number[])[]; deltas: readonly number[] } | null = null;
  for (let l = count; l >= 1; l--) {
    const layer = params.layers[l - 1];
    const here = trace.layers[l - 1];
    const grad = gradients[l - 1];
    if (!layer || !here || !grad) throw new RangeError(`layer ${l} missing`);
    const inputs = l === 1 ? trace.input : (trace.layers[l - 2]?.a ?? []);
    const upperLayer = above;
    const neurons = here.z.map((z, i): NeuronStep => {
      const a = here.a[i] ?? 0;
      let source: OutputDelta | HiddenDelta;
      let delta: number;
      if (upperLayer === null) {
        source = { kind: 'output', probability: a, label };
        delta = a - label;
      } else {
        const terms = upperLayer.deltas.map((d, k) => ({ to: k, weight: upperLayer.weights[k]?.[i] ?? 0, delta: d }));
        const upstream = terms.reduce((sum, t) => sum + t.weight * t.delta, 0);
        const slope = activationSlope(params.activation, z, a);
        source = { kind: 'hidden', terms, upstream, slope };
        delta = upstream * slope;
      }
      const weights = inputs.map((input, j) => ({ from: j, input, gradient: delta * input }));
      weights.forEach((w, j) => {
        const row = grad.weights[i];
        if (row) row[j] = w.gradient;
      });
      grad.biases[i] = delta;
      return { neuron: i, z, a, source, delta, weights, biasGradient: delta };
    });
    const deltas = neurons.map((n) => n.delta);
    const inputGradient = inputs.map((_, j) => layer.weights.reduce((sum, row, i) => sum + (row[j] ?? 0) * (deltas[i] ?? 0), 0));
    steps.push({ layer: l, neurons, inputGradient });
    above = { weights: layer.weights, deltas };
  }
  return { forward: trace, loss: crossEntropyFromLogit(trace.logit, label), gradients, steps };
}

export interface BatchGradient {
  /** Mean loss over the batch. */
  loss: number;
  /** Mean gradient over the batch. */
  gradients: MlpGradients;
  /** How many per-sample gradients were evaluated. */
  samples: number;
}

/** The MEAN loss and gradient over the samples listed in `indices` (all samples when omitted). */
export function batchGradient(params: MlpParams, data: Samples, indices?: readonly number[]): BatchGradient {
  const chosen = indices ?? data.inputs.map((_, n) => n);
  if (chosen.length === 0) throw new RangeError('a batch needs at least one sample');
  const sum: MlpGradients = params.layers.map((layer) => ({
    weights: layer.weights.map((row) => row.map(() => 0)),
    biases: layer.biases.map(() => 0),
  }));
  let loss = 0;
  for (const n of chosen) {
    const x = data.inputs[n];
    if (!x) throw new RangeError(`sample ${n} out of range`);
    const result = backward(params, x, data.labels[n] ?? 0);
    loss += result.loss;
    result.gradients.forEach((g, l) => {
      const s = sum[l];
      if (!s) return;
      g.weights.forEach((row, i) => row.forEach((v, j) => {
        const target = s.weights[i];
        if (target) target[j] = (target[j] ?? 0) + v;
      }));
      g.biases.forEach((v, i) => (s.biases[i] = (s.biases[i] ?? 0) + v));
    });
  }
  const scale = 1 / chosen.length;
  const gradients = sum.map((s) => ({
    weights: s.weights.map((row) => row.map((v) => v * scale)),
    biases: s.biases.map((v) => v * scale),
  }));
  return { loss: loss * scale, gradients, samples: chosen.length };
}
