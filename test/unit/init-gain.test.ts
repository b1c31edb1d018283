import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/random/prng';
import { initWeights, secondMomentGain, type InitScheme } from '../../src/lib/ml/initializers';

// The gain the 3.1.2 island prints (n_in · Var(W), halved after ReLU), checked by Monte Carlo:
// push random inputs through drawn layers and measure how the second moment changes.
function measuredGain(scheme: InitScheme, fanIn: number, fanOut: number, relu: boolean, seed: number): number {
  const rng = createRng(seed);
  let inSq = 0;
  let outSq = 0;
  let n = 0;
  for (let trial = 0; trial < 40; trial++) {
    const w = initWeights(scheme, fanIn, fanOut, rng);
    const x = Array.from({ length: fanIn }, () => rng.normal() * 0.7 + 0.2);
    for (let j = 0; j < fanOut; j++) {
      let z = 0;
      for (let i = 0; i < fanIn; i++) z += (x[i] ?? 0) * (w[i * fanOut + j] ?? 0);
      outSq += relu ? Math.max(0, z) ** 2 : z * z;
      n++;
    }
    inSq += x.reduce((s, v) => s + v * v, 0) / fanIn;
  }
  return outSq / n / (inSq / 40);
}

describe('secondMomentGain', () => {
  it.each([
    [{ kind: 'normal', std: 0.01 }, 64, 64, false],
    [{ kind: 'uniform', limit: 0.05 }, 256, 128, false],
    [{ kind: 'glorot-normal' }, 128, 128, false],
    [{ kind: 'glorot-uniform' }, 784, 64, true],
    [{ kind: 'he-normal' }, 128, 128, true],
    [{ kind: 'he-uniform' }, 64, 256, true],
  ] as [InitScheme, number, number, boolean][])('%o %i→%i relu=%s: matches a Monte Carlo estimate within 10 %', (scheme, fanIn, fanOut, relu) => {
    const gain = secondMomentGain(scheme, fanIn, fanOut, relu ? 'relu' : 'linear');
    expect(Math.abs(measuredGain(scheme, fanIn, fanOut, relu, 11) / gain - 1)).toBeLessThan(0.1);
  });

  it('is 1 for He with ReLU and for Glorot between equal widths: the initializers’ purpose', () => {
    expect(secondMomentGain({ kind: 'he-normal' }, 256, 256, 'relu')).toBe(1);
    expect(secondMomentGain({ kind: 'glorot-uniform' }, 64, 64, 'linear')).toBeCloseTo(1, 12);
    expect(secondMomentGain({ kind: 'glorot-normal' }, 64, 64, 'relu')).toBeCloseTo(0.5, 12);
    expect(secondMomentGain({ kind: 'normal', std: 0.01 }, 512, 512, 'linear')).toBeCloseTo(0.0512, 12);
  });
});
