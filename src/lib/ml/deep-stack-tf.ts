import type * as tfc from '@tensorflow/tfjs-core';
import {
  CLASSES,
  histogramDomain,
  histogramEdges,
  INPUTS,
  SATURATION,
  type Activation,
  type DeepStackResult,
  type DenseLayer,
  type DigitBatch,
  type LayerStats,
  type StatsOptions,
} from './deep-stack';

/**
 * The deep-stack.ts forward and backward pass on TensorFlow.js, from the same weights, for
 * the configurations too heavy for plain JavaScript (WebGPU or WebGL in the browser). The
 * caller passes its `tf` namespace, with whatever backend it chose; every statistic is
 * computed on the device and read back once. Gradients come from tf.grads; ∂L/∂activation
 * from a zero "probe" tensor added to each hidden layer's output (∂L/∂probe = ∂L/∂a).
 * The namespace needs its gradients registered: '@tensorflow/tfjs' does it; with
 * '@tensorflow/tfjs-core' alone, import '@tensorflow/tfjs-core/dist/register_all_gradients'.
 */

type Tf = typeof tfc;

export interface DeepStackTf {
  kernels: tfc.Tensor2D[];
  biases: tfc.Tensor1D[];
  dispose(): void;
}

export function buildDeepStack(tf: Tf, layers: readonly DenseLayer[]): DeepStackTf {
  const kernels = layers.map((l) => tf.tensor2d(l.kernel, [l.fanIn, l.fanOut]));
  const biases = layers.map((l) => tf.tensor1d(l.bias));
  return { kernels, biases, dispose: () => tf.dispose([...kernels, ...biases]) };
}

// Scalars read back per hidden layer: mean, std, saturated, zero, dead, above, finite(a), std(∂L/∂a), finite(∂L/∂a).
const PER_LAYER = 9;

