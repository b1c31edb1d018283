import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { io } from '@tensorflow/tfjs-core';
import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { buildMnistModel, MNIST_CLASSES } from '../../lib/mnist/model';
import type { LoadedMnist } from '../../lib/mnist/fetch-dataset';
import { MNIST_PIXELS, fillBatch, slice, validationSample, type MnistSplit } from '../../lib/mnist/dataset';
import { trainModel } from '../../lib/mnist/trainer';
import { accuracyOf, argmaxRows, compareOutputs, compressVariant, isKernel, VARIANT_IDS, variantKey, type WeightTensor } from '../../lib/ml/compression';
import { quantizeUint8, dequantizeUint8, toFloat16, fromFloat16 } from '../../lib/ml/quantize';
import { ensureBackend, holdingBackend } from '../runtime';
import { yieldToEvents } from '../yield';
import { Transfer, type HandlerContext } from './context';
import { loadSavedModel } from './mnist-storage';
import { loadCheckedModel } from './mnist-import';
import { abortMnistDownload, disposeModel, ensureMnistData } from './mnist-shared';
import type { CompressApi, CompressModelInfo, ExportFormat, ExportResult, FilesCheck, ModelRequest, PrepareEvent, VariantResult } from './compress-api';

/**
 * Chapters 9.3 and 9.4 in the TensorFlow.js worker: takes chapter 5's model saved in this
 * browser (or trains a short run here, never overwriting the saved one), applies each
 * compression variant of src/lib/ml/compression.ts to a second copy of it, and scores every
 * variant on all 10,000 test images; exports the model as TensorFlow.js files (float32, or
 * kernels as float16 / affine uint8 in the weights manifest) and loads them back to compare.
 */

type Args<M extends keyof CompressApi> = CompressApi[M]['args'];
type Emit = (event: PrepareEvent) => void;

interface Held {
  key: string;
  model: LayersModel;
  /** A second instance that runs each variant's weights. */
  runner: LayersModel;
  info: CompressModelInfo;
  tensors: WeightTensor[];
  /** The float32 model's outputs on all test images. */
  reference: Float32Array;
  results: Map<string, VariantResult>;
}

/** The split the last request used (ensureMnistData keeps one per worker). */
let dataset: LoadedMnist | null = null;
let held: Held | null = null;
let busy = false;
let stopRequested = false;

/** The model's outputs (softmax probabilities) on every image of `split`, batched, and the milliseconds the pass took after a warm-up batch. */
async function outputsOf(model: LayersModel, split: MnistSplit, batchSize = 500): Promise<{ outputs: Float32Array; ms: number }> {
  const xs = new Float32Array(batchSize * MNIST_PIXELS);
  const ys = new Float32Array(batchSize * MNIST_CLASSES);
  const outputs = new Float32Array(split.count * MNIST_CLASSES);
  const pass = async (start: number): Promise<Float32Array> => {
    const n = Math.min(batchSize, split.count - start);
    fillBatch(split, Array.from({ length: n }, (_, i) => start + i), xs, ys);
    const y = tf.tidy(() => model.predict(tf.tensor4d(xs.subarray(0, n * MNIST_PIXELS), [n, 28, 28, 1])) as ReturnType<typeof tf.tensor>);
    const values = (await y.data()) as Float32Array;
    y.dispose();
    return values;
  };
  await pass(0); // warm-up: shader compilation and first allocations are not the steady cost
  const started = performance.now();
  for (let start = 0; start < split.count; start += batchSize) {
    outputs.set(await pass(start), start * MNIST_CLASSES);
    await yieldToEvents();
    if (stopRequested) throw new FeatureError('stopped');
  }
  return { outputs, ms: performance.now() - started };
}

async function tensorsOf(model: LayersModel): Promise<WeightTensor[]> {
  const values = model.getWeights();
  return Promise.all(model.weights.map(async (w, i) => ({ name: w.originalName, shape: w.shape.map((d) => d ?? 0), values: Float32Array.from(await values[i]!.data()) })));
}

