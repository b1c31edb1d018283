import type { BackendDecision } from '../../../src/tf/backends';
import type { ScheduleKind } from '../../../src/lib/ml/lr-schedules';
import type { RunEnd, SchedulesEvent } from '../../../src/workers/features/schedules-api';

export type JobStatus = 'loading' | 'training' | 'paused' | 'stopping' | 'stopped' | 'done' | 'error';

/** One training run as the page saw it: the loss and the learning rate of every step so far. */
export interface RunTrack {
  kind: ScheduleKind | null;
  lr: number;
  batchSize: number;
  steps: number;
  losses: number[];
  rates: number[];
  end: RunEnd | null;
}

/** A compare or grid job, folded from the worker's events and the page's own actions. */
export interface Job {
  mode: 'compare' | 'grid';
  status: JobStatus;
  backend: BackendDecision | null;
  download: { loaded: number; total: number } | null;
  runs: RunTrack[];
  /** Index of the run in progress. */
  current: number | null;
  /** Runs the job will train (3 for compare, the grid's cells). */
  planned: number;
  testImages: number | null;
  error: { code: string; detail: Record<string, string | number | boolean | null> } | null;
}

export type JobAction =
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'stopping' }
  | { type: 'finished'; status: 'done' | 'stopped'; testImages: number }
  | { type: 'failed'; code: string; detail: Record<string, string | number | boolean | null> };

export const newJob = (mode: Job['mode'], planned: number): Job => ({
  mode,
  status: 'loading',
  backend: null,
  download: null,
  runs: [],
  current: null,
  planned,
  testImages: null,
  error: null,
});

export const isActive = (job: Job | null): boolean => job !== null && ['loading', 'training', 'paused', 'stopping'].includes(job.status);

function withRun(job: Job, index: number, change: (run: RunTrack) => RunTrack): Job {
  const run = job.runs[index];
  if (!run) return job;
  const runs = job.runs.slice();
  runs[index] = change(run);
  return { ...job, runs };
}

export function reduceJob(job: Job, message: SchedulesEvent | JobAction): Job {
  switch (message.type) {
    case 'paused':
      return isActive(job) ? { ...job, status: 'paused' } : job;
    case 'resumed':
      return job.status === 'paused' ? { ...job, status: 'training' } : job;
    case 'stopping':
      return isActive(job) ? { ...job, status: 'stopping' } : job;
    case 'finished':
      return { ...job, status: message.status, current: null, testImages: message.testImages || job.testImages };
    case 'failed':
      return { ...job, status: 'error', current: null, error: { code: message.code, detail: message.detail } };
    case 'data-progress':
      return { ...job, download: { loaded: message.loaded, total: message.total } };
    case 'data-ready':
      return job;
    case 'backend':
      return { ...job, backend: message.decision };
    case 'status':
      return job.status === 'stopping' ? job : { ...job, status: message.status };
    case 'run-start': {
      const runs = job.runs.slice();
      runs[message.index] = { kind: message.kind, lr: message.lr, batchSize: message.batchSize, steps: message.steps, losses: [], rates: [], end: null };
      return { ...job, runs, current: message.index };
    }
    case 'batch':
      return withRun(job, message.index, (run) => ({ ...run, losses: [...run.losses, message.loss], rates: [...run.rates, message.lr] }));
    case 'run-done':
      return withRun(job, message.index, (run) => ({ ...run, end: message.end }));
  }
}
