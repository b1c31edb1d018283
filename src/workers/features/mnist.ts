import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { BACKEND_ORDER, type BackendName } from '../../tf/backend-field';
import { chooseBackend } from '../../tf/backends';
import { buildMnistModel } from '../../lib/mnist/model';
import { trainingSlice, validationSample, type MnistSplit } from '../../lib/mnist/dataset';
import { trainModel, type TrainingData } from '../../lib/mnist/trainer';
import { evaluateSplit } from '../../lib/mnist/evaluate';
import { parseDigitSample } from '../../lib/mnist/sample-digits';
import { confusionMatrix } from '../../lib/ml/metrics';
import type { Misclassified, TrainConfig } from '../../lib/mnist/reports';
import { deviceWatch, ensureAnyBackend, ensureBackend, holdingBackend, setBackendDecision } from '../runtime';
import { Transfer, type HandlerContext } from './context';
import { yieldToEvents } from '../yield';
import type { MnistApi, MnistTrainEvent, ModelInfo } from './mnist-api';
import { loadSavedModel, saveModel } from './mnist-storage';
import { abortMnistDownload, disposeModel, ensureMnistData, probeBatchMs } from './mnist-shared';
import { loadCheckedModel } from './mnist-import';
import { modelOptions, ownTrainingPath } from '../../lib/mnist/webgpu/training-path';

/**
 * Chapter 5 in the TensorFlow.js worker: loads MNIST, trains the source's CNN batch by
 * batch (pausable, stoppable — also while the data downloads), evaluates on all 10,000 test
 * images after each epoch, saves the model after each epoch (a storage that fails or hangs
 * gives a notice, training goes on), resumes on the next backend if the GPU is lost, and
 * checks any model file before it replaces the current one.
 */

type Args<M extends keyof MnistApi> = MnistApi[M]['args'];

/** The model predictions and downloads use: the last one trained (a finished epoch), saved or loaded. */
let current: { model: LayersModel; info: ModelInfo } | null = null;
let training = false;
let stopRequested = false;
let pause: { promise: Promise<void>; resume: () => void } | null = null;

function setCurrent(model: LayersModel, info: ModelInfo): void {
  if (current && current.model !== model) disposeModel(current.model);
  current = { model, info };
}

function misclassifiedExamples(test: MnistSplit, predicted: Uint8Array, confidence: Float32Array, limit = 24): Misclassified[] {
  const examples: Misclassified[] = [];
  for (let i = 0; i < test.count && examples.length < limit; i++) {
    const label = test.labels[i] ?? 0;
    if (predicted[i] === label) continue;
    examples.push({ index: i, label, predicted: predicted[i] ?? 0, confidence: confidence[i] ?? 0, pixels: test.images.slice(i * 784, (i + 1) * 784) });
  }
  return examples;
}