function setWeights(model: LayersModel, weights: readonly Float32Array[]): void {
  const tensors = model.weights.map((w, i) => tf.tensor(weights[i]!, w.shape.map((d) => d ?? 0)));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

async function trainHere(request: ModelRequest, data: LoadedMnist, emit: Emit): Promise<LayersModel> {
  const model = buildMnistModel(tf, { seed: request.seed });
  const train = slice(data.train, 0, Math.min(request.trainImages, data.train.count));
  const outcome = await trainModel(
    tf,
    model,
    { train, validation: validationSample(data.test), test: data.test },
    { epochs: request.epochs, batchSize: 64, seed: request.seed, validationsPerEpoch: 0 },
    {
      gate: yieldToEvents,
      stopped: () => stopRequested,
      onBatch: (r) => emit({ type: 'train-progress', epoch: r.epoch, epochs: request.epochs, batch: r.batch, batches: r.batchesPerEpoch, loss: r.loss }),
    },
  );
  if (outcome.status === 'stopped') {
    disposeModel(model);
    throw new FeatureError('stopped');
  }
  return model;
}

async function prepare(request: ModelRequest, baseUrl: string, emit: Emit): Promise<Held> {
  const decision = await ensureBackend(request.backend);
  emit({ type: 'backend', name: decision.name });
  const data = await ensureMnistData(baseUrl, emit);
  dataset = data;
  const trainKey = `train:${request.trainImages}:${request.epochs}:${request.seed}:${decision.name}`;
  if (held && (held.key === trainKey || (request.source === 'auto' && held.key === `saved:${decision.name}`))) return held;
  let model: LayersModel | null = null;
  let info: CompressModelInfo;
  let key = trainKey;
  const saved = request.source === 'auto' ? await loadSavedModel() : null;
  if (saved) {
    model = saved.model;
    key = `saved:${decision.name}`;
    info = { source: 'saved', epochs: typeof saved.meta.epochs === 'number' ? saved.meta.epochs : null, trainImages: null, parameters: model.countParams(), savedMissing: false };
  } else {
    model = await trainHere(request, data, emit);
    info = { source: 'trained', epochs: request.epochs, trainImages: Math.min(request.trainImages, data.train.count), parameters: model.countParams(), savedMissing: request.source === 'auto' };
  }
  const runner = buildMnistModel(tf, { seed: 1 });
  const tensors = await tensorsOf(model);
  const { outputs } = await outputsOf(model, data.test);
  if (held) {
    disposeModel(held.model);
    disposeModel(held.runner);
  }
  held = { key, model, runner, info, tensors, reference: outputs, results: new Map() };
  emit({ type: 'model', model: info });
  return held;
}

async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  if (busy) throw new FeatureError('busy');
  busy = true;
  stopRequested = false;
  try {
    return await holdingBackend(work);
  } finally {
    busy = false;
  }
}

async function run({ model, settings, baseUrl }: Args<'run'>, context: HandlerContext): Promise<CompressApi['run']['result']> {
  return exclusive(async () => {
    const emit = (event: unknown) => context.emit(event);
    const h = await prepare(model, baseUrl, emit);
    const test = dataset!.test;
    const results: VariantResult[] = [];
    for (const id of VARIANT_IDS) {
      const key = variantKey(id, settings);
      let result = h.results.get(key);
      if (!result) {
        const variant = compressVariant(h.tensors, id, settings);
        setWeights(h.runner, variant.weights);
        const { outputs, ms } = await outputsOf(h.runner, test);
        const comparison = compareOutputs(h.reference, outputs, MNIST_CLASSES);
        result = {
          id,
          bytes: variant.bytes,
          parts: variant.parts,
          accuracy: accuracyOf(argmaxRows(outputs, MNIST_CLASSES), test.labels),
          changed: comparison.changed,
          evaluatedOn: test.count,
          msPer1000: (ms / test.count) * 1000,
          maxAbsError: variant.error.maxAbs,
          meanAbsError: variant.error.meanAbs,
          zeros: variant.zeros,
          kernelCount: variant.kernelCount,
          overflow: variant.overflow,
        };
        h.results.set(key, result);
      }
      results.push(result);
      emit({ type: 'variant', result, done: results.length, total: VARIANT_IDS.length });
    }
    return { model: h.info, backend: (await ensureBackend(model.backend)).name, results };
  });
}

