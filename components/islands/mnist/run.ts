import type {
  BackendName,
  BatchReport,
  EpochReport,
  EvalReport,
  FinalReport,
  FromWorker,
  SkippedBackend,
} from '../../../src/lib/mnist/protocol';

export type RunStatus = 'idle' | 'loading' | 'training' | 'paused' | 'stopped' | 'done' | 'error';

export interface TrainPoint {
  x: number;
  loss: number;
  accuracy: number;
}

/** Everything the island knows about the current run, folded from the worker's messages. */
export interface RunState {
  status: RunStatus;
  backend: { name: BackendName; reason: string; skipped: SkippedBackend[] } | null;
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
  memory: { when: string; numTensors: number }[];
  notice: string | null;
  error: string | null;
  model: { source: 'trained' | 'indexeddb' | 'files'; testAccuracy: number | null; savedAt: string | null } | null;
}

export const initialRun = (model: RunState['model'] = null): RunState => ({
  status: 'idle',
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
  notice: null,
  error: null,
  model,
});

/** About 100 points per epoch on the training curves, each the mean of its batches. */
const POINTS_PER_EPOCH = 100;

export function reduceRun(run: RunState, message: FromWorker): RunState {
  switch (message.type) {
    case 'backend':
      return { ...run, backend: { name: message.name, reason: message.reason, skipped: message.skipped } };
    case 'data-progress':
      return { ...run, status: 'loading', download: { loaded: message.loaded, total: message.total } };
    case 'data-ready':
      return { ...run, dataFromCache: message.fromCache, dataCounts: { train: message.trainCount, test: message.testCount } };
    case 'status':
      return { ...run, status: message.status };
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
      return { ...run, status: run.status === 'paused' ? 'paused' : 'training', batch: r, trainPoints, bucket };
    }
    case 'validation':
      return { ...run, validation: [...run.validation, message.report] };
    case 'epoch':
      return { ...run, epochs: [...run.epochs, message.report] };
    case 'final':
      return { ...run, final: message.report };
    case 'fallback':
      return {
        ...run,
        notice: `${message.why}：训练改在 ${message.to.toUpperCase()} 上从第 ${message.resumeEpoch} 轮继续（之前完成的轮次保留，Adam 的动量重新开始累计）。`,
        epochs: run.epochs.filter((e) => e.epoch < message.resumeEpoch),
        trainPoints: run.trainPoints.filter((p) => p.x <= message.resumeEpoch - 1),
        validation: run.validation.filter((v) => v.at <= message.resumeEpoch - 1),
      };
    case 'model':
      return { ...run, model: { source: message.source, testAccuracy: message.testAccuracy, savedAt: message.savedAt } };
    case 'no-model':
      return run;
    case 'error':
      return { ...run, error: message.message };
    case 'prediction':
    case 'exported':
    case 'sample':
      return run;
  }
}
