/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { buildMnistModel } from '../lib/mnist/model';
import { loadMnist, type LoadedMnist } from '../lib/mnist/fetch-dataset';
import { trainingSlice, validationSample } from '../lib/mnist/dataset';
import { trainModel, type TrainingData } from '../lib/mnist/trainer';
import { confusionMatrix } from '../lib/ml/metrics';
import type { BackendName, FromWorker, Misclassified, ToWorker, TrainConfig } from '../lib/mnist/protocol';
import { BACKEND_ORDER, activateBackend, chooseBackend } from './backends';
import { DeviceWatch } from './device-watch';

/**
 * The chapter 5 training worker: loads MNIST, picks a backend, trains the source's CNN
 * batch by batch and streams progress to the page, which never freezes. The reader can
 * pause, resume and stop; if the GPU device is lost, training carries on from the last
 * finished epoch on the next backend. The trained model is saved in IndexedDB after every
 * epoch, so a reload or a crash never loses more than the epoch in progress.
 */

const MODEL_URL = 'indexeddb://ml-guide-mnist-cnn';
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

let dataset: LoadedMnist | null = null;
let model: tf.LayersModel | null = null;
let busy = false;
let backendReady = false;
let stopRequested = false;
let pausedResolve: (() => void) | null = null;
let pausePromise: Promise<void> | null = null;
const deviceWatch = new DeviceWatch();

/**
 * On WASM and CPU a batch finishes without ever leaving the microtask queue, so the
 * worker would not see "pause" or "stop" until training ended. Yielding a macrotask between
 * batches lets those messages in (a MessageChannel hop costs microseconds; setTimeout may
 * be clamped to 4 ms).
 */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface Snapshot {
  epoch: number;
  weights: Float32Array[];
}

async function snapshotWeights(from: tf.LayersModel, epoch: number): Promise<Snapshot> {
  const weights = await Promise.all(from.getWeights().map(async (w) => (await w.data()) as Float32Array));
  return { epoch, weights };
}

function restoreWeights(target: tf.LayersModel, snapshot: Snapshot): void {
  const tensors = target.getWeights().map((w, i) => tf.tensor(snapshot.weights[i]!, w.shape));
  target.setWeights(tensors);
  tf.dispose(tensors);
}

async function saveModel(trained: tf.LayersModel, testAccuracy: number, epochs: number): Promise<string> {
  const savedAt = new Date().toISOString();
  trained.setUserDefinedMetadata({ testAccuracy, savedAt, epochs });
  await trained.save(MODEL_URL);
  return savedAt;
}

function misclassifiedExamples(data: TrainingData, predicted: Uint8Array, confidence: Float32Array, limit = 24): Misclassified[] {
  const examples: Misclassified[] = [];
  for (let i = 0; i < data.test.count && examples.length < limit; i++) {
    const label = data.test.labels[i] ?? 0;
    if (predicted[i] === label) continue;
    examples.push({
      index: i,
      label,
      predicted: predicted[i] ?? 0,
      confidence: confidence[i] ?? 0,
      pixels: data.test.images.slice(i * 784, (i + 1) * 784),
    });
  }
  return examples;
}

async function ensureData(baseUrl: string): Promise<LoadedMnist> {
  if (dataset) return dataset;
  dataset = await loadMnist({
    baseUrl,
    onProgress: ({ loaded, total }) => post({ type: 'data-progress', loaded, total }),
  });
  post({ type: 'data-ready', trainCount: dataset.train.count, testCount: dataset.test.count, fromCache: dataset.fromCache });
  return dataset;
}

async function train(config: TrainConfig, baseUrl: string): Promise<void> {
  busy = true;
  stopRequested = false;
  try {
    const loadedData = await ensureData(baseUrl);
    const data: TrainingData = {
      train: trainingSlice(loadedData.train, config.slice),
      validation: validationSample(loadedData.test),
      test: loadedData.test,
    };
    const decision = await chooseBackend(config.backend);
    backendReady = true;
    let backend: BackendName = decision.name;
    post({ type: 'backend', ...decision });

    model?.dispose();
    model = buildMnistModel(tf, { learningRate: config.learningRate, seed: config.seed });
    let snapshot = await snapshotWeights(model, 0);
    let startEpoch = 1;
    let baseline: number | null = null;

    for (;;) {
      const lost = deviceWatch.watch(backend);
      const current = model;
      let abandoned = false;
      post({ type: 'status', status: 'training' });
      const training = trainModel(tf, current, data, { ...config, startEpoch }, {
          gate: async () => {
            await yieldToEvents();
            if (pausePromise) await pausePromise;
          },
          stopped: () => stopRequested || abandoned,
          onBatch: (report) => {
            if (baseline === null) {
              baseline = tf.memory().numTensors;
              post({ type: 'memory', numTensors: baseline, when: '训练开始（模型与 Adam 状态就绪）' });
            }
            post({ type: 'batch', report });
          },
          onValidation: (report) => post({ type: 'validation', report }),
          onEpoch: async (epoch, test, seconds) => {
            snapshot = await snapshotWeights(current, epoch);
            const savedAt = await saveModel(current, test.accuracy, epoch).catch(() => null);
            post({ type: 'epoch', report: { epoch, testAccuracy: test.accuracy, testLoss: test.loss, numTensors: tf.memory().numTensors, seconds } });
            post({ type: 'model', source: 'trained', testAccuracy: test.accuracy, savedAt });
          },
        });
      // A lost device usually makes the running batch throw: report that as the loss itself.
      const guarded = training.catch(async (error: unknown) => {
        const loss = await Promise.race([lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]);
        if (loss) return loss;
        throw error;
      });
      const outcome = await Promise.race([guarded, lost]);
      if (outcome.status === 'lost') {
        abandoned = true;
        guarded.catch(() => undefined);
        try {
          current.dispose();
        } catch {
          // The lost device's tensors may refuse to be freed; they die with the device.
        }
        // Carry on with the best backend after the lost one (by the same rules as "auto").
        const lostAt = BACKEND_ORDER.indexOf(backend);
        const next = await chooseBackend('auto', BACKEND_ORDER.slice(0, lostAt + 1));
        post({ type: 'fallback', from: backend, to: next.name, resumeEpoch: snapshot.epoch + 1, why: outcome.why });
        backend = next.name;
        post({ type: 'backend', name: next.name, reason: `${outcome.why}；改用 ${next.name.toUpperCase()}，从第 ${snapshot.epoch + 1} 轮继续`, skipped: next.skipped });
        model = buildMnistModel(tf, { learningRate: config.learningRate, seed: config.seed });
        restoreWeights(model, snapshot);
        startEpoch = snapshot.epoch + 1;
        baseline = null;
        continue;
      }
      deviceWatch.stop();
      if (outcome.status === 'stopped') {
        post({ type: 'memory', numTensors: tf.memory().numTensors, when: '停止之后' });
        post({ type: 'status', status: 'stopped' });
      } else {
        const confusion = confusionMatrix(data.test.labels, outcome.test.predicted, 10);
        post({
          type: 'final',
          report: { confusion, misclassified: misclassifiedExamples(data, outcome.test.predicted, outcome.test.confidence), testAccuracy: outcome.test.accuracy },
        });
        post({ type: 'status', status: 'done' });
      }
      return;
    }
  } finally {
    busy = false;
    pausePromise = null;
    pausedResolve = null;
  }
}

