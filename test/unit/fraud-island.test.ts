import { describe, expect, it } from 'vitest';
import { countsAtThreshold } from '../../src/lib/ml/metrics';
import { defaultsOf } from '../../src/lib/state/codec';
import { fraudIsland } from '../../components/islands/fraud/definition';
import { deriveFraud, shortThreshold, type FraudState } from '../../components/islands/fraud/model';

const defaults = defaultsOf(fraudIsland.schema);
const ok = (changes: Partial<FraudState> = {}) => {
  const model = deriveFraud({ ...defaults, ...changes });
  if (!model.ok) throw new Error(model.code);
  return model;
};

describe('fraud island model', () => {
  it('opens on the accuracy paradox: "always legitimate" ≈ 99 % accurate, recall 0', () => {
    const model = ok();
    expect(model.baseline.metrics.accuracy.value).toBeGreaterThan(0.985);
    expect(model.baseline.metrics.recall.value).toBe(0);
    expect(model.baseline.cost.total).toBe(model.testFrauds * defaults.costFn);
    expect(model.current.counts).toEqual(countsAtThreshold(model.experiment.test, defaults.t));
  });

  it('its "move here" thresholds give exactly the counts of the marked optimum', () => {
    for (const preset of Object.values(fraudIsland.presets)) {
      const model = ok(preset);
      const atMin = ok({ ...preset, t: model.minCost.t });
      expect(atMin.current.counts).toEqual(model.minCost.outcome.counts);
      expect(atMin.current.cost.total).toBe(model.minCost.outcome.cost.total);
      for (const p of model.curve) expect(p.cost).toBeGreaterThanOrEqual(model.minCost.outcome.cost.total);
      const f1 = model.bestF1;
      if (!f1) throw new Error('expected an F1 optimum');
      expect(ok({ ...preset, t: f1.t }).current.counts).toEqual(f1.outcome.counts);
    }
  });

  it('moves the cheapest threshold down when misses get dearer and up when alarms do', () => {
    const base = ok().minCost.t;
    expect(ok(fraudIsland.presets['expensive-misses']).minCost.t).toBeLessThan(base);
    expect(ok(fraudIsland.presets['annoyed-customers']).minCost.t).toBeGreaterThan(base);
    expect(base).toBeLessThan(0.5);
    expect(ok(fraudIsland.presets['annoyed-customers']).minCost.t).toBeLessThan(0.5);
  });

  it('never hands NaN to the view, and says when both costs are zero', () => {
    for (const changes of [{}, { t: 1 }, { t: 0 }, { costFn: 0, costFp: 0 }, { rate: 0.1 }, { rate: 10 }]) {
      const model = ok(changes);
      const json = JSON.stringify({ ...model, experiment: null });
      expect(json).not.toMatch(/NaN|Infinity/);
      if (changes.costFn === 0) expect(model.costsZero).toBe(true);
    }
  });

  it('picks the shortest decimal that flags the same transactions', () => {
    expect(shortThreshold(0.0251, 0.02597649872941949)).toBe(0.0259);
    expect(shortThreshold(null, 0.3)).toBe(0.3);
    expect(shortThreshold(0.29, 0.3)).toBe(0.3);
  });
});
