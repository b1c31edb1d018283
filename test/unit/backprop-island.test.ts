import { beforeAll, describe, expect, it } from 'vitest';
import katex from 'katex';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { defaultsOf } from '../../src/lib/state/codec';
import { startingState } from '../../src/lib/state/workshop';
import { createRng } from '../../src/lib/random/prng';
import { makeToyDataset } from '../../src/lib/ml/toy-data';
import { crossEntropyFromLogit, forward, initMlp, type Activation } from '../../src/lib/ml/mlp';
import { backward, batchGradient } from '../../src/lib/ml/mlp-backward';
import { gradientStep, trainSteps } from '../../src/lib/ml/mlp-train';
import { backpropIsland } from '../../components/islands/backprop/definition';
import { backpropSchema } from '../../components/islands/backprop/schema';
import { gradientDifference, hiddenOf, RunCache, stagesOf, stepModel, type BackpropState } from '../../components/islands/backprop/model';
import { deltaTex, forwardTex, handoffTex, lossTex, texNumber, updateTex } from '../../components/islands/backprop/tex-steps';
import { mlpGradientsTf, shapeProblem } from '../../src/workers/features/mlp-check-grads';
import { renderStatic } from '../../components/ui/static-render';
import { dataPlot, lossChart, networkDiagram } from '../../components/islands/backprop/figures';
import { backpropStrings } from '../../components/islands/backprop/strings';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const defaults = defaultsOf(backpropSchema);
const state = (changes: Partial<BackpropState>): BackpropState => ({ ...defaults, ...changes });

describe('step-mode stages', () => {
  it('go sample → forward (layer 1 up) → loss → backward (output down, each layer ending in its hand-off) → update', () => {
    const kinds = stagesOf([2, 1]).map((st) => ('layer' in st ? `${st.kind}${st.layer}${'neuron' in st ? `.${st.neuron}` : ''}` : st.kind));
    expect(kinds).toEqual(['sample', 'forward1.0', 'forward1.1', 'forward2.0', 'loss', 'delta2.0', 'handoff2', 'delta1.0', 'delta1.1', 'handoff1', 'update']);
  });

  it('fit the schema for the largest network, and the moons-step preset opens on the output δ', () => {
    expect(stagesOf([8, 8, 8, 1])).toHaveLength(backpropSchema.stage.max + 1);
    const preset = startingState(backpropSchema, backpropIsland.presets, 'moons-step');
    expect(stagesOf([...hiddenOf(preset), 1])[preset.stage]).toEqual({ kind: 'delta', layer: 3, neuron: 0 });
  });

  it('know which values are computed so far', () => {
    const { data, trainer } = new RunCache().get(defaults);
    const handoff2 = stagesOf([3, 3, 1]).findIndex((st) => st.kind === 'handoff' && st.layer === 2);
    const m = stepModel(trainer.params, data, state({ stage: handoff2 }));
    expect(m.progress.lossKnown).toBe(true);
    expect([0, 1, 2].map((i) => m.progress.deltaKnown(2, i))).toEqual([true, true, true]);
    expect(m.progress.deltaKnown(1, 0)).toBe(false);
    expect(m.progress.handedDown(2)).toBe(true);
    expect(m.progress.handedDown(1)).toBe(false);
    expect(stepModel(trainer.params, data, state({ stage: 2 })).progress.forwardKnown(1, 2)).toBe(false);
  });
});

describe('the run behind a link', () => {
  it('replays to the same parameters however the reader got to the step', () => {
    const cache = new RunCache();
    for (const steps of [30, 10, 45]) cache.get(state({ steps }));
    const { trainer } = cache.get(state({ steps: 45 }));
    const data = makeToyDataset('moons', { count: 100, noise: defaults.noise, seed: defaults.seed });
    const fresh = trainSteps(initMlp({ hidden: [3, 3], activation: 'tanh' }, defaults.seed + 1), data, {
      lr: defaults.lr,
      batchSize: defaults.batch,
      steps: 45,
      rng: createRng(defaults.seed + 2),
    });
    expect(trainer.params).toEqual(fresh.params);
    expect(trainer.losses).toEqual(fresh.losses);
  });

  it('reaches the diverge preset’s message: the run stops with a code, never with NaN', () => {
    const preset = startingState(backpropSchema, backpropIsland.presets, 'diverge');
    const { trainer } = new RunCache().get(preset);
    expect(trainer.status.code).toBe('diverged');
    expect(trainer.losses.every(Number.isFinite)).toBe(true);
  });

  it('the update stage applies θ ← θ − η ∂L/∂θ with this sample’s gradient', () => {
    const { data, trainer } = new RunCache().get(state({ steps: 20 }));
    const m = stepModel(trainer.params, data, state({ steps: 20, sample: 4, lr: 0.05 }));
    const x = data.inputs[4] ?? [];
    const y = data.labels[4] ?? 0;
    const byHand = gradientStep(trainer.params, backward(trainer.params, x, y).gradients, 0.05);
    expect(m.update.params).toEqual(byHand);
    expect(m.update.lossAfter).toBe(crossEntropyFromLogit(forward(byHand, x).logit, y));
    expect(m.update.lossAfter).toBeLessThan(m.result.loss);
  });
});

