import type { BackendChoice } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';
import type { ScheduledRun, ScheduleKind, ScheduleProblem } from '../../lib/ml/lr-schedules';
import type { MnistDataEvent } from './mnist-shared';

export interface CompareArgs {
  backend: BackendChoice;
  run: ScheduledRun;
  seed: number;
  baseUrl: string;
}

export interface GridArgs {
  backend: BackendChoice;
  /** Learning rates (rows) and batch sizes (columns) of the grid. */
  lrs: number[];
  batchSizes: number[];
  /** Every cell trains on these first training images once: the same examples seen. */
  images: number;
  seed: number;
  baseUrl: string;
}

/** The end of one run: the loss and accuracy on the test images the feature states (see testImages). */
export interface RunEnd {
  testLoss: number;
  testAccuracy: number;
  /** The step at which the training loss stopped being a finite number (the run was cut there), or null. */
  nonFiniteAt: number | null;
}

export type SchedulesEvent =
  | MnistDataEvent
  | { type: 'backend'; decision: BackendDecision }
  | { type: 'status'; status: 'training' | 'paused' }
  /** A compare run starts (kind) or a grid cell starts (lr, batchSize). */
  | { type: 'run-start'; index: number; of: number; kind: ScheduleKind | null; lr: number; batchSize: number; steps: number }
  | { type: 'batch'; index: number; step: number; lr: number; loss: number }
  | { type: 'run-done'; index: number; end: RunEnd };

export interface SchedulesResult {
  status: 'done' | 'stopped';
  /** How many test images the runs were scored on. */
  testImages: number;
}

/**
 * 9.2 in the TensorFlow.js worker: the chapter 5 CNN trained with a learning-rate schedule set
 * before every update (compare: constant, step, cosine, one after another, same seed and data
 * order), and a grid of constant rates × batch sizes. Failures are FeatureErrors: busy,
 * bad-schedule (detail: the ScheduleProblem), bad-grid, no-backend, data-* (see mnist-api).
 */
export interface SchedulesApi {
  compare: { args: CompareArgs; result: SchedulesResult; event: SchedulesEvent };
  grid: { args: GridArgs; result: SchedulesResult; event: SchedulesEvent };
  pause: { args: null; result: boolean; event: never };
  resume: { args: null; result: boolean; event: never };
  stop: { args: null; result: boolean; event: never };
}

export type { ScheduleProblem };
