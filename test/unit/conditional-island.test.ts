import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderStatic } from '../../components/ui/static-render';
import { conditionalIsland } from '../../components/islands/conditional/definition';
import { condPresets } from '../../components/islands/conditional/schema';
import { deriveConditional, isValid, type CondState } from '../../components/islands/conditional/model';
import { formulaCard, independenceCard, mosaicChart, problemText, twoByTwo } from '../../components/islands/conditional/figures';
import { condStrings } from '../../components/islands/conditional/strings';
import { intersectionBounds, validateEvents } from '../../src/lib/math/conditional';
import { defaultsOf } from '../../src/lib/state/codec';

const s = condStrings['zh-CN'];
const defaults = defaultsOf(conditionalIsland.schema);
const state = (changes: Partial<CondState>): CondState => ({ ...defaults, ...changes });

describe('intersection bounds', () => {
  it('are exactly the P(A∩B) the validation accepts', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (pA, pB, pAB) => {
        const { lower, upper } = intersectionBounds(pA, pB);
        const inside = pAB >= lower - 1e-12 && pAB <= upper + 1e-12;
        expect(validateEvents({ pA, pB, pAB }).ok).toBe(inside);
        expect(validateEvents({ pA, pB, pAB: lower }).ok).toBe(true);
        expect(validateEvents({ pA, pB, pAB: upper }).ok).toBe(true);
      }),
    );
  });
});

describe('conditional island model and views', () => {
  it('reproduces the chapter’s dice: P(A | B) = 1/6 while P(A) = 5/36', () => {
    const model = deriveConditional(state(condPresets.dice));
    if (!isValid(model)) throw new Error('dice refused');
    expect(model.result.pAgivenB).toBeCloseTo(1 / 6, 10);
    expect(model.result.pBgivenA).toBeCloseTo(1 / 5, 10);
    expect(model.result.independent).toBe(false);
  });

  it('labels the independent preset independent and the disjoint one dependent', () => {
    const independent = deriveConditional(state(condPresets.independent));
    const disjoint = deriveConditional(state(condPresets.disjoint));
    if (!isValid(independent) || !isValid(disjoint)) throw new Error('preset refused');
    expect(renderStatic(independenceCard(independent, s))).toContain('data-independent="yes"');
    const words = renderStatic(independenceCard(disjoint, s));
    expect(words).toContain('data-independent="no"');
    expect(words).toContain('互斥不是独立');
  });

  it('explains an impossible triple with its bound', () => {
    const tooLarge = deriveConditional(state({ pA: 0.3, pB: 0.5, pAB: 0.4 }));
    expect(tooLarge.result.ok).toBe(false);
    if (!tooLarge.result.ok) expect(problemText(tooLarge.result, tooLarge, s)).toContain('P(A) = 0.3');
    const tooSmall = deriveConditional(state({ pA: 0.7, pB: 0.6, pAB: 0.1 }));
    if (tooSmall.result.ok) throw new Error('impossible triple accepted');
    expect(problemText(tooSmall.result, tooSmall, s)).toContain('P(A) + P(B) − 1 = 0.3');
    expect(problemText(tooSmall.result, tooSmall, s)).toContain('1.2');
  });

  it('draws cells whose areas are the four probabilities', () => {
    const model = deriveConditional(state({ pA: 0.3, pB: 0.5, pAB: 0.2 }));
    if (!isValid(model)) throw new Error('refused');
    const svg = renderStatic(mosaicChart(model, s, 400));
    const rects = [...svg.matchAll(/<rect class="cond-cell cond-cell--(\w+)[^"]*" x="([\d.e-]+)" y="([\d.e-]+)" width="([\d.e-]+)" height="([\d.e-]+)"/g)];
    expect(rects).toHaveLength(4);
    const areas = rects.map((m) => Number(m[4]) * Number(m[5]));
    const whole = areas.reduce((a, b) => a + b, 0);
    const expected = [0.2, 0.1, 0.3, 0.4];
    areas.forEach((area, i) => expect(area / whole).toBeCloseTo(expected[i] ?? Number.NaN, 10));
  });

  it('prints no NaN or Infinity for any possible triple, including P(A) or P(B) = 0 or 1', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 0.5, 0.25),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('none', 'a', 'b'),
        (edge, pA, pB, t, given) => {
          for (const [a, b] of [[pA, pB], [edge, pB], [pA, edge]] as const) {
            const { lower, upper } = intersectionBounds(a, b);
            const model = deriveConditional(state({ pA: a, pB: b, pAB: lower + t * (upper - lower), given }));
            if (!isValid(model)) throw new Error('a triple inside the bounds was refused');
            const html = [mosaicChart(model, s, 320), twoByTwo(model, s), formulaCard(model, s), independenceCard(model, s)].map((v) => renderStatic(v)).join('');
            expect(html).not.toMatch(/NaN|Infinity/);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
