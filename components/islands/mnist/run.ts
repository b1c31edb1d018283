import type { BackendDecision } from '../../../src/tf/backends';
import type { BatchReport, EpochReport, EvalReport, FinalReport, TrainConfig } from '../../../src/lib/mnist/reports';
import type { MnistNotice, MnistTrainEvent } from '../../../src/workers/features/mnist-api';
import type { BackendName } from '../../../src/tf/backend-field';

export type RunStatus = 'idle' | 'loading' | 'training' | 'paused' | 'stopping' | 'stopped' | 'done' | 'error';

export interface TrainPoint {
  x: number;
  loss: number;
  accuracy: number;
}

/** Everything the island knows about the current run, folded from the worker's events and the page's own actions. */
export interface RunState {
  status: RunStatus;
  /** The settings this run was started with (not the live form, which may change after). */
  config: TrainConfig | null;
  backend: BackendDecision | null;
  download: { loaded: number; total: number } | null;
  dataFromCache: boolean | null;
  dataCounts: { train: number; test: number } | null;
  batch: BatchReport | null;
  trainPoints: TrainPoint[];
  /** Batches not yet folded into a training-curve point. */
  bucket: { loss: number; accuracy: number; count: number };
  validation: EvalReport[];
  epochs: EpochReport[];
  final: FinalReport | null;
  memory: { when: 'before' | 'start' | 'stopped' | 'done'; numTensors: number }[];
  fallback: { from: BackendName; to: BackendName; resumeEpoch: number; loss: 'webgpu-device-lost' | 'webgl-context-lost' } | null;
  notices: MnistNotice[];
  error: { code: string; detail: Record<string, string | number | boolean | null> } | null;
  epochsDone: number;
}

/** What the page itself does to a run (the worker's events are the rest). */
export type RunAction =
  | { type: 'start'; config: TrainConfig }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'stopping' }
  | { type: 'finished'; status: 'done' | 'stopped'; epochsDone: number }
  | { type: 'failed'; code: string; detail: Record<string, string | number | boolean | null> };

export const initialRun = (): RunState => ({
  status: 'idle',
  config: null,
  backend: null,
  download: null,
  dataFromCache: null,
  dataCounts: null,
  batch: null,
  trainPoints: [],
  bucket: { loss: 0, accuracy: 0, count: 0 },
  validation: [],
  epochs: [],
  final: null,
  memory: [],
  fallback: null,
  notices: [],
  error: null,
  epochsDone: 0,
});

export const isBusy = (run: RunState): boolean => ['loading', 'training', 'paused', 'stopping'].includes(run.status);

/** About 100 points per epoch on the training curves, each the mean of its batches. */
const POINTS_PER_EPOCH = 100;

export function reduceRun(run: RunState, message: MnistTrainEvent | RunAction): RunState {
  switch (message.type) {
    case 'start':
      return { ...initialRun(), status: 'loading', config: message.config };
    case 'paused':
      return isBusy(run) ? { ...run, status: 'paused' } : run;
    case 'resumed':
      return run.status === 'paused' ? { ...run, status: 'training' } : run;
    case 'stopping':
      return isBusy(run) ? { ...run, status: 'stopping' } : run;
    case 'finished':
      return { ...run, status: message.status, epochsDone: message.epochsDone };
    case 'failed':
      return { ...run, status: 'error', error: { code: message.code, detail: message.detail } };
    case 'backend':
      return { ...run, backend: message.decision };
    case 'data-progress':
      return { ...run, download: { loaded: message.loaded, total: message.total } };
    case 'data-ready':
      return { ...run, dataFromCache: message.fromCache, dataCounts: { train: message.trainCount, test: message.testCount } };
    case 'status':
      return run.status === 'stopping' || run.status === 'paused' ? run : { ...run, status: message.status };
    case 'memory':
      return { ...run, memory: [...run.memory, { when: message.when, numTensors: message.numTensors }] };
    case 'batch': {
      const r = message.report;
      const every = Math.max(1, Math.floor(r.batchesPerEpoch / POINTS_PER_EPOCH));
      let bucket = { loss: run.bucket.loss + r.loss, accuracy: run.bucket.accuracy + r.accuracy, count: run.bucket.count + 1 };
      let trainPoints = run.trainPoints;
      if (bucket.count >= every || r.batch === r.batchesPerEpoch) {
        const point = { x: r.epoch - 1 + r.batch / r.batchesPerEpoch, loss: bucket.loss / bucket.count, accuracy: bucket.accuracy / bucket.count };
        trainPoints = [...trainPoints, point];
        bucket = { loss: 0, accuracy: 0, count: 0 };
      }
      const status = run.status === 'paused' || run.status === 'stopping' ? run.status : 'training';
      return { ...run, status, batch: r, trainPoints, bucket };
    }
    case 'validation':
      return { ...run, validation: [...run.validation, message.report] };
    case 'epoch':
      return { ...run, epochs: [...run.epochs, message.report], epochsDone: message.report.epoch };
    case 'final':
      return { ...run, final: message.report };
    case 'fallback':
      return {
        ...run,
        fallback: { from: message.from, to: message.to, resumeEpoch: message.resumeEpoch, loss: message.loss },
        epochs: run.epochs.filter((e) => e.epoch < message.resumeEpoch),
        trainPoints: run.trainPoints.filter((p) => p.x <= message.resumeEpoch - 1),
        validation: run.validation.filter((v) => v.at <= message.resumeEpoch - 1),
      };
    case 'notice':
      return run.notices.some((n) => n.code === message.notice.code) ? run : { ...run, notices: [...run.notices, message.notice] };
    case 'model':
      return run;
  }
}