async function snapshot(model: LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

function restoreWeights(model: LayersModel, weights: Float32Array[]): void {
  const tensors = model.getWeights().map((w, i) => tf.tensor(weights[i]!, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

async function train({ config, baseUrl }: Args<'train'>, context: HandlerContext): Promise<MnistApi['train']['result']> {
  if (training) throw new FeatureError('busy');
  training = true;
  stopRequested = false;
  const emit = (event: MnistTrainEvent) => context.emit(event);
  try {
    const loaded = await ensureMnistData(baseUrl, emit).catch((error: unknown) => {
      if (stopRequested && error instanceof FeatureError && error.code === 'data-aborted') return null;
      throw error;
    });
    if (!loaded || stopRequested) return { status: 'stopped', epochsDone: 0 };
    const data: TrainingData = { train: trainingSlice(loaded.train, config.slice), validation: validationSample(loaded.test), test: loaded.test };
    return await holdingBackend(() => trainOn(config, data, emit));
  } finally {
    training = false;
    pause?.resume();
    pause = null;
  }
}

async function trainOn(config: TrainConfig, data: TrainingData, emit: (event: MnistTrainEvent) => void): Promise<MnistApi['train']['result']> {
  let decision = await ensureBackend(config.backend, { probe: probeBatchMs });
  emit({ type: 'backend', decision });
  emit({ type: 'memory', numTensors: tf.memory().numTensors, when: 'before' });
  // Our fused Adam and GPU-gathered batches on webgpu, stock tfjs elsewhere; again after a fallback.
  let path = ownTrainingPath(tf);
  let model = buildMnistModel(tf, { learningRate: config.learningRate, seed: config.seed, ...modelOptions(path) });
  let weights = await snapshot(model);
  let epochsDone = 0;
  let baseline: number | null = null;
  for (;;) {
    const lost = deviceWatch.watch(decision.name);
    const run = model;
    let abandoned = false;
    emit({ type: 'status', status: 'training' });
    const training = trainModel(tf, run, data, { ...config, startEpoch: epochsDone + 1, batches: path.batches }, {
      gate: async () => {
        await yieldToEvents();
        if (pause) await pause.promise;
      },
      stopped: () => stopRequested || abandoned,
      onBatch: (report) => {
        if (baseline === null) {
          // Adam makes its slot variables on the first step: count from there.
          baseline = tf.memory().numTensors;
          emit({ type: 'memory', numTensors: baseline, when: 'start' });
        }
        emit({ type: 'batch', report });
      },
      onValidation: (report) => emit({ type: 'validation', report }),
      onEpoch: async (epoch, test, seconds) => {
        weights = await snapshot(run);
        epochsDone = epoch;
        emit({ type: 'epoch', report: { epoch, testAccuracy: test.accuracy, testLoss: test.loss, numTensors: tf.memory().numTensors, seconds } });
        const saved = await saveModel(run, { accuracy: test.accuracy, evaluatedOn: data.test.count, epochs: epoch, source: 'trained' });
        if ('notice' in saved) emit({ type: 'notice', notice: saved.notice });
        const info: ModelInfo = { source: 'trained', accuracy: test.accuracy, evaluatedOn: data.test.count, savedAt: 'savedAt' in saved ? saved.savedAt : null, epochs: epoch };
        setCurrent(run, info);
        emit({ type: 'model', model: info });
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
      if (current?.model !== run) disposeModel(run);
      else current = null;
      const lostAt = BACKEND_ORDER.indexOf(decision.name);
      const next = await chooseBackend(tf, 'auto', { probe: probeBatchMs, exclude: BACKEND_ORDER.slice(0, lostAt + 1) as BackendName[] });
      setBackendDecision(next, config.backend);
      emit({ type: 'fallback', from: decision.name, to: next.name, resumeEpoch: epochsDone + 1, loss: outcome.code });
      decision = next;
      emit({ type: 'backend', decision });
      path = ownTrainingPath(tf);
      model = buildMnistModel(tf, { learningRate: config.learningRate, seed: config.seed, ...modelOptions(path) });
      restoreWeights(model, weights);
      baseline = null;
      continue;
    }
    deviceWatch.stop();
    if (outcome.status === 'stopped') {
      // The epoch in progress is dropped; finished epochs live on in `current`.
      if (current?.model !== run) disposeModel(run);
      emit({ type: 'memory', numTensors: tf.memory().numTensors, when: 'stopped' });
      return { status: 'stopped', epochsDone };
    }
    const confusion = confusionMatrix(data.test.labels, outcome.test.predicted, 10);
    emit({
      type: 'final',
      report: { confusion, misclassified: misclassifiedExamples(data.test, outcome.test.predicted, outcome.test.confidence), testAccuracy: outcome.test.accuracy },
    });
    emit({ type: 'memory', numTensors: tf.memory().numTensors, when: 'done' });
    return { status: 'done', epochsDone };
  }
}

async function fetchDigitSample(baseUrl: string): Promise<MnistSplit | null> {
  try {
    const response = await fetch(new URL('sample-digits.bin', baseUrl));
    if (!response.ok) return null;
    const sample = parseDigitSample(new Uint8Array(await response.arrayBuffer()));
    return sample.ok ? { count: sample.count, images: sample.images, labels: sample.labels } : null;
  } catch {
    return null;
  }
}

/** Scores a loaded model on the sample of real test digits; refuses one whose outputs are not finite. */
async function checkPredictions(model: LayersModel, baseUrl: string): Promise<{ accuracy: number | null; evaluatedOn: number }> {
  const sample = await fetchDigitSample(baseUrl);
  const probe = sample ?? { count: 1, images: new Uint8Array(784), labels: new Uint8Array(1) };
  const evaluation = await evaluateSplit(tf, model, probe);
  if (!Number.isFinite(evaluation.loss) || evaluation.confidence.some((c) => !Number.isFinite(c))) {
    throw new FeatureError('non-finite-output');
  }
  return sample ? { accuracy: evaluation.accuracy, evaluatedOn: sample.count } : { accuracy: null, evaluatedOn: 0 };
}

async function importModel({ files, baseUrl }: Args<'import'>, context: HandlerContext): Promise<ModelInfo> {
  if (training) throw new FeatureError('busy');
  await ensureAnyBackend();
  const model = await loadCheckedModel(files);
  try {
    const { accuracy, evaluatedOn } = await checkPredictions(model, baseUrl);
    const saved = await saveModel(model, { accuracy: accuracy ?? 0, evaluatedOn, epochs: null, source: 'files' });
    if ('notice' in saved) context.emit(saved.notice);
    const info: ModelInfo = { source: 'files', accuracy, evaluatedOn, savedAt: 'savedAt' in saved ? saved.savedAt : null, epochs: null };
    setCurrent(model, info);
    return info;
  } catch (error) {
    disposeModel(model);
    throw error;
  }
}

async function restore({ backend }: Args<'restore'>): Promise<ModelInfo | null> {
  if (current) return current.info;
  await ensureBackend(backend === 'auto' ? 'cpu' : backend).catch(() => ensureAnyBackend());
  const saved = await loadSavedModel();
  if (!saved) return null;
  const { meta } = saved;
  const info: ModelInfo = {
    source: 'indexeddb',
    accuracy: typeof meta.accuracy === 'number' ? meta.accuracy : null,
    evaluatedOn: typeof meta.evaluatedOn === 'number' ? meta.evaluatedOn : 0,
    savedAt: meta.savedAt ?? null,
    epochs: typeof meta.epochs === 'number' ? meta.epochs : null,
  };
  setCurrent(saved.model, info);
  return info;
}

async function exportModel(): Promise<Transfer<MnistApi['export']['result']>> {
  if (!current) throw new FeatureError('no-model');
  let files: MnistApi['export']['result'] | null = null;
  await current.model.save(
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
      files = { modelJson, weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new FeatureError('no-model');
  const result: MnistApi['export']['result'] = files;
  return new Transfer(result, [result.weights]);
}

function predict({ pixels }: Args<'predict'>): Promise<number[]> {
  const model = current?.model;
  if (!model) throw new FeatureError('no-model');
  const probabilities = tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as ReturnType<typeof tf.tensor>);
  const values = Array.from(probabilities.dataSync());
  probabilities.dispose();
  return Promise.resolve(values);
}

async function sample({ baseUrl, index }: Args<'sample'>, context: HandlerContext): Promise<MnistApi['sample']['result']> {
  const { test } = await ensureMnistData(baseUrl, (event) => context.emit(event));
  const i = ((index % test.count) + test.count) % test.count;
  return { index: i, label: test.labels[i] ?? 0, pixels: test.images.slice(i * 784, (i + 1) * 784) };
}

export const handlers = {
  train,
  pause: async () => {
    if (!training || pause) return false;
    let resume = (): void => undefined;
    const promise = new Promise<void>((resolve) => (resume = resolve));
    pause = { promise, resume };
    return true;
  },
  resume: async () => {
    if (!pause) return false;
    pause.resume();
    pause = null;
    return true;
  },
  stop: async () => {
    stopRequested = true;
    abortMnistDownload();
    pause?.resume();
    pause = null;
    return training;
  },
  predict,
  sample,
  restore,
  export: exportModel,
  import: importModel,
  memory: async () => tf.memory().numTensors,
  simulateDeviceLoss: async () => {
    deviceWatch.simulateLoss();
    return null;
  },
};
