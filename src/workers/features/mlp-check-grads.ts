import type * as TfCore from '@tensorflow/tfjs-core';
import type { Activation, DenseLayer } from '../../lib/ml/mlp';

/**
 * The chapter 3.1 network written with TensorFlow.js ops, its gradients taken by tf.grads
 * (automatic differentiation), as an independent check of the hand-written backward pass
 * in src/lib/ml/mlp-backward.ts. TensorFlow.js arrives as a parameter, so this module loads
 * nothing and runs in the worker and in Node alike.
 */
export type TfCoreApi = typeof TfCore;

export interface TfGradients {
  loss: number;
  gradients: DenseLayer[];
}

/** Whether the layers chain from `inputs` features to one output and the batch fits them; null if so, else why. */
export function shapeProblem(layers: readonly DenseLayer[], inputs: readonly (readonly number[])[], labels: readonly number[]): string | null {
  if (layers.length < 2) return 'at least one hidden layer and the output layer are needed';
  if (inputs.length === 0 || inputs.length !== labels.length) return 'the batch needs as many labels as inputs, at least one';
  let width = inputs[0]?.length ?? 0;
  if (inputs.some((row) => row.length !== width)) return 'inputs differ in length';
  for (const [l, layer] of layers.entries()) {
    if (layer.weights.length === 0 || layer.weights.length !== layer.biases.length) return `layer ${l + 1}: weights and biases disagree`;
    if (layer.weights.some((row) => row.length !== width)) return `layer ${l + 1}: expected ${width} inputs per neuron`;
    width = layer.weights.length;
  }
  return width === 1 ? null : 'the output layer must have one neuron';
}

/** Mean binary cross-entropy of the sigmoid output and its gradient with respect to every W and b. */
export async function mlpGradientsTf(
  tf: TfCoreApi,
  activation: Activation,
  layers: readonly DenseLayer[],
  inputs: readonly (readonly number[])[],
  labels: readonly number[],
): Promise<TfGradients> {
  const act = { tanh: tf.tanh, relu: tf.relu, sigmoid: tf.sigmoid }[activation];
  const params = layers.flatMap((layer) => [tf.tensor2d(layer.weights.map((row) => [...row])), tf.tensor1d([...layer.biases])]);
  const x = tf.tensor2d(inputs.map((row) => [...row]));
  const y = tf.tensor2d(labels.map((label) => [label]));
  const meanLoss = (...tensors: TfCore.Tensor[]): TfCore.Scalar => {
    let h: TfCore.Tensor2D = x;
    for (let l = 0; l < layers.length; l++) {
      const w = tensors[2 * l] as TfCore.Tensor2D;
      const b = tensors[2 * l + 1] as TfCore.Tensor1D;
      // A sample is a row here: z = h Wᵀ + b.
      const z = tf.add(tf.matMul(h, w, false, true), b) as TfCore.Tensor2D;
      h = l === layers.length - 1 ? z : (act(z) as TfCore.Tensor2D);
    }
    return tf.losses.sigmoidCrossEntropy(y, h) as TfCore.Scalar;
  };
  const { value, grads } = tf.tidy(() => {
    const result = tf.valueAndGrads(meanLoss)(params);
    return { value: result.value, grads: result.grads };
  });
  try {
    const loss = (await value.data())[0] ?? Number.NaN;
    const values = await Promise.all(grads.map((g) => g.data()));
    const gradients = layers.map((layer, l) => {
      const dw = values[2 * l] ?? new Float32Array();
      const db = values[2 * l + 1] ?? new Float32Array();
      const fanIn = layer.weights[0]?.length ?? 0;
      return {
        weights: layer.weights.map((_, i) => Array.from(dw.subarray(i * fanIn, (i + 1) * fanIn))),
        biases: Array.from(db),
      };
    });
    return { loss, gradients };
  } finally {
    tf.dispose([...params, x, y, value, ...grads]);
  }
}