describe('formulas with the reader’s numbers', () => {
  const configs: [Activation, number[]][] = [['tanh', [3, 3]], ['relu', [8, 8, 8]], ['sigmoid', [1]], ['relu', [2]]];

  it.each(configs)('every stage typesets without a KaTeX error (%s, %j)', (activation, hidden) => {
    const data = makeToyDataset('xor', { count: 20, noise: 0.2, seed: 4 });
    const params = initMlp({ hidden, activation }, 3);
    const s = state({ activation, depth: hidden.length, width: hidden[0] ?? 1 });
    const count = stagesOf([...hidden, 1]).length;
    for (let stage = 0; stage < count; stage++) {
      for (const sample of [0, 11]) {
        const m = stepModel(params, data, { ...s, stage, sample });
        const st = m.stage;
        const tex =
          st.kind === 'forward' ? forwardTex(m, params, st.layer, st.neuron)
          : st.kind === 'delta' ? deltaTex(m, activation, st.layer, st.neuron)
          : st.kind === 'handoff' ? handoffTex(m, params, st.layer)
          : st.kind === 'loss' ? lossTex(m)
          : st.kind === 'update' ? updateTex(m, params)
          : '';
        expect(() => katex.renderToString(tex, { displayMode: true, throwOnError: true })).not.toThrow();
        expect(tex).not.toMatch(/NaN|Infinity|undefined/);
      }
    }
  });

  it('show the engine’s chain-rule factors and products', () => {
    const data = makeToyDataset('moons', { count: 20, noise: 0.1, seed: 2 });
    const params = initMlp({ hidden: [3, 2], activation: 'tanh' }, 5);
    const stages = stagesOf([3, 2, 1]);
    const at = (kind: string, layer: number, neuron?: number) =>
      stages.findIndex((st) => st.kind === kind && 'layer' in st && st.layer === layer && (neuron === undefined || ('neuron' in st && st.neuron === neuron)));
    const m = stepModel(params, data, state({ depth: 2, width: 3, sample: 3, stage: at('delta', 2, 1) }));
    const step = m.result.steps.find((st) => st.layer === 2)?.neurons[1];
    if (!step || step.source.kind !== 'hidden') throw new Error('expected a hidden neuron');
    const tex = deltaTex(m, 'tanh', 2, 1);
    for (const value of [step.source.upstream, step.source.slope, step.delta, ...step.weights.map((w) => w.gradient)]) {
      expect(tex).toContain(texNumber(value));
    }
    const out = deltaTex(m, 'tanh', 3, 0);
    expect(out).toContain(`= ${texNumber(m.result.forward.probability)} - ${m.label} = ${texNumber(m.result.forward.probability - m.label)}`);
    const handoff = handoffTex(m, params, 2);
    for (const g of m.result.steps.find((st) => st.layer === 2)?.inputGradient ?? []) expect(handoff).toContain(`= ${texNumber(g)}`);
    expect(forwardTex(m, params, 1, 0)).toContain(texNumber(m.result.forward.layers[0]?.z[0] ?? NaN));
  });

  it('write tiny and huge numbers as powers of ten, never as 0.000', () => {
    expect(texNumber(-0.1234)).toBe('-0.123');
    expect(texNumber(0.00004321)).toBe('4.32\\times10^{-5}');
    expect(texNumber(123456)).toBe('1.23\\times10^{5}');
    expect(texNumber(0)).toBe('0');
    expect(texNumber(Number.NaN)).toBe('\\text{—}');
  });
});

describe('the TensorFlow.js gradient check (worker feature mlp-check)', () => {
  it.each(['tanh', 'relu', 'sigmoid'] as const)('tf.grads of the same network equals the hand-written gradients (%s)', async (activation) => {
    const data = makeToyDataset('circles', { count: 16, noise: 0.1, seed: 8 });
    const params = initMlp({ hidden: [5, 4, 3], activation }, 12);
    const batch = [1, 4, 9, 15];
    const ours = batchGradient(params, data, batch);
    const theirs = await mlpGradientsTf(tf, activation, params.layers, batch.map((n) => data.inputs[n] ?? []), batch.map((n) => data.labels[n] ?? 0));
    const diff = gradientDifference(ours.gradients, theirs.gradients);
    expect(diff?.count).toBe(2 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3 + 3 + 1);
    // float32 in TensorFlow.js: about seven significant digits.
    expect(diff?.relative).toBeLessThan(1e-5);
    expect(theirs.loss).toBeCloseTo(ours.loss, 5);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('notices a wrong gradient', () => {
    const params = initMlp({ hidden: [2], activation: 'tanh' }, 1);
    const g = backward(params, [0.3, -0.2], 1).gradients;
    const wrong = g.map((layer) => ({ weights: layer.weights.map((row) => row.map((v) => v * 2)), biases: layer.biases }));
    expect(gradientDifference(wrong, g)?.relative).toBeGreaterThan(0.1);
  });

  it('refuses shapes that do not chain', () => {
    const params = initMlp({ hidden: [3], activation: 'tanh' }, 1);
    expect(shapeProblem(params.layers, [[0, 1]], [1])).toBeNull();
    expect(shapeProblem(params.layers, [[0, 1, 2]], [1])).toMatch(/inputs/);
    expect(shapeProblem(params.layers, [[0, 1]], [])).toMatch(/labels/);
    expect(shapeProblem(params.layers.slice(0, 1), [[0, 1]], [1])).toMatch(/layer/);
  });
});

describe('the static fallback', () => {
  it('renders the same figures on the server, with no NaN', () => {
    const s = backpropStrings['zh-CN'];
    const { data, trainer } = new RunCache().get(state({ steps: 5 }));
    for (const stage of [0, 3, 9, 14, 19]) {
      const m = stepModel(trainer.params, data, state({ steps: 5, stage }));
      const markup = renderStatic(networkDiagram(m, trainer.params, 400, s)) + renderStatic(dataPlot({ data, params: trainer.params, width: 320, s, selected: 0 }));
      expect(markup).toContain('<svg');
      expect(markup).not.toMatch(/NaN|undefined/);
    }
    expect(renderStatic(lossChart(trainer.losses, 320, s))).toContain('ml-chart__line');
  });
});
