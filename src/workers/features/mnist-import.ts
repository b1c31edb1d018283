import { tf } from '../../tf/namespace';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FeatureError } from '../../tf/protocol';

/**
 * Reads a model the reader chose from disk and checks it before it may replace anything:
 * which file is the model description and which the weights is decided by content, not
 * by name (a browser saves a second download as "mnist-cnn (1).json"); sizes are capped;
 * the weights must be exactly as long as the description says and all finite; the model
 * must take one 28×28×1 image and give 10 class scores. Every failure is a FeatureError
 * with a code the island words in Chinese.
 */
export const MAX_FILES = 8;
export const MODEL_JSON_LIMIT = 2 * 1024 * 1024;
export const WEIGHTS_LIMIT = 16 * 1024 * 1024;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  /** Stored at lower precision, widened by TensorFlow.js on load (chapter 9.3 writes such files). */
  quantization?: { dtype: string; min?: number; scale?: number };
}

/** Bytes per stored value of a weight: float32, or the manifest's quantized dtype. */
const STORED_BYTES: Record<string, number> = { float16: 2, uint16: 2, uint8: 1 };
const storedBytes = (spec: WeightSpec): number => (spec.quantization ? (STORED_BYTES[spec.quantization.dtype] ?? 0) : 4);
const countOf = (spec: WeightSpec): number => spec.shape.reduce((a, b) => a * b, 1);

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
}

function looksLikeModelJson(value: unknown): value is ModelJson {
  if (!value || typeof value !== 'object') return false;
  const json = value as Partial<ModelJson>;
  return (
    typeof json.modelTopology === 'object' &&
    json.modelTopology !== null &&
    Array.isArray(json.weightsManifest) &&
    json.weightsManifest.every(
      (group) =>
        Array.isArray(group?.paths) &&
        Array.isArray(group?.weights) &&
        group.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isSafeInteger(d) && d >= 0)),
    )
  );
}

/** "mnist-cnn.weights (1).bin" → "mnist-cnn.weights.bin": how a browser renames a repeated download. */
export function canonicalName(name: string): string {
  return (name.split('/').pop() ?? name).replace(/ \(\d+\)(?=\.[^.]*$|$)/, '');
}

