import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { buildMnistModel } from '../../lib/mnist/model';
import { loadMnist, MnistLoadError, type LoadedMnist } from '../../lib/mnist/fetch-dataset';
import { modelOptions, ownTrainingPath } from '../../lib/mnist/webgpu/training-path';

/**
 * What the worker features that train the chapter 5 CNN share (`mnist`, `schedules`): one
 * download of the MNIST files per worker, kept for every feature; the backend probe; and disposing a model
 * with its optimizer.
 */

let dataset: LoadedMnist | null = null;
let loading: AbortController | null = null;

export type MnistDataEvent =
  | { type: 'data-progress'; loaded: number; total: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; fromCache: boolean };

/** The MNIST split, downloaded (with progress events) on first use; failures are FeatureErrors `data-<code>`. */
export async function ensureMnistData(baseUrl: string, emit: (event: MnistDataEvent) => void): Promise<LoadedMnist> {
  if (dataset) return dataset;
  loading = new AbortController();
  try {
    dataset = await loadMnist({ baseUrl, signal: loading.signal, onProgress: ({ loaded, total }) => emit({ type: 'data-progress', loaded, total }) });
  } catch (error) {
    if (error instanceof MnistLoadError) throw new FeatureError(`data-${error.code}`);
    throw error;
  } finally {
    loading = null;
  }
  emit({ type: 'data-ready', trainCount: dataset.train.count, testCount: dataset.test.count, fromCache: dataset.fromCache });
  return dataset;
}

/** Aborts a download in progress (a stop during loading); it then fails with `data-aborted`. */
export function abortMnistDownload(): void {
  loading?.abort();
}

/** A model compiled with an optimizer instance owns it in our eyes: Layers does not free it. */
export function disposeModel(model: LayersModel): void {
  try {
    model.optimizer?.dispose();
    model.dispose();
  } catch {
    // A lost device's tensors may refuse to be freed; they die with the device.
  }
}

/** Milliseconds per training batch of 64 on the current backend (with the optimizer the run will use), after one warm-up batch. */
export async function probeBatchMs(): Promise<number> {
  const model = buildMnistModel(tf, { seed: 1, ...modelOptions(ownTrainingPath(tf)) });
  const x = tf.randomUniform([64, 28, 28, 1]);
  const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10).toFloat();
  try {
    await model.trainOnBatch(x, y);
    const started = performance.now();
    for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
    return (performance.now() - started) / 2;
  } finally {
    tf.dispose([x, y]);
    disposeModel(model);
  }
}
