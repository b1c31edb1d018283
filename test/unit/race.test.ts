import { describe, expect, it } from 'vitest';
import { runRace, type RaceSettings, type RacerResult } from '../../src/lib/ml/race';
import { makeSurface } from '../../src/lib/ml/surfaces';

const SETTINGS: RaceSettings = {
  steps: 300,
  lr: 0.1,
  batchSize: 8,
  momentum: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  seed: 1,
};

const racer = (racers: RacerResult[], id: RacerResult['id']): RacerResult => {
  const found = racers.find((r) => r.id === id);
  if (!found) throw new Error(`no racer ${id}`);
  return found;
};

const allFinite = (r: RacerResult) => r.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) && r.losses.every(Number.isFinite);

describe('optimizer race', () => {
  it('plain GD on the bowl diverges just above η = 2/λ_max and converges just below it', () => {
    const bowl = makeSurface('bowl', { condition: 5 });
    const bound = 2 / 4;
    const above = runRace(bowl, { ...SETTINGS, lr: bound * 1.05 });
    expect(above.gdStableLr).toBe(bound);
    const gd = racer(above.racers, 'batch-gd');
    expect(gd.status).toMatchObject({ code: 'diverged', reason: 'lr-above-stable-bound' });
    expect(gd.stableLr).toBe(bound);
    if (gd.status.code === 'diverged') expect(gd.points).toHaveLength(gd.status.step);
    // Heavy-ball momentum stays stable up to 2(1 + μ)/λ_max, beyond plain GD's bound.
    expect(racer(above.racers, 'momentum').status.code).not.toBe('diverged');
    expect(racer(above.racers, 'momentum').stableLr).toBeCloseTo(2 * 1.9 / 4, 15);

    const below = runRace(bowl, { ...SETTINGS, lr: bound * 0.95 });
    expect(racer(below.racers, 'batch-gd').status.code).toBe('converged');
  });

  it('on a single-term surface batch GD, SGD and mini-batch SGD take the same path', () => {
    const race = runRace(makeSurface('rosenbrock'), { ...SETTINGS, lr: 0.001, steps: 200 });
    const gd = racer(race.racers, 'batch-gd');
    expect(racer(race.racers, 'sgd').points).toEqual(gd.points);
    expect(racer(race.racers, 'minibatch').points).toEqual(gd.points);
    expect(gd.evaluations.at(-1)).toBe(200);
  });

  it('on the regression they differ, and each step costs N, 1 or B per-sample gradients', () => {
    const surface = makeSurface('regression', { count: 64 });
    const race = runRace(surface, { ...SETTINGS, steps: 200, lr: 0.2 });
    const gd = racer(race.racers, 'batch-gd');
    const sgd = racer(race.racers, 'sgd');
    const mini = racer(race.racers, 'minibatch');
    expect(gd.evaluations.slice(0, 4)).toEqual([0, 64, 128, 192]);
    expect(sgd.evaluations.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(mini.evaluations.slice(0, 4)).toEqual([0, 8, 16, 24]);
    expect(sgd.points[5]).not.toEqual(gd.points[5]);
    expect(mini.points[5]).not.toEqual(gd.points[5]);
    expect(gd.stableLr).toBeCloseTo(2 / (surface.maxCurvature ?? NaN), 15);
    expect(sgd.stableLr).toBeNull();
    // All three descend close to the least-squares minimum.
    for (const r of [gd, sgd, mini]) expect((r.losses.at(-1) ?? NaN) - (surface.minimum?.value ?? NaN)).toBeLessThan(0.01 * ((r.losses[0] ?? 0) - (surface.minimum?.value ?? 0)));
  });

  it('momentum, RMSProp and Adam use the mini-batch racer’s batches, or the whole set when asked', () => {
    const surface = makeSurface('regression');
    const mini = runRace(surface, SETTINGS);
    const full = runRace(surface, { ...SETTINGS, adaptiveBatch: 'full' });
    expect(racer(mini.racers, 'adam').evaluations[1]).toBe(8);
    expect(racer(full.racers, 'adam').evaluations[1]).toBe(64);
    expect(racer(full.racers, 'adam').batch).toBe('full');
    // Batch GD does not depend on the seed; the stochastic racers do.
    const other = runRace(surface, { ...SETTINGS, seed: 2 });
    expect(racer(other.racers, 'batch-gd')).toEqual(racer(mini.racers, 'batch-gd'));
    expect(racer(other.racers, 'sgd').points).not.toEqual(racer(mini.racers, 'sgd').points);
  });

  it('is deterministic per seed', () => {
    const surface = makeSurface('regression', { seed: 4 });
    expect(runRace(surface, { ...SETTINGS, seed: 9 })).toEqual(runRace(surface, { ...SETTINGS, seed: 9 }));
  });

  it('the adaptive racers reach the bowl’s minimum; convergence stops a racer', () => {
    const race = runRace(makeSurface('bowl', { condition: 10 }), { ...SETTINGS, lr: 0.05, steps: 2000 });
    for (const id of ['batch-gd', 'momentum', 'rmsprop', 'adam'] as const) {
      const r = racer(race.racers, id);
      expect(r.status.code).toBe('converged');
      if (r.status.code === 'converged') expect(r.points).toHaveLength(r.status.step + 1);
      const [x, y] = r.points.at(-1) ?? [NaN, NaN];
      expect(Math.hypot(x, y)).toBeLessThanOrEqual(1e-3 * Math.hypot(6, 4));
    }
  });

  it('never returns NaN or far-away points, whatever the learning rate', () => {
    for (const lr of [0.01, 1, 100, 1e6]) {
      for (const surface of [makeSurface('rosenbrock'), makeSurface('saddle'), makeSurface('bowl')]) {
        const race = runRace(surface, { ...SETTINGS, lr, steps: 100 });
        for (const r of race.racers) {
          expect(allFinite(r)).toBe(true);
          for (const [x, y] of r.points) {
            expect(x).toBeGreaterThanOrEqual(surface.bounds.xMin);
            expect(x).toBeLessThanOrEqual(surface.bounds.xMax);
            expect(y).toBeGreaterThanOrEqual(surface.bounds.yMin);
            expect(y).toBeLessThanOrEqual(surface.bounds.yMax);
          }
          expect(r.points).toHaveLength(r.losses.length);
          expect(r.points).toHaveLength(r.evaluations.length);
        }
      }
    }
  });

  it('racers leave the saddle along its falling direction and report it', () => {
    const race = runRace(makeSurface('saddle'), { ...SETTINGS, lr: 0.1, steps: 200 });
    const gd = racer(race.racers, 'batch-gd');
    expect(gd.status).toMatchObject({ code: 'diverged', reason: 'left-bounds' });
    expect(Math.abs(gd.points.at(-1)?.[0] ?? NaN)).toBeLessThan(1e-3);
    expect(race.gdStableLr).toBeNull();
  });
});