/** The weights manifest and data for `format`: kernels float16 or affine uint8 (per tensor), biases float32. */
function encodeWeights(tensors: readonly WeightTensor[], format: ExportFormat): { specs: io.WeightsManifestEntry[]; data: ArrayBuffer; expected: Float32Array[] } {
  const chunks: Uint8Array[] = [];
  const expected: Float32Array[] = [];
  const specs = tensors.map((t): io.WeightsManifestEntry => {
    const spec: io.WeightsManifestEntry = { name: t.name, shape: [...t.shape], dtype: 'float32' };
    if (format === 'float16' && isKernel(t)) {
      const half = toFloat16(t.values).bits;
      chunks.push(new Uint8Array(half.buffer));
      expected.push(fromFloat16(half));
      return { ...spec, quantization: { dtype: 'float16' } };
    }
    if (format === 'uint8' && isKernel(t)) {
      const q = quantizeUint8(t.values);
      chunks.push(q.q);
      expected.push(dequantizeUint8(q));
      return { ...spec, quantization: { dtype: 'uint8', min: q.min, scale: q.scale } };
    }
    chunks.push(new Uint8Array(Float32Array.from(t.values).buffer));
    expected.push(t.values);
    return spec;
  });
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.length;
  }
  return { specs, data: data.buffer, expected };
}

async function exportModel({ model, format, baseUrl }: Args<'export'>, context: HandlerContext): Promise<Transfer<ExportResult>> {
  return exclusive(async () => {
    const emit = (event: unknown) => context.emit(event);
    const h = await prepare(model, baseUrl, emit);
    let topology: io.ModelArtifacts['modelTopology'] | null = null;
    await h.model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        topology = artifacts.modelTopology ?? null;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!topology) throw new FeatureError('load-failed');
    const { specs, data, expected } = encodeWeights(h.tensors, format);
    const fileNames = { json: `mnist-cnn-${format}.json`, weights: `mnist-cnn-${format}.weights.bin` };
    const modelJson = JSON.stringify({ modelTopology: topology, format: 'layers-model', generatedBy: 'ml-guide chapter 9.3', weightsManifest: [{ paths: [`./${fileNames.weights}`], weights: specs }] });
    let loaded: LayersModel;
    try {
      loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: data.slice(0) }));
    } catch {
      throw new FeatureError('load-failed');
    }
    try {
      const readBack = await tensorsOf(loaded);
      let weightMismatch = 0;
      readBack.forEach((t, i) => t.values.forEach((v, j) => (weightMismatch = Math.max(weightMismatch, Math.abs(v - expected[i]![j]!)))));
      const test = dataset!.test;
      const { outputs } = await outputsOf(loaded, test);
      const result: ExportResult = {
        model: h.info,
        backend: (await ensureBackend(model.backend)).name,
        format,
        fileNames,
        modelJson,
        weights: data,
        comparison: compareOutputs(h.reference, outputs, MNIST_CLASSES),
        accuracyBefore: accuracyOf(argmaxRows(h.reference, MNIST_CLASSES), test.labels),
        accuracyAfter: accuracyOf(argmaxRows(outputs, MNIST_CLASSES), test.labels),
        weightMismatch,
      };
      return new Transfer(result, [data]);
    } finally {
      disposeModel(loaded);
    }
  });
}

/** The reader's model files (checked by chapter 5's importer, quantized manifests included) against the current model. */
async function checkFiles({ model, files, baseUrl }: Args<'check'>, context: HandlerContext): Promise<FilesCheck> {
  return exclusive(async () => {
    const h = await prepare(model, baseUrl, (event) => context.emit(event));
    const loaded = await loadCheckedModel(files);
    try {
      const test = dataset!.test;
      const { outputs } = await outputsOf(loaded, test);
      return {
        model: h.info,
        backend: (await ensureBackend(model.backend)).name,
        files: files.map((f) => ({ name: f.name, bytes: f.size })),
        comparison: compareOutputs(h.reference, outputs, MNIST_CLASSES),
        accuracyBefore: accuracyOf(argmaxRows(h.reference, MNIST_CLASSES), test.labels),
        accuracyAfter: accuracyOf(argmaxRows(outputs, MNIST_CLASSES), test.labels),
      };
    } finally {
      disposeModel(loaded);
    }
  });
}

export const handlers = {
  run,
  export: exportModel,
  check: checkFiles,
  stop: async () => {
    stopRequested = true;
    abortMnistDownload();
    return busy;
  },
};
