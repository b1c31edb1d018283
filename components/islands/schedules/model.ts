import type { StateOf } from '../../../src/lib/state/codec';
import { checkSchedule, SCHEDULE_KINDS, scheduleOfRun, scheduleValues, type ScheduleConfig, type ScheduledRun, type ScheduleKind, type ScheduleProblem } from '../../../src/lib/ml/lr-schedules';
import type { schedulesSchema } from './schema';

export type SchedulesState = StateOf<typeof schedulesSchema>;

export type SchedulesModel =
  | { ok: true; run: ScheduledRun; schedule: ScheduleConfig; values: Record<ScheduleKind, Float64Array> }
  | { ok: false; run: ScheduledRun; problem: ScheduleProblem };

export function runOf(state: SchedulesState): ScheduledRun {
  return { images: state.images, epochs: state.epochs, batchSize: state.batch, lr: state.lr, lrMin: state.lrMin, factor: state.factor, everyEpochs: state.every, warmup: state.warmup };
}

/** The island's schedules from its state: each kind's rate at every step, or why there are none. */
export function deriveSchedules(state: SchedulesState): SchedulesModel {
  const run = runOf(state);
  const schedule = scheduleOfRun(run);
  const problem = checkSchedule(schedule);
  if (problem) return { ok: false, run, problem };
  const values = Object.fromEntries(SCHEDULE_KINDS.map((kind) => [kind, scheduleValues(kind, schedule)])) as Record<ScheduleKind, Float64Array>;
  return { ok: true, run, schedule, values };
}
