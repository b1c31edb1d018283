import type { BackendChoice, BackendName } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';
import type { OptimizerConfig } from '../../lib/ml/optimizers';
import type { BatchPlan, CurvePoint, SoftmaxStatus } from '../../lib/ml/softmax-regression';

/** One training run of the chapter 3.2 race on real digits: an update rule and a batch plan. */
export interface SoftmaxRunSpec {
  optimizer: OptimizerConfig;
  batch: BatchPlan;
}

export interface SoftmaxTrainArgs {
  backend: BackendChoice;
  /** The digit sample: count × 784 pixels (0–255, row-major) and count labels. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  runs: SoftmaxRunSpec[];
  epochs: number;
  seed: number;
}

export type SoftmaxTrainEvent =
  | { type: 'backend'; decision: BackendDecision }
  /** After each epoch of run `run`: its whole-set loss and the curve points recorded since the last event. */
  | { type: 'epoch'; run: number; epoch: number; loss: number; curve: CurvePoint[] }
  /** A run ended (all epochs, stopped, or diverged): its whole record. */
  | { type: 'run-done'; run: number; status: SoftmaxStatus; epochLosses: number[]; curve: CurvePoint[]; evaluations: number; ms: number };

export interface SoftmaxTrainResult {
  status: 'done' | 'stopped';
  backend: BackendName;
}

/**
 * Softmax regression on the digit sample, trained by tf.train.* in the worker (chapter
 * 3.2's real-data race). Failures are FeatureErrors with the codes: train — busy,
 * bad-data, no-backend, train-failed (detail.message).
 */
export interface SoftmaxApi {
  train: { args: SoftmaxTrainArgs; result: SoftmaxTrainResult; event: SoftmaxTrainEvent };
  stop: { args: null; result: boolean; event: never };
}
