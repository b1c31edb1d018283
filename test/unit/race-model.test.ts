import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { racePresets, raceSchema } from '../../components/islands/race/schema';
import { contourThresholds, deriveRace, lossY, startOf, surfaceOf, type RaceModel } from '../../components/islands/race/model';
import { divergenceText, phaseAt } from '../../components/islands/race/figures';
import { digitRuns } from '../../components/islands/race/digits';
import { plain, powerOfTen, texNumber } from '../../components/islands/race/numbers';
import { raceStrings } from '../../components/islands/race/strings';
import { surfaceGrid } from '../../src/lib/ml/surfaces';
import type { RacerId, RacerResult } from '../../src/lib/ml/race';

// The race island's model and words: what each preset's label promises is what the engine does.
const s = raceStrings['zh-CN'];
const presetModel = (name: keyof typeof racePresets): RaceModel => deriveRace(startingState(raceSchema, racePresets, name));
const racer = (model: RaceModel, id: RacerId): RacerResult => {
  const found = model.race.racers.find((r) => r.id === id);
  if (!found) throw new Error(`no racer ${id}`);
  return found;
};
const stepOf = (r: RacerResult) => (r.status.code === 'running' ? Infinity : r.status.step);

describe('race presets keep their promises', () => {
  it('narrow-valley: momentum arrives first while gradient descent zigzags across the valley', () => {
    const model = presetModel('narrow-valley');
    const gd = racer(model, 'batch-gd');
    expect(stepOf(racer(model, 'momentum'))).toBeLessThan(stepOf(gd));
    // The steep direction's component changes sign every step: the zigzag.
    const steep = (p: readonly number[]) => -Math.sin(Math.PI / 6) * (p[0] ?? 0) + Math.cos(Math.PI / 6) * (p[1] ?? 0);
    const signs = gd.points.slice(0, 8).map((p) => Math.sign(steep(p)));
    signs.slice(1).forEach((sign, i) => expect(sign).toBe(-(signs[i] ?? 0)));
    expect(model.visible.map((r) => r.id)).toEqual(['batch-gd', 'momentum']);
  });

  it('gd-diverges: η = 0.55 > 2/λ_max = 0.5 loses batch GD and says so with both numbers', () => {
    const model = presetModel('gd-diverges');
    const gd = racer(model, 'batch-gd');
    expect(gd.status).toMatchObject({ code: 'diverged', reason: 'lr-above-stable-bound' });
    const text = divergenceText(model, gd, s);
    expect(text).toContain('0.55');
    expect(text).toContain('2/λ_max = 0.5');
    expect(text).toContain('1.2');
    for (const id of ['momentum', 'rmsprop', 'adam'] as const) expect(racer(model, id).status.code).toBe('converged');
  });

  it('adam-large-lr: at η = 1 GD and momentum leave at once, Adam converges', () => {
    const model = presetModel('adam-large-lr');
    for (const id of ['batch-gd', 'momentum'] as const) expect(racer(model, id).status).toMatchObject({ code: 'diverged', step: 1 });
    expect(racer(model, 'adam').status.code).toBe('converged');
    expect(divergenceText(model, racer(model, 'momentum'), s)).toContain('2(1 + β)/λ_max = 0.95');
  });

  it('rosenbrock: momentum reaches (1, 1) within the preset’s steps', () => {
    const model = presetModel('rosenbrock');
    expect(racer(model, 'momentum').status.code).toBe('converged');
  });

  it('noisy: for the same number of gradient evaluations SGD is far lower than batch GD', () => {
    const model = presetModel('noisy');
    const at = (r: RacerResult, budget: number) => r.losses[r.evaluations.findLastIndex((e) => e <= budget)] ?? NaN;
    const sgd = racer(model, 'sgd');
    const gd = racer(model, 'batch-gd');
    for (const budget of [64, 300]) expect(at(sgd, budget) - (model.surface.minimum?.value ?? 0)).toBeLessThan(0.5 * (at(gd, budget) - (model.surface.minimum?.value ?? 0)));
    expect(model.state.per).toBe('eval');
  });

  it('digits: six runs with the racers’ rules and batch plans', () => {
    const runs = digitRuns(startingState(raceSchema, racePresets, 'digits'));
    expect(runs.map((r) => [r.optimizer.kind, r.batch.mode])).toEqual([
      ['gd', 'full'],
      ['gd', 'sgd'],
      ['gd', 'minibatch'],
      ['momentum', 'minibatch'],
      ['rmsprop', 'minibatch'],
      ['adam', 'minibatch'],
    ]);
    expect(runs[2]?.batch).toEqual({ mode: 'minibatch', size: 32 });
  });
});