/** Predicting one digit is cheap: without a training backend yet, the CPU backend will do. */
async function ensureInferenceBackend(): Promise<void> {
  if (backendReady) return;
  await activateBackend('cpu');
  backendReady = true;
}

async function restoreSaved(): Promise<void> {
  try {
    await ensureInferenceBackend();
    const saved = await tf.loadLayersModel(MODEL_URL);
    model?.dispose();
    model = saved;
    const meta = (saved.getUserDefinedMetadata() ?? {}) as { testAccuracy?: number; savedAt?: string };
    post({ type: 'model', source: 'indexeddb', testAccuracy: meta.testAccuracy ?? null, savedAt: meta.savedAt ?? null });
  } catch {
    post({ type: 'no-model' });
  }
}

async function exportModel(): Promise<void> {
  if (!model) throw new Error('还没有可以下载的模型');
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: ['./mnist-cnn.weights.bin'], weights: artifacts.weightSpecs }],
      });
      post({ type: 'exported', modelJson, weights }, [weights]);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

async function importModel(files: File[]): Promise<void> {
  await ensureInferenceBackend();
  const json = files.find((f) => f.name.endsWith('.json'));
  const weights = files.filter((f) => f !== json);
  if (!json || weights.length === 0) throw new Error('请同时选择 model.json 和对应的权重文件（.bin）');
  const loadedModel = await tf.loadLayersModel(tf.io.browserFiles([json, ...weights]));
  const input = loadedModel.inputs[0]?.shape;
  const output = loadedModel.outputs[0]?.shape;
  if (String(input) !== String([null, 28, 28, 1]) || String(output) !== String([null, 10])) {
    loadedModel.dispose();
    throw new Error(`这不是本章的 MNIST 模型（输入 ${String(input)}，输出 ${String(output)}）`);
  }
  model?.dispose();
  model = loadedModel;
  const meta = (loadedModel.getUserDefinedMetadata() ?? {}) as { testAccuracy?: number };
  await loadedModel.save(MODEL_URL).catch(() => undefined);
  post({ type: 'model', source: 'files', testAccuracy: meta.testAccuracy ?? null, savedAt: new Date().toISOString() });
}

/** One test image for the pad: lets keyboard users (and anyone) try the model without drawing. */
async function sampleDigit(baseUrl: string, index: number): Promise<void> {
  const { test } = await ensureData(baseUrl);
  const i = ((index % test.count) + test.count) % test.count;
  post({ type: 'sample', index: i, label: test.labels[i] ?? 0, pixels: test.images.slice(i * 784, (i + 1) * 784) });
}

function predict(id: number, pixels: Float32Array): void {
  if (!model) throw new Error('还没有训练好的模型');
  const current = model;
  const probabilities = tf.tidy(() => current.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor);
  const values = Array.from(probabilities.dataSync());
  probabilities.dispose();
  post({ type: 'prediction', id, probabilities: values });
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const fail = (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  try {
    switch (message.type) {
      case 'train':
        if (busy) return;
        void train(message.config, message.baseUrl).catch((error: unknown) => {
          fail(error);
          post({ type: 'status', status: 'stopped' });
        });
        break;
      case 'pause':
        if (busy && !pausePromise) {
          pausePromise = new Promise((resolve) => (pausedResolve = resolve));
          post({ type: 'status', status: 'paused' });
        }
        break;
      case 'resume':
        pausedResolve?.();
        pausePromise = null;
        pausedResolve = null;
        if (busy) post({ type: 'status', status: 'training' });
        break;
      case 'stop':
        stopRequested = true;
        pausedResolve?.();
        pausePromise = null;
        break;
      case 'predict':
        predict(message.id, message.pixels);
        break;
      case 'sample':
        void sampleDigit(message.baseUrl, message.index).catch(fail);
        break;
      case 'restore':
        void restoreSaved();
        break;
      case 'export':
        void exportModel().catch(fail);
        break;
      case 'import':
        void importModel(message.files).catch(fail);
        break;
      case 'simulate-device-loss':
        deviceWatch.simulateLoss();
        break;
    }
  } catch (error) {
    fail(error);
  }
});
