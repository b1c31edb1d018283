import type { Tf } from '../../tf/namespace';
import type { Sequential } from '@tensorflow/tfjs-layers';
import type { Optimizer } from '@tensorflow/tfjs-core';
import type { LossOrMetric } from './webgpu/fused-loss';

/**
 * The chapter 5 CNN, layer for layer the source's Keras model:
 * Conv2D(32,3×3,relu) → MaxPool 2×2 → Conv2D(64,3×3,relu) → MaxPool 2×2 →
 * Conv2D(64,3×3,relu) → Flatten → Dense(64,relu) → Dense(10,softmax),
 * compiled with Adam and categorical cross-entropy. Keras' defaults are kept: glorot_uniform
 * kernels, zero biases, 'valid' padding, stride 1.
 *
 * The tf namespace is passed in so that the same definition serves the browser worker,
 * Node tests and benchmarks without importing TensorFlow.js at module load.
 */
export const MNIST_INPUT_SHAPE = [28, 28, 1] as const;
export const MNIST_CLASSES = 10;

export interface LayerSpec {
  name: string;
  kind: 'Conv2D' | 'MaxPooling2D' | 'Flatten' | 'Dense';
  /** Output shape without the batch dimension. */
  outputShape: number[];
  params: number;
  keras: string;
}

/** The model as a table: computed from the architecture, not read from TensorFlow.js. */
export function mnistLayerTable(): LayerSpec[] {
  const conv = (inChannels: number, filters: number) => (3 * 3 * inChannels + 1) * filters;
  return [
    { name: 'conv2d_1', kind: 'Conv2D', outputShape: [26, 26, 32], params: conv(1, 32), keras: "layers.Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1))" },
    { name: 'max_pooling2d_1', kind: 'MaxPooling2D', outputShape: [13, 13, 32], params: 0, keras: 'layers.MaxPooling2D((2, 2))' },
    { name: 'conv2d_2', kind: 'Conv2D', outputShape: [11, 11, 64], params: conv(32, 64), keras: "layers.Conv2D(64, (3, 3), activation='relu')" },
    { name: 'max_pooling2d_2', kind: 'MaxPooling2D', outputShape: [5, 5, 64], params: 0, keras: 'layers.MaxPooling2D((2, 2))' },
    { name: 'conv2d_3', kind: 'Conv2D', outputShape: [3, 3, 64], params: conv(64, 64), keras: "layers.Conv2D(64, (3, 3), activation='relu')" },
    { name: 'flatten', kind: 'Flatten', outputShape: [576], params: 0, keras: 'layers.Flatten()' },
    { name: 'dense_1', kind: 'Dense', outputShape: [64], params: (576 + 1) * 64, keras: "layers.Dense(64, activation='relu')" },
    { name: 'dense_2', kind: 'Dense', outputShape: [10], params: (64 + 1) * 10, keras: "layers.Dense(10, activation='softmax')" },
  ];
}

export interface MnistModelOptions {
  learningRate?: number;
  /** Seed for the glorot_uniform initializers, so a run is reproducible. */
  seed?: number;
  /** Makes the optimizer for `learningRate`; tf.train.adam when absent (webgpu/training-path.ts gives ours). */
  optimizer?: ((learningRate: number) => Optimizer) | undefined;
  /** Same values as 'categoricalCrossentropy' / 'accuracy', computed otherwise (webgpu/fused-loss.ts); absent: those names. */
  loss?: LossOrMetric | undefined;
  accuracy?: LossOrMetric | undefined;
}

/** Builds and compiles the model with the given TensorFlow.js namespace. */
export function buildMnistModel(tf: Tf, options: MnistModelOptions = {}): Sequential {
  const { learningRate = 0.001, seed = 42, optimizer = (lr: number) => tf.train.adam(lr), loss = 'categoricalCrossentropy', accuracy = 'accuracy' } = options;
  let nextSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: nextSeed++ });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [...MNIST_INPUT_SHAPE], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init() }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init() }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init() }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init() }),
      tf.layers.dense({ units: MNIST_CLASSES, activation: 'softmax', kernelInitializer: init() }),
    ],
  });
  model.compile({ optimizer: optimizer(learningRate), loss, metrics: [accuracy] });
  return model;
}