describe('race model', () => {
  const defaults = defaultsOf(raceSchema);

  it('uses the reader’s start inside the view, and says why it refuses one', () => {
    const bowl = surfaceOf(defaults);
    expect(startOf(bowl, [1, -1])).toEqual({ start: [1, -1], problem: null });
    expect(startOf(bowl, [])).toEqual({ start: bowl.start, problem: null });
    expect(startOf(bowl, [1])).toEqual({ start: bowl.start, problem: { code: 'start-incomplete' } });
    expect(startOf(bowl, [9, 0])).toEqual({ start: bowl.start, problem: { code: 'start-outside', x: 9, y: 0 } });
    expect(deriveRace({ ...defaults, start: [9, 0] }).race.racers[0]?.points[0]).toEqual(bowl.start);
  });

  it('has increasing finite contour levels inside the surface’s range, log-spaced where there is a minimum', () => {
    for (const id of ['bowl', 'rosenbrock', 'saddle', 'regression'] as const) {
      const surface = surfaceOf({ surface: id, kappa: 50 });
      const values = surfaceGrid(surface, surface.view, 40);
      const levels = contourThresholds(surface, values);
      expect(levels.every(Number.isFinite)).toBe(true);
      levels.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(levels[i] ?? Infinity));
      expect(levels[0]).toBeGreaterThanOrEqual(Math.min(...values));
      expect(levels.at(-1)).toBeLessThanOrEqual(Math.max(...values));
      if (surface.minimum) {
        const gaps = levels.map((v) => v - (surface.minimum?.value ?? 0));
        expect((gaps[2] ?? 0) / (gaps[1] ?? 1)).toBeCloseTo((gaps[1] ?? 0) / (gaps[0] ?? 1), 9);
      }
    }
  });

  it('draws losses as finite log gaps, even exactly at the minimum', () => {
    const model = deriveRace(defaults);
    expect(lossY(model, 0)).toBe(-10);
    expect(lossY(model, 1)).toBeCloseTo(0, 12);
    const saddle = deriveRace({ ...defaults, surface: 'saddle' });
    expect(saddle.lossScale).toBe('value');
    expect(lossY(saddle, -3)).toBe(-3);
  });

  it('tells a racer’s end only once the animation reaches it', () => {
    const model = presetModel('gd-diverges');
    const gd = racer(model, 'batch-gd');
    const step = stepOf(gd);
    expect(phaseAt(gd, step - 1).code).toBe('running');
    expect(phaseAt(gd, step)).toEqual({ code: 'diverged', step });
    const sgd = racer(deriveRace(defaults), 'sgd');
    expect(phaseAt(sgd, 10_000).code).toBe(sgd.status.code === 'converged' ? 'converged' : 'unfinished');
  });
});

describe('race numbers', () => {
  it('never writes NaN or Infinity, and writes tiny numbers in powers of ten', () => {
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(plain(x)).not.toMatch(/NaN|Infinity/);
      expect(texNumber(x)).not.toMatch(/NaN|Infinity/);
    }
    expect(plain(0.123456)).toBe('0.1235');
    expect(plain(1.5e-7)).toBe('1.5e-7');
    expect(texNumber(1e-8)).toBe('10^{-8}');
    expect(texNumber(-2.5e-6)).toBe('-2.5\\times10^{-6}');
    expect(powerOfTen(-3)).toBe('10⁻³');
    expect(powerOfTen(0)).toBe('1');
    expect(powerOfTen(0.5)).toBe('');
  });
});
