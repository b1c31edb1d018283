import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { buildMnistModel } from '../../lib/mnist/model';
import { slice, validationSample, VALIDATION_SEED, type MnistSplit } from '../../lib/mnist/dataset';
import { trainModel } from '../../lib/mnist/trainer';
import { setLearningRate } from '../../lib/mnist/learning-rate';
import { checkSchedule, learningRateAt, SCHEDULE_KINDS, scheduleOfRun, stepsPerEpoch, type ScheduleConfig, type ScheduleKind } from '../../lib/ml/lr-schedules';
import { ensureBackend, holdingBackend } from '../runtime';
import { yieldToEvents } from '../yield';
import { modelOptions, ownTrainingPath } from '../../lib/mnist/webgpu/training-path';
import type { HandlerContext } from './context';
import { abortMnistDownload, disposeModel, ensureMnistData, probeBatchMs } from './mnist-shared';
import type { CompareArgs, GridArgs, RunEnd, SchedulesApi, SchedulesEvent, SchedulesResult } from './schedules-api';

/**
 * 9.2 in the TensorFlow.js worker. Every run builds the chapter 5 CNN from the same seed and
 * trains it with the chapter 5 trainer on the same images in the same order; only the
 * learning rate differs, set on the optimizer before each update from the pure schedule.
 * The compare runs are scored on the 2,000 test images of chapter 5's validation curve, the
 * grid cells on the first 1,000 of them.
 */

const COMPARE_TEST = 2_000;
const GRID_TEST = 1_000;

/** Pause, resume and stop of the one run in progress. */
class RunControl {
  busy = false;
  stopRequested = false;
  private held: { promise: Promise<void>; release: () => void } | null = null;

  get paused(): Promise<void> | null {
    return this.held?.promise ?? null;
  }

  begin(): void {
    if (this.busy) throw new FeatureError('busy');
    this.busy = true;
    this.stopRequested = false;
  }

  end(): void {
    this.busy = false;
    this.release();
  }

  hold(): boolean {
    if (!this.busy || this.held) return false;
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
    return true;
  }

  release(): boolean {
    const held = this.held;
    this.held = null;
    held?.release();
    return held !== null;
  }

  stop(): boolean {
    this.stopRequested = true;
    abortMnistDownload();
    this.release();
    return this.busy;
  }
}

const control = new RunControl();

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface OneRun {
  index: number;
  model: LayersModel;
  train: MnistSplit;
  test: MnistSplit;
  epochs: number;
  batchSize: number;
  seed: number;
  /** The rate of update `step`. */
  rateAt: (step: number) => number;
}

/** Trains one model; a loss that stops being finite ends the run there (it diverged). Null when the reader stopped. */
async function trainOne(run: OneRun, emit: (event: SchedulesEvent) => void): Promise<RunEnd | null> {
  let nonFiniteAt: number | null = null;
  let step = 0;
  const optimizer = run.model.optimizer;
  const { batches } = ownTrainingPath(tf);
  const outcome = await trainModel(tf, run.model, { train: run.train, validation: run.test, test: run.test }, { epochs: run.epochs, batchSize: run.batchSize, seed: run.seed, batches }, {
    gate: async () => {
      await yieldToEvents();
      const paused = control.paused;
      if (paused) {
        emit({ type: 'status', status: 'paused' });
        await paused;
        emit({ type: 'status', status: 'training' });
      }
    },
    stopped: () => control.stopRequested || nonFiniteAt !== null,
    beforeBatch: (s) => {
      step = s;
      setLearningRate(optimizer, run.rateAt(s));
    },
    onBatch: (report) => {
      emit({ type: 'batch', index: run.index, step, lr: run.rateAt(step), loss: report.loss });
      if (!Number.isFinite(report.loss)) nonFiniteAt = step;
    },
  });
  if (outcome.status === 'done') return { testLoss: outcome.test.loss, testAccuracy: outcome.test.accuracy, nonFiniteAt };
  if (nonFiniteAt !== null && !control.stopRequested) return { testLoss: NaN, testAccuracy: NaN, nonFiniteAt };
  return null;
}

