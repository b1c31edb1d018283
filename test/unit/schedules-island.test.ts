import { describe, expect, it } from 'vitest';
import { renderStatic } from '../../components/ui/static-render';
import { decodeState, defaultsOf } from '../../src/lib/state/codec';
import { cosineAt, learningRateAt, stepsPerEpoch } from '../../src/lib/ml/lr-schedules';
import { schedulesIsland } from '../../components/islands/schedules/definition';
import { deriveSchedules, type SchedulesState } from '../../components/islands/schedules/model';
import { newJob, reduceJob, isActive } from '../../components/islands/schedules/run';
import { schedulesStrings } from '../../components/islands/schedules/strings';

const defaults = defaultsOf(schedulesIsland.schema) as SchedulesState;
const s = schedulesStrings['zh-CN'];

describe('schedules island model', () => {
  it('the default run: 2,000 images × 3 epochs at batch 64 is 32 steps per epoch, 96 in all; step decay drops each epoch', () => {
    const model = deriveSchedules(defaults);
    if (!model.ok) throw new Error(model.problem.code);
    expect(stepsPerEpoch(2000, 64)).toBe(32);
    expect(model.schedule.totalSteps).toBe(96);
    expect(model.schedule.everySteps).toBe(32);
    expect(model.values.step[31]).toBe(defaults.lr);
    expect(model.values.step[32]).toBe(defaults.lr * defaults.factor);
    expect(model.values.cosine[48]).toBeCloseTo(cosineAt(defaults.lr, 0, 48, 96), 15);
    expect(model.values.cosine[48]).toBeCloseTo(defaults.lr / 2, 15);
  });

  it('every preset is a valid schedule, and the quick preset is small enough for a test run', () => {
    for (const [name, preset] of Object.entries(schedulesIsland.presets)) {
      const model = deriveSchedules({ ...defaults, ...preset });
      expect(model.ok, name).toBe(true);
    }
    const quick = deriveSchedules({ ...defaults, ...schedulesIsland.presets.quick });
    expect(quick.ok && quick.schedule.totalSteps).toBe(8);
  });

  it('explains η_min above η_max and a warmup as long as the run, with strings for every problem code', () => {
    const high = deriveSchedules({ ...defaults, lrMin: 0.01, lr: 0.001 });
    expect(!high.ok && high.problem.code).toBe('lr-min-above-max');
    const long = deriveSchedules({ ...defaults, warmup: 96 });
    expect(!long.ok && long.problem.code).toBe('warmup-too-long');
    for (const text of Object.values(s.problems)) expect(text.length).toBeGreaterThan(5);
  });

  it('the codec refuses a negative rate, a step factor above 1 and a grid of five rates', () => {
    const search = new URLSearchParams('sched.lr=-0.1&sched.factor=1.5&sched.gridLrs=0.1,0.2,0.3,0.4,0.5&sched.batch=64');
    const decoded = decodeState(schedulesIsland.schema, 'sched', search);
    expect(decoded.state.lr).toBe(defaults.lr);
    expect(decoded.state.factor).toBe(defaults.factor);
    expect(decoded.state.gridLrs).toEqual(defaults.gridLrs);
    expect(decoded.rejected.map((r) => r.key).sort()).toEqual(['sched.factor', 'sched.gridLrs', 'sched.lr']);
  });
});

describe('schedules job reducer', () => {
  it('folds runs, batches and ends; a stop keeps what was trained', () => {
    let job = newJob('compare', 3);
    job = reduceJob(job, { type: 'status', status: 'training' });
    job = reduceJob(job, { type: 'run-start', index: 0, of: 3, kind: 'constant', lr: 0.01, batchSize: 64, steps: 2 });
    job = reduceJob(job, { type: 'batch', index: 0, step: 0, lr: 0.01, loss: 2.3 });
    job = reduceJob(job, { type: 'batch', index: 0, step: 1, lr: 0.01, loss: 1.9 });
    job = reduceJob(job, { type: 'run-done', index: 0, end: { testLoss: 1.5, testAccuracy: 0.6, nonFiniteAt: null } });
    expect(job.runs[0]?.losses).toEqual([2.3, 1.9]);
    expect(job.runs[0]?.rates).toEqual([0.01, 0.01]);
    job = reduceJob(job, { type: 'stopping' });
    job = reduceJob(job, { type: 'status', status: 'training' });
    expect(job.status).toBe('stopping');
    job = reduceJob(job, { type: 'finished', status: 'stopped', testImages: 2000 });
    expect(isActive(job)).toBe(false);
    expect(job.runs[0]?.end?.testLoss).toBe(1.5);
  });
});

describe('schedules figures', () => {
  it('draw one path per schedule with one vertex per step, and a grid cell of a blown-up run says 发散', async () => {
    const { lrChart, gridTable } = await import('../../components/islands/schedules/figures');
    const model = deriveSchedules({ ...defaults, ...schedulesIsland.presets.quick, warmup: 2 });
    if (!model.ok) throw new Error(model.problem.code);
    const chart = renderStatic(lrChart(model, 320, s));
    const paths = [...chart.matchAll(/<path class="ml-chart__line[^"]*"[^>]* d="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(paths).toHaveLength(3);
    for (const d of paths) expect(d.match(/[ML]/g)).toHaveLength(8);
    expect(learningRateAt('cosine', model.schedule, 1)).toBeCloseTo(defaults.lr / 2, 15);

    let job = newJob('grid', 2);
    job = reduceJob(job, { type: 'run-start', index: 0, of: 0, kind: null, lr: 0.001, batchSize: 64, steps: 8 });
    job = reduceJob(job, { type: 'run-done', index: 0, end: { testLoss: 0.5, testAccuracy: 0.85, nonFiniteAt: null } });
    job = reduceJob(job, { type: 'run-start', index: 1, of: 0, kind: null, lr: 0.1, batchSize: 64, steps: 8 });
    job = reduceJob(job, { type: 'run-done', index: 1, end: { testLoss: NaN, testAccuracy: NaN, nonFiniteAt: 3 } });
    const table = renderStatic(gridTable(job, [0.001, 0.1], [64], 512, s));
    expect([...table.matchAll(/data-verdict="([^"]*)"/g)].map((m) => m[1])).toEqual(['learned', 'diverged']);
    const diverged = table.slice(table.indexOf('data-cell="1"'));
    expect(diverged).toContain('发散');
    expect(table).not.toContain('NaN');
  });
});
