import type { BackendChoice, BackendName } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';
import type { BatchReport, EpochReport, EvalReport, FinalReport, TrainConfig } from '../../lib/mnist/reports';

/** Where the current model came from, and what is known about it. */
export interface ModelInfo {
  source: 'trained' | 'indexeddb' | 'files';
  /** Test accuracy measured here (after training: all 10,000 test images; a loaded file: the digit sample). */
  accuracy: number | null;
  /** How many test images `accuracy` was measured on. */
  evaluatedOn: number;
  /** When it was saved in this browser; null when saving failed or it is not saved. */
  savedAt: string | null;
  /** Epochs trained (known for models trained here). */
  epochs: number | null;
}

/** Things the island should tell the reader, as codes. */
export type MnistNotice =
  | { code: 'save-failed'; message: string }
  | { code: 'save-timeout'; seconds: number }
  | { code: 'storage-missing' };

export type MnistTrainEvent =
  | { type: 'backend'; decision: BackendDecision }
  | { type: 'data-progress'; loaded: number; total: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; fromCache: boolean }
  | { type: 'status'; status: 'training' | 'paused' }
  | { type: 'memory'; numTensors: number; when: 'before' | 'start' | 'stopped' | 'done' }
  | { type: 'batch'; report: BatchReport }
  | { type: 'validation'; report: EvalReport }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'final'; report: FinalReport }
  | { type: 'fallback'; from: BackendName; to: BackendName; resumeEpoch: number; loss: 'webgpu-device-lost' | 'webgl-context-lost' }
  | { type: 'model'; model: ModelInfo }
  | { type: 'notice'; notice: MnistNotice };

export interface MnistTrainResult {
  status: 'done' | 'stopped';
  /** The epochs finished (a stopped run keeps them). */
  epochsDone: number;
}

export interface MnistModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
}

/**
 * The chapter 5 feature of the TensorFlow.js worker. Failures are FeatureErrors with these
 * codes: train — busy, data-network, data-http, data-corrupt, data-manifest, data-stalled,
 * data-aborted, no-backend; import — busy, no-files, too-many-files, no-model-json, not-json,
 * not-layers-model, no-weights-file, model-too-large, weights-size-mismatch, several-inputs,
 * wrong-input, wrong-output, non-finite-weights, non-finite-output, sample-unavailable,
 * load-failed; predict, export — no-model.
 */
export interface MnistApi {
  train: { args: { config: TrainConfig; baseUrl: string }; result: MnistTrainResult; event: MnistTrainEvent };
  pause: { args: null; result: boolean; event: never };
  resume: { args: null; result: boolean; event: never };
  stop: { args: null; result: boolean; event: never };
  predict: { args: { pixels: Float32Array }; result: number[]; event: never };
  sample: { args: { baseUrl: string; index: number }; result: { index: number; label: number; pixels: Uint8Array }; event: never };
  restore: { args: { backend: BackendChoice }; result: ModelInfo | null; event: never };
  export: { args: null; result: MnistModelFiles; event: never };
  import: { args: { files: File[]; baseUrl: string }; result: ModelInfo; event: MnistNotice };
  memory: { args: null; result: number; event: never };
  simulateDeviceLoss: { args: null; result: null; event: never };
}