export async function deepStackStatsTf(
  tf: Tf,
  stack: DeepStackTf,
  activation: Activation,
  batch: DigitBatch,
  options: StatsOptions = {},
): Promise<DeepStackResult> {
  const bins = options.bins ?? 40;
  const domain = histogramDomain(activation, options.reluMax);
  const depth = stack.kernels.length - 1;
  const act = (z: tfc.Tensor2D): tfc.Tensor2D => (activation === 'tanh' ? tf.tanh(z) : activation === 'relu' ? tf.relu(z) : tf.sigmoid(z));
  const float = (t: tfc.Tensor) => tf.cast(t, 'float32');
  const finite = (t: tfc.Tensor) => float(tf.all(tf.isFinite(t)));
  const std = (t: tfc.Tensor) => tf.sqrt(tf.moments(t).variance);
  const share = (mask: tfc.Tensor) => tf.mean(float(mask));

  const [packed, histograms] = tf.tidy(() => {
    const x = tf.tensor2d(batch.x, [batch.count, INPUTS]);
    const y = float(tf.oneHot(tf.tensor1d(batch.labels, 'int32'), CLASSES));
    const forward = (kernels: readonly tfc.Tensor[], probes: readonly tfc.Tensor[] | null) => {
      const acts: tfc.Tensor2D[] = [];
      let a: tfc.Tensor2D = x;
      for (let k = 0; k < depth; k++) {
        a = act(tf.add(tf.matMul(a, kernels[k] as tfc.Tensor2D), stack.biases[k] as tfc.Tensor1D));
        if (probes) a = tf.add(a, probes[k] as tfc.Tensor2D);
        acts.push(a);
      }
      const logits = tf.add(tf.matMul(a, kernels[depth] as tfc.Tensor2D), stack.biases[depth] as tfc.Tensor1D);
      const loss = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
      return { acts, logits, loss };
    };
    const { acts, logits, loss } = forward(stack.kernels, null);
    const probes = acts.map((a) => tf.zerosLike(a));
    const grads = tf.grads((...args: tfc.Tensor[]) => forward(args.slice(0, depth + 1), args.slice(depth + 1)).loss as tfc.Scalar)([
      ...stack.kernels,
      ...probes,
    ]);
    const weightGrads = grads.slice(0, depth + 1);
    const activationGrads = grads.slice(depth + 1);
    const [lo, hi] = domain;
    const edges = tf.tensor1d(histogramEdges(domain, bins));
    const scalars: tfc.Tensor[] = [loss, finite(logits), finite(loss)];
    const hists: tfc.Tensor[] = [];
    weightGrads.forEach((g) => scalars.push(std(g), finite(g)));
    acts.forEach((a, k) => {
      const { mean, variance } = tf.moments(a);
      const saturated =
        activation === 'tanh' ? tf.greater(tf.abs(a), SATURATION) : tf.logicalOr(tf.less(a, 1 - SATURATION), tf.greater(a, SATURATION));
      const zero = tf.equal(a, 0);
      const dead = tf.all(zero, 0);
      const g = activationGrads[k] as tfc.Tensor;
      scalars.push(
        mean,
        tf.sqrt(variance),
        share(saturated),
        share(zero),
        share(dead),
        tf.sum(float(tf.greater(a, hi))),
        finite(a),
        std(g),
        finite(g),
      );
      hists.push(
        tf.tidy(() => {
          // Same rule as deep-stack.ts: an estimate, then one step down or up decided by the float32 edges.
          const flat = tf.reshape(a, [-1]) as tfc.Tensor1D;
          const guess = tf.cast(tf.clipByValue(tf.floor(tf.mul(tf.sub(flat, lo), bins / (hi - lo))), 0, bins - 1), 'int32');
          const below = tf.less(flat, tf.gather(edges, guess));
          const beyond = tf.greaterEqual(flat, tf.gather(edges, tf.add(guess, tf.scalar(1, 'int32'))));
          const index = tf.add(tf.sub(guess, tf.cast(below, 'int32')), tf.cast(beyond, 'int32')) as tfc.Tensor1D;
          return tf.bincount(index, tf.tensor1d([], 'float32'), bins);
        }),
      );
    });
    return [tf.stack(scalars.map((t) => tf.reshape(t, []))), tf.stack(hists)];
  });
  try {
    const [values, counts] = await Promise.all([packed.data(), histograms.data()]);
    const at = (i: number) => values[i] ?? NaN;
    const weightGrad = (k: number) => ({ std: at(3 + 2 * k), finite: at(4 + 2 * k) === 1 });
    const base = 3 + 2 * (depth + 1);
    const hidden: LayerStats[] = [];
    for (let k = 0; k < depth; k++) {
      const o = base + k * PER_LAYER;
      if (at(o + 6) !== 1) return { ok: false, code: 'overflow', layer: k + 1, phase: 'forward' };
      hidden.push({
        layer: k + 1,
        mean: at(o),
        std: at(o + 1),
        saturated: activation === 'relu' ? null : at(o + 2),
        zero: activation === 'relu' ? at(o + 3) : null,
        dead: activation === 'relu' ? at(o + 4) : null,
        histogram: Array.from(counts.subarray(k * bins, (k + 1) * bins)),
        above: at(o + 5),
        weightGradStd: weightGrad(k).std,
        activationGradStd: at(o + 7),
      });
    }
    if (at(1) !== 1 || at(2) !== 1) return { ok: false, code: 'overflow', layer: depth + 1, phase: 'forward' };
    // As in the JavaScript pass, the failure reported is the highest layer with a non-finite gradient.
    for (let k = depth; k >= 0; k--) {
      const activationFinite = k === depth || at(base + k * PER_LAYER + 8) === 1;
      if (!weightGrad(k).finite || !activationFinite) return { ok: false, code: 'overflow', layer: k + 1, phase: 'backward' };
    }
    return { ok: true, loss: at(0), hidden, outputWeightGradStd: weightGrad(depth).std, histogramDomain: domain };
  } finally {
    tf.dispose([packed, histograms]);
  }
}