const startsLikeJson = (bytes: Uint8Array) => {
  for (const byte of bytes.subarray(0, 64)) {
    if (byte === 0x7b) return true; // {
    if (![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(byte)) return false;
  }
  return false;
};

async function readAll(files: File[]): Promise<{ file: File; bytes: Uint8Array }[]> {
  return Promise.all(files.map(async (file) => ({ file, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

/** Splits the chosen files into the model description and its weights, checks sizes, and joins the weights. */
export async function modelArtifactsFrom(files: File[]): Promise<{ json: ModelJson; specs: WeightSpec[]; weights: ArrayBuffer }> {
  if (files.length === 0) throw new FeatureError('no-files');
  if (files.length > MAX_FILES) throw new FeatureError('too-many-files', { count: files.length, max: MAX_FILES });
  for (const file of files) {
    const limit = file.name.endsWith('.json') ? MODEL_JSON_LIMIT : WEIGHTS_LIMIT;
    if (file.size > Math.max(MODEL_JSON_LIMIT, WEIGHTS_LIMIT) || (file.name.endsWith('.json') && file.size > limit)) {
      throw new FeatureError('model-too-large', { name: file.name, bytes: file.size, limit });
    }
  }
  const read = await readAll(files);
  const jsonCandidates = read.filter(({ file, bytes }) => file.name.endsWith('.json') || startsLikeJson(bytes));
  let model: { file: File; json: ModelJson } | null = null;
  let parsedSomething = false;
  for (const { file, bytes } of jsonCandidates) {
    if (bytes.length > MODEL_JSON_LIMIT) throw new FeatureError('model-too-large', { name: file.name, bytes: bytes.length, limit: MODEL_JSON_LIMIT });
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      continue;
    }
    parsedSomething = true;
    if (looksLikeModelJson(value)) {
      model = { file, json: value };
      break;
    }
  }
  if (!model) {
    if (parsedSomething) throw new FeatureError('not-layers-model');
    throw new FeatureError(jsonCandidates.length ? 'not-json' : 'no-model-json');
  }
  const weightFiles = read.filter(({ file }) => file !== model.file);
  if (weightFiles.length === 0) throw new FeatureError('no-weights-file');

  const specs = model.json.weightsManifest.flatMap((group) => group.weights);
  for (const spec of specs) {
    if (spec.dtype !== 'float32') throw new FeatureError('not-layers-model', { dtype: spec.dtype });
    const q = spec.quantization;
    if (q && (!storedBytes(spec) || (q.dtype !== 'float16' && !(Number.isFinite(q.min) && Number.isFinite(q.scale))))) {
      throw new FeatureError('not-layers-model', { dtype: q.dtype });
    }
  }
  const expected = specs.reduce((sum, spec) => sum + countOf(spec) * storedBytes(spec), 0);
  const paths = model.json.weightsManifest.flatMap((group) => group.paths);
  const byName = new Map(weightFiles.map((w) => [canonicalName(w.file.name), w]));
  const ordered =
    paths.length === weightFiles.length && paths.every((path) => byName.has(canonicalName(path)))
      ? paths.map((path) => byName.get(canonicalName(path))!)
      : weightFiles.length === 1
        ? weightFiles
        : null;
  const actual = weightFiles.reduce((sum, w) => sum + w.bytes.length, 0);
  if (!ordered || actual !== expected) throw new FeatureError('weights-size-mismatch', { expected, actual, files: weightFiles.length });
  const weights = new Uint8Array(expected);
  let offset = 0;
  for (const { bytes } of ordered) {
    weights.set(bytes, offset);
    offset += bytes.length;
  }
  // float32 values must be finite; a float16 value with all exponent bits set is ±Inf or NaN.
  const view = new DataView(weights.buffer);
  let at = 0;
  let index = 0;
  for (const spec of specs) {
    const n = countOf(spec);
    const kind = spec.quantization?.dtype ?? 'float32';
    for (let i = 0; i < n; i++, index++) {
      const bad = kind === 'float32' ? !Number.isFinite(view.getFloat32(at + 4 * i, true)) : kind === 'float16' && (view.getUint16(at + 2 * i, true) & 0x7c00) === 0x7c00;
      if (bad) throw new FeatureError('non-finite-weights', { index });
    }
    at += n * storedBytes(spec);
  }
  return { json: model.json, specs, weights: weights.buffer };
}

/** Builds the model from checked artifacts and checks its inputs and outputs. */
export async function loadCheckedModel(files: File[]): Promise<LayersModel> {
  const { json, specs, weights } = await modelArtifactsFrom(files);
  let model: LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs as never, weightData: weights, userDefinedMetadata: json.userDefinedMetadata ?? {} }),
    );
  } catch (error) {
    throw new FeatureError('load-failed', { message: error instanceof Error ? error.message : String(error) });
  }
  const shape = (dims: readonly (number | null)[] | undefined) => `[${(dims ?? []).map((d) => d ?? 'null').join(', ')}]`;
  const problem =
    model.inputs.length !== 1
      ? new FeatureError('several-inputs', { count: model.inputs.length })
      : shape(model.inputs[0]?.shape) !== '[null, 28, 28, 1]'
        ? new FeatureError('wrong-input', { shape: shape(model.inputs[0]?.shape) })
        : model.outputs.length !== 1 || shape(model.outputs[0]?.shape) !== '[null, 10]'
          ? new FeatureError('wrong-output', { shape: model.outputs.map((o) => shape(o.shape)).join(' ') })
          : null;
  if (problem) {
    model.dispose();
    throw problem;
  }
  return model;
}
