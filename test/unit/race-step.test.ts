import { describe, expect, it } from 'vitest';
import { runRace, type RaceSettings, type RacerResult } from '../../src/lib/ml/race';
import { racerStepDetail } from '../../src/lib/ml/race-step';
import { makeSurface } from '../../src/lib/ml/surfaces';

const SETTINGS: RaceSettings = { steps: 60, lr: 0.05, batchSize: 8, momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, seed: 3 };

const racer = (racers: RacerResult[], id: RacerResult['id']): RacerResult => {
  const found = racers.find((r) => r.id === id);
  if (!found) throw new Error(`no racer ${id}`);
  return found;
};

describe('race: start point and recorded gradients', () => {
  it('starts every racer where it is told to, and refuses a start outside the bounds', () => {
    const surface = makeSurface('rosenbrock');
    const race = runRace(surface, { ...SETTINGS, start: [0.5, -0.5] });
    for (const r of race.racers) expect(r.points[0]).toEqual([0.5, -0.5]);
    expect(race.racers[0]?.losses[0]).toBeCloseTo(0.25 + 100 * 0.75 ** 2, 12);
    expect(() => runRace(surface, { ...SETTINGS, start: [surface.bounds.xMax + 1, 0] })).toThrow(RangeError);
    expect(() => runRace(surface, { ...SETTINGS, start: [Number.NaN, 0] })).toThrow(RangeError);
  });

  it('records the gradient of each step: the full mean gradient for batch GD, one term for SGD', () => {
    const surface = makeSurface('regression', { count: 16 });
    const race = runRace(surface, SETTINGS);
    const gd = racer(race.racers, 'batch-gd');
    expect(gd.gradients).toHaveLength(gd.points.length - 1);
    gd.gradients.forEach((g, k) => {
      const [x, y] = gd.points[k] ?? [NaN, NaN];
      const exact = surface.gradient(x, y);
      expect(g[0]).toBeCloseTo(exact[0], 12);
      expect(g[1]).toBeCloseTo(exact[1], 12);
      // θ ← θ − η·g, written out.
      expect(gd.points[k + 1]?.[0]).toBeCloseTo(x - SETTINGS.lr * g[0], 12);
    });
    const sgd = racer(race.racers, 'sgd');
    // A single term's gradient is that term's residual times (s, 1): its two entries have ratio s, a data point's feature.
    const [g0x, g0y] = sgd.gradients[0] ?? [NaN, NaN];
    expect(surface.samples.some(([s]) => Math.abs(g0x / g0y - s) < 1e-9)).toBe(true);
  });
});

describe('race: one step as data', () => {
  it('replays to exactly the racer’s own points, for every rule and step', () => {
    for (const surface of [makeSurface('bowl', { condition: 20 }), makeSurface('regression')]) {
      const race = runRace(surface, SETTINGS);
      for (const r of race.racers) {
        for (const t of [1, 2, 17, r.gradients.length]) {
          const d = racerStepDetail(r, SETTINGS, t);
          expect(d?.next).toEqual(r.points[t]);
          expect(d?.theta).toEqual(r.points[t - 1]);
          expect(d?.batchSize).toBe((r.evaluations[t] ?? 0) - (r.evaluations[t - 1] ?? 0));
        }
        expect(racerStepDetail(r, SETTINGS, 0)).toBeNull();
        expect(racerStepDetail(r, SETTINGS, r.gradients.length + 1)).toBeNull();
      }
    }
  });

  it('Adam’s first step: bias correction gives m̂ = g, v̂ = g², a step of η·sign(g)', () => {
    const race = runRace(makeSurface('bowl'), SETTINGS);
    const d = racerStepDetail(racer(race.racers, 'adam'), SETTINGS, 1);
    if (d?.rule !== 'adam') throw new Error('expected an Adam step');
    expect(d.correction1).toBeCloseTo(0.1, 15);
    expect(d.correction2).toBeCloseTo(0.001, 15);
    for (const i of [0, 1] as const) {
      expect(d.m[i]).toBeCloseTo(0.1 * d.grad[i], 15);
      expect(d.mHat[i]).toBeCloseTo(d.grad[i], 12);
      expect(d.vHat[i]).toBeCloseTo(d.grad[i] ** 2, 10);
      expect(d.theta[i] - d.next[i]).toBeCloseTo(SETTINGS.lr * Math.sign(d.grad[i]), 6);
    }
  });

  it('momentum’s velocity is the μ-weighted sum of past gradients; RMSProp’s s the ρ-weighted mean of squares', () => {
    const race = runRace(makeSurface('regression'), SETTINGS);
    const t = 5;
    const mom = racer(race.racers, 'momentum');
    const d = racerStepDetail(mom, SETTINGS, t);
    if (d?.rule !== 'momentum') throw new Error('expected a momentum step');
    // u_t = Σ_{k=1..t} μ^{t−k} g_k, written out independently of optimizers.ts.
    const u = [0, 1].map((i) => mom.gradients.slice(0, t).reduce((sum, g, k) => sum + 0.9 ** (t - 1 - k) * (g[i] ?? 0), 0));
    expect(d.velocity[0]).toBeCloseTo(u[0] ?? NaN, 12);
    expect(d.velocity[1]).toBeCloseTo(u[1] ?? NaN, 12);

    const rms = racer(race.racers, 'rmsprop');
    const e = racerStepDetail(rms, SETTINGS, t);
    if (e?.rule !== 'rmsprop') throw new Error('expected an RMSProp step');
    const s0 = rms.gradients.slice(0, t).reduce((sum, g, k) => sum + 0.1 * 0.9 ** (t - 1 - k) * g[0] ** 2, 0);
    expect(e.meanSquare[0]).toBeCloseTo(s0, 12);
    expect(e.scale[0]).toBeCloseTo(Math.sqrt(s0 + SETTINGS.epsilon), 12);
  });
});