/** Loads the data and the backend, then runs `work` holding the backend; one run at a time. */
async function session(
  backend: CompareArgs['backend'],
  baseUrl: string,
  context: HandlerContext,
  work: (data: { train: MnistSplit; test: MnistSplit }, emit: (event: SchedulesEvent) => void) => Promise<SchedulesResult>,
): Promise<SchedulesResult> {
  control.begin();
  const emit = (event: SchedulesEvent) => context.emit(event);
  try {
    const loaded = await ensureMnistData(baseUrl, emit).catch((error: unknown) => {
      if (control.stopRequested && error instanceof FeatureError && error.code === 'data-aborted') return null;
      throw error;
    });
    if (!loaded || control.stopRequested) return { status: 'stopped', testImages: 0 };
    return await holdingBackend(async () => {
      const decision = await ensureBackend(backend, { probe: probeBatchMs }).catch((error: unknown) => {
        throw new FeatureError('no-backend', { message: message(error) });
      });
      emit({ type: 'backend', decision });
      emit({ type: 'status', status: 'training' });
      return work({ train: loaded.train, test: loaded.test }, emit);
    });
  } finally {
    control.end();
  }
}

function compare(args: CompareArgs, context: HandlerContext): Promise<SchedulesResult> {
  const { run, seed } = args;
  if (!(Number.isInteger(run.images) && run.images >= 1 && Number.isInteger(run.epochs) && run.epochs >= 1 && Number.isInteger(run.batchSize) && run.batchSize >= 1)) {
    return Promise.reject(new FeatureError('bad-schedule', { code: 'bad-run' }));
  }
  const schedule: ScheduleConfig = scheduleOfRun(run);
  const problem = checkSchedule(schedule);
  if (problem) return Promise.reject(new FeatureError('bad-schedule', { ...problem }));
  return session(args.backend, args.baseUrl, context, async (data, emit) => {
    if (run.images > data.train.count) throw new FeatureError('bad-schedule', { code: 'bad-run' });
    const train = slice(data.train, 0, run.images);
    const test = validationSample(data.test, VALIDATION_SEED, COMPARE_TEST);
    for (const [index, kind] of SCHEDULE_KINDS.entries()) {
      const end = await oneRun(index, kind, run.lr, run.batchSize, schedule.totalSteps, emit, {
        train,
        test,
        epochs: run.epochs,
        seed,
        rateAt: (t) => learningRateAt(kind, schedule, t),
      });
      if (!end) return { status: 'stopped', testImages: test.count };
    }
    return { status: 'done', testImages: test.count };
  });
}

async function oneRun(
  index: number,
  kind: ScheduleKind | null,
  lr: number,
  batchSize: number,
  steps: number,
  emit: (event: SchedulesEvent) => void,
  rest: Pick<OneRun, 'train' | 'test' | 'epochs' | 'seed' | 'rateAt'>,
): Promise<RunEnd | null> {
  emit({ type: 'run-start', index, of: kind ? SCHEDULE_KINDS.length : 0, kind, lr, batchSize, steps });
  const model = buildMnistModel(tf, { learningRate: lr, seed: rest.seed, ...modelOptions(ownTrainingPath(tf)) });
  try {
    const end = await trainOne({ ...rest, index, model, batchSize }, emit);
    if (end) emit({ type: 'run-done', index, end });
    return end;
  } finally {
    disposeModel(model);
  }
}

function grid(args: GridArgs, context: HandlerContext): Promise<SchedulesResult> {
  const { lrs, batchSizes, images, seed } = args;
  const good =
    lrs.length >= 1 && lrs.length <= 4 && batchSizes.length >= 1 && batchSizes.length <= 4 && lrs.every((lr) => lr > 0 && Number.isFinite(lr)) &&
    batchSizes.every((b) => Number.isInteger(b) && b >= 1) && Number.isInteger(images) && images >= 1;
  if (!good) return Promise.reject(new FeatureError('bad-grid'));
  return session(args.backend, args.baseUrl, context, async (data, emit) => {
    if (images > data.train.count) throw new FeatureError('bad-grid');
    const train = slice(data.train, 0, images);
    const test = validationSample(data.test, VALIDATION_SEED, GRID_TEST);
    let index = 0;
    for (const lr of lrs) {
      for (const batchSize of batchSizes) {
        const end = await oneRun(index, null, lr, batchSize, stepsPerEpoch(images, batchSize), emit, { train, test, epochs: 1, seed, rateAt: () => lr });
        if (!end) return { status: 'stopped', testImages: test.count };
        index++;
      }
    }
    return { status: 'done', testImages: test.count };
  });
}

export const handlers = {
  compare,
  grid,
  pause: async () => control.hold(),
  resume: async () => control.release(),
  stop: async () => control.stop(),
} satisfies { [M in keyof SchedulesApi]: (args: SchedulesApi[M]['args'], context: HandlerContext) => Promise<SchedulesApi[M]['result']> };
