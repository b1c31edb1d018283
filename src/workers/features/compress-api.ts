import type { BackendChoice, BackendName } from '../../tf/backend-field';
import type { CompressionSettings, OutputComparison, VariantId } from '../../lib/ml/compression';

/** Which model the chapter 9 islands compress: chapter 5's saved one, or a short run here. */
export interface ModelRequest {
  backend: BackendChoice;
  /** `auto`: chapter 5's model saved in this browser if there is one, else train; `train`: always train here. */
  source: 'auto' | 'train';
  /** Training images (the first n of the training file) and epochs of a run started here. */
  trainImages: number;
  epochs: number;
  seed: number;
}

export interface CompressModelInfo {
  source: 'saved' | 'trained';
  /** Epochs (known for a model trained here or saved by chapter 5's island). */
  epochs: number | null;
  /** Training images of a run started here. */
  trainImages: number | null;
  parameters: number;
  /** A model saved by chapter 5 was missing, so one was trained here. */
  savedMissing: boolean;
}

export interface VariantResult {
  id: VariantId;
  bytes: number;
  parts: { values: number; scales: number; bitmaps: number };
  accuracy: number;
  /** Test images whose predicted digit differs from the float32 model's. */
  changed: number;
  evaluatedOn: number;
  /** Milliseconds per 1,000 test images on the current backend (float32 arithmetic on the dequantized weights). */
  msPer1000: number;
  maxAbsError: number;
  meanAbsError: number;
  zeros: number;
  kernelCount: number;
  overflow: number;
}

export type PrepareEvent =
  | { type: 'data-progress'; loaded: number; total: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; fromCache: boolean }
  | { type: 'backend'; name: BackendName }
  | { type: 'train-progress'; epoch: number; epochs: number; batch: number; batches: number; loss: number }
  | { type: 'model'; model: CompressModelInfo };

export type CompressEvent = PrepareEvent | { type: 'variant'; result: VariantResult; done: number; total: number };

export interface CompressRunResult {
  model: CompressModelInfo;
  backend: BackendName;
  results: VariantResult[];
}

export type ExportFormat = 'float32' | 'float16' | 'uint8';

export interface ExportResult {
  model: CompressModelInfo;
  backend: BackendName;
  format: ExportFormat;
  fileNames: { json: string; weights: string };
  modelJson: string;
  weights: ArrayBuffer;
  /** The reloaded model against the float32 model on all test images (outputs are softmax probabilities). */
  comparison: OutputComparison;
  accuracyBefore: number;
  accuracyAfter: number;
  /** Largest difference between the weights read back from the files and the ones this page computed. */
  weightMismatch: number;
}

/** Model files the reader chose, loaded and compared with the current model like an export. */
export interface FilesCheck {
  model: CompressModelInfo;
  backend: BackendName;
  files: { name: string; bytes: number }[];
  comparison: OutputComparison;
  accuracyBefore: number;
  accuracyAfter: number;
}

/**
 * Chapter 9.3/9.4 in the TensorFlow.js worker. Failures are FeatureErrors with these codes:
 * busy, stopped, data-network, data-http, data-corrupt, data-manifest, data-stalled,
 * data-aborted, no-backend, load-failed; check — also the chapter 5 importer's codes (no-files,
 * not-json, weights-size-mismatch, wrong-input, …).
 */
export interface CompressApi {
  run: { args: { model: ModelRequest; settings: CompressionSettings; baseUrl: string }; result: CompressRunResult; event: CompressEvent };
  export: { args: { model: ModelRequest; format: ExportFormat; baseUrl: string }; result: ExportResult; event: PrepareEvent };
  check: { args: { model: ModelRequest; files: File[]; baseUrl: string }; result: FilesCheck; event: PrepareEvent };
  stop: { args: null; result: boolean; event: never };
}
