/** What the chapter 5 training loop reports, as plain data (the worker streams it to the page). */

export type DataSlice = 'quick' | 'full';

export interface TrainConfig {
  backend: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
  slice: DataSlice;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
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
