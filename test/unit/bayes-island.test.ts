import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderStatic } from '../../components/ui/static-render';
import { bayesIsland } from '../../components/islands/bayes/definition';
import { bayesPresets } from '../../components/islands/bayes/schema';
import { deriveBayes, isValid, type BayesState } from '../../components/islands/bayes/model';
import { formulaCards, frequencyTree, peopleGrid, splits, summary } from '../../components/islands/bayes/figures';
import { bayesStrings } from '../../components/islands/bayes/strings';
import { defaultsOf } from '../../src/lib/state/codec';

const s = bayesStrings['zh-CN'];
const defaults = defaultsOf(bayesIsland.schema);
const valid = (changes: Partial<BayesState>) => {
  const model = deriveBayes({ ...defaults, ...changes });
  if (!isValid(model)) throw new Error('refused');
  return model;
};

describe('Bayes island model and views', () => {
  it('reproduces the chapter’s screening example: 99 of 594 positives are ill, P(D | +) = 1/6', () => {
    const model = valid({});
    expect(model.result.counts).toMatchObject({ diseased: 100, healthy: 9900, truePositive: 99, falseNegative: 1, falsePositive: 495, trueNegative: 9405, positive: 594 });
    expect(model.result.pPositive).toBeCloseTo(0.0594, 12);
    expect(model.result.posteriorPositive).toBeCloseTo(1 / 6, 12);
    expect(renderStatic(summary(model, s))).toContain('16.7%');
  });

  it('turns the first posterior into the prior of a second test: 0.99/(0.99 + 0.25) ≈ 79.8 %', () => {
    const model = valid(bayesPresets['second-test']);
    expect(model.result.posteriorPositive).toBeCloseTo(0.99 / 1.24, 9);
  });

  it('gives the mammography posterior ≈ 7.8 % (0.008 / 0.10304)', () => {
    expect(valid(bayesPresets.mammography).result.posteriorPositive).toBeCloseTo(0.008 / 0.10304, 12);
  });

  it('colours exactly one cell per person, in four runs of the engine’s counts', () => {
    for (const [changes, width] of [[{}, 300], [bayesPresets['rare-disease'], 700], [{ prevalence: 37.3, sensitivity: 61.2, specificity: 77.7 }, 375]] as const) {
      const model = valid(changes);
      const svg = renderStatic(peopleGrid(model, s, width, 't'));
      const cell = Number(/<svg width="(\d+)"/.exec(svg)?.[1]) / 100;
      const cells: Record<string, number> = { tp: 0, fp: 0, fn: 0, tn: 0 };
      for (const m of svg.matchAll(/class="bayes-cell bayes-cell--(\w+)" x="\d+" y="\d+" width="(\d+)" height="(\d+)"/g)) {
        cells[m[1] ?? ''] = (cells[m[1] ?? ''] ?? 0) + (Number(m[2]) * Number(m[3])) / (cell * cell);
      }
      const c = model.result.counts;
      expect(cells).toEqual({ tp: c.truePositive, fp: c.falsePositive, fn: c.falseNegative, tn: c.trueNegative });
    }
  });

  it('says when a posterior is undefined, and prints no NaN anywhere', () => {
    const none = valid({ prevalence: 0, specificity: 100 });
    expect(none.result.posteriorPositive).toBeNull();
    expect(renderStatic(formulaCards(none, s))).toContain('P(+) = 0');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 100, 50), fc.double({ min: 0, max: 100, noNaN: true }), (prevalence, edge, rate) => {
        for (const changes of [{ prevalence, sensitivity: edge, specificity: rate }, { prevalence: edge, sensitivity: rate, specificity: edge }]) {
          const model = valid(changes);
          const html = [summary(model, s), peopleGrid(model, s, 375, 't'), frequencyTree(model, s), splits(model, s), formulaCards(model, s)].map((v) => renderStatic(v)).join('');
          expect(html).not.toMatch(/NaN|Infinity/);
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
