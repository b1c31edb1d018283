/**
 * Messages between the chapter 5 island (main thread) and the MNIST training worker.
 * Everything crossing the boundary is plain data (structured-clone friendly).
 */

export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendName = Exclude<BackendChoice, 'auto'>;
export type DataSlice = 'quick' | 'full';

export interface TrainConfig {
  backend: BackendChoice;
  slice: DataSlice;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface SkippedBackend {
  name: BackendName;
  why: string;
}

export interface BatchReport {
  epoch: number;
  /** 1-based index of the batch just finished within its epoch. */
  batch: number;
  batchesPerEpoch: number;
  loss: number;
  accuracy: number;
  imagesPerSecond: number;
  /** Seconds left for the whole run at the current speed. */
  secondsLeft: number;
}

export interface EvalReport {
  epoch: number;
  /** Fractional epoch position of the measurement, for plotting. */
  at: number;
  loss: number;
  accuracy: number;
}

export interface EpochReport {
  epoch: number;
  testAccuracy: number;
  testLoss: number;
  numTensors: number;
  seconds: number;
}

export interface Misclassified {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  /** 784 grayscale pixels, 0…255. */
  pixels: Uint8Array;
}

export interface FinalReport {
  confusion: number[][];
  misclassified: Misclassified[];
  testAccuracy: number;
}

export type ToWorker =
  | { type: 'train'; config: TrainConfig; baseUrl: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; id: number; pixels: Float32Array }
  | { type: 'sample'; baseUrl: string; index: number }
  | { type: 'restore' }
  | { type: 'export' }
  | { type: 'import'; files: File[] }
  | { type: 'simulate-device-loss' };

export type FromWorker =
  | { type: 'backend'; name: BackendName; reason: string; skipped: SkippedBackend[] }
  | { type: 'data-progress'; loaded: number; total: number }
  | { type: 'data-ready'; trainCount: number; testCount: number; fromCache: boolean }
  | { type: 'status'; status: 'training' | 'paused' | 'stopped' | 'done' }
  | { type: 'memory'; numTensors: number; when: string }
  | { type: 'batch'; report: BatchReport }
  | { type: 'validation'; report: EvalReport }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'final'; report: FinalReport }
  | { type: 'fallback'; from: BackendName; to: BackendName; resumeEpoch: number; why: string }
  | { type: 'model'; source: 'trained' | 'indexeddb' | 'files'; testAccuracy: number | null; savedAt: string | null }
  | { type: 'no-model' }
  | { type: 'prediction'; id: number; probabilities: number[] }
  | { type: 'sample'; index: number; label: number; pixels: Uint8Array }
  | { type: 'exported'; modelJson: string; weights: ArrayBuffer }
  | { type: 'error'; message: string };
