import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers no gradients by itself (the @tensorflow/tfjs bundle does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRng } from '../../src/lib/random/prng';
import { makeToyDataset, TOY_BOX, TOY_KINDS, trueLabel } from '../../src/lib/ml/toy-data';
import {
  accuracy,
  flattenParams,
  forward,
  initMlp,
  meanLoss,
  probabilityGrid,
  unflattenParams,
  type Activation,
  type MlpParams,
  type Samples,
} from '../../src/lib/ml/mlp';
import { backward, batchGradient } from '../../src/lib/ml/mlp-backward';
import { gradientStep, trainSteps } from '../../src/lib/ml/mlp-train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ACTIVATIONS: Activation[] = ['tanh', 'relu', 'sigmoid'];

/** max |a − b| / max |b|: a relative error that small components cannot blow up. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return diff / scale;
}

let variableCount = 0;

/** The same network and the same mean loss, written with TensorFlow.js ops; gradients by tf.variableGrads. */
function tfGradients(params: MlpParams, data: Samples): Float64Array {
  const vars = params.layers.flatMap((layer, l) => [
    tf.variable(tf.tensor2d(layer.weights), true, `mlp-w${l}-${++variableCount}`),
    tf.variable(tf.tensor1d(layer.biases), true, `mlp-b${l}-${variableCount}`),
  ]);
  const x = tf.tensor2d(data.inputs.map((row) => [...row]));
  const y = tf.tensor2d(data.labels.map((v) => [v]));
  const act = { tanh: tf.tanh, relu: tf.relu, sigmoid: tf.sigmoid }[params.activation];
  const { value, grads } = tf.variableGrads(() => {
    let h: tf.Tensor = x;
    for (let l = 0; l < params.layers.length; l++) {
      const w = vars[2 * l];
      const b = vars[2 * l + 1];
      if (!w || !b) throw new Error('missing variable');
      const z = tf.add(tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D, false, true), b);
      h = l === params.layers.length - 1 ? z : act(z);
    }
    return tf.losses.sigmoidCrossEntropy(y, h) as tf.Scalar;
  }, vars);
  const flat: number[] = [];
  for (const v of vars) flat.push(...(grads[v.name]?.dataSync() ?? []));
  tf.dispose([...vars, x, y, value, ...Object.values(grads)]);
  return Float64Array.from(flat);
}

const data = makeToyDataset('moons', { count: 24, noise: 0.1, seed: 5 });

describe('toy datasets', () => {
  it('are reproducible per seed, differ across seeds, stay in the box and are balanced', () => {
    for (const kind of TOY_KINDS) {
      const a = makeToyDataset(kind, { count: 101, noise: 0.3, seed: 9 });
      expect(makeToyDataset(kind, { count: 101, noise: 0.3, seed: 9 })).toEqual(a);
      expect(makeToyDataset(kind, { count: 101, noise: 0.3, seed: 10 }).inputs).not.toEqual(a.inputs);
      expect(a.inputs).toHaveLength(101);
      expect(a.labels.filter((l) => l === 1)).toHaveLength(50);
      for (const [x = NaN, y = NaN] of a.inputs) {
        expect(x).toBeGreaterThanOrEqual(TOY_BOX.xMin);
        expect(x).toBeLessThanOrEqual(TOY_BOX.xMax);
        expect(y).toBeGreaterThanOrEqual(TOY_BOX.yMin);
        expect(y).toBeLessThanOrEqual(TOY_BOX.yMax);
      }
    }
  });

  it('without noise, every point lies on its side of the true boundary', () => {
    for (const kind of ['circles', 'xor', 'linear'] as const) {
      const clean = makeToyDataset(kind, { count: 200, noise: 0, seed: 3 });
      clean.inputs.forEach(([x = 0, y = 0], n) => expect(trueLabel(kind, x, y)).toBe(clean.labels[n]));
    }
  });
});

describe('forward pass', () => {
  it('matches a hand computation on a 2–1–1 tanh network', () => {
    const params: MlpParams = {
      activation: 'tanh',
      layers: [
        { weights: [[0.5, -1]], biases: [0.1] },
        { weights: [[2]], biases: [-0.3] },
      ],
    };
    const trace = forward(params, [1, 2]);
    // z1 = 0.5·1 − 1·2 + 0.1 = −1.4; a1 = tanh(−1.4); z2 = 2·a1 − 0.3; p = 1/(1 + e^(−z2)).
    const a1 = Math.tanh(-1.4);
    expect(trace.layers[0]?.z[0]).toBeCloseTo(-1.4, 14);
    expect(trace.layers[0]?.a[0]).toBeCloseTo(a1, 14);
    expect(trace.logit).toBeCloseTo(2 * a1 - 0.3, 14);
    expect(trace.probability).toBeCloseTo(1 / (1 + Math.exp(-(2 * a1 - 0.3))), 14);
  });

  it('evaluates the probability grid row by row over the box', () => {
    const params = initMlp({ hidden: [4], activation: 'tanh' }, 1);
    const grid = probabilityGrid(params, TOY_BOX, 5);
    expect(grid).toHaveLength(25);
    // index j·m + i ↔ (x_i, y_j): i = 4, j = 1 is (1.5, −0.75).
    expect(grid[1 * 5 + 4]).toBeCloseTo(forward(params, [1.5, -0.75]).probability, 14);
    expect(grid.every((p) => p > 0 && p < 1)).toBe(true);
  });
});

describe('backward pass', () => {
  for (const activation of ACTIVATIONS) {
    it(`equals tf.variableGrads of the same mean loss (${activation}, 2–5–3–1)`, () => {
      const params = initMlp({ hidden: [5, 3], activation }, 11);
      const ours = flattenParams(batchGradient(params, data).gradients);
      const reference = tfGradients(params, data);
      // TensorFlow.js computes in float32: about 7 significant digits.
      expect(relativeError(ours, reference)).toBeLessThan(1e-5);
      expect(meanLoss(params, data)).toBeCloseTo(tf.tidy(() => tf.losses.sigmoidCrossEntropy(
        tf.tensor2d(data.labels.map((v) => [v])),
        tf.tensor2d(data.inputs.map((x) => [forward(params, x).logit])),
      ).dataSync()[0] ?? NaN), 6);
    });

    it(`equals central finite differences in float64 (${activation}, 2–4–4–2–1)`, () => {
      const params = initMlp({ hidden: [4, 4, 2], activation }, 21);
      const theta = flattenParams(params.layers);
      const ours = flattenParams(batchGradient(params, data).gradients);
      const h = 1e-5;
      const numeric = theta.map((_, k) => {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[k] = (plus[k] ?? 0) + h;
        minus[k] = (minus[k] ?? 0) - h;
        return (meanLoss(unflattenParams(params, plus), data) - meanLoss(unflattenParams(params, minus), data)) / (2 * h);
      });
      expect(relativeError(ours, numeric)).toBeLessThan(1e-6);
    });
  }

  it('its chain-rule records multiply out to the gradients (E6)', () => {
    const params = initMlp({ hidden: [3, 2], activation: 'tanh' }, 4);
    const x = data.inputs[0] ?? [];
    const y = data.labels[0] ?? 0;
    const result = backward(params, x, y);
    expect(result.steps.map((s) => s.layer)).toEqual([3, 2, 1]);
    result.steps.forEach((step, s) => {
      const grad = result.gradients[step.layer - 1];
      const W = params.layers[step.layer - 1]?.weights ?? [];
      for (const n of step.neurons) {
        if (n.source.kind === 'output') {
          expect(n.delta).toBe(n.source.probability - y);
          expect(n.source.probability).toBe(result.forward.probability);
        } else {
          const sum = n.source.terms.reduce((acc, t) => acc + t.weight * t.delta, 0);
          expect(n.source.upstream).toBe(sum);
          expect(n.delta).toBe(n.source.upstream * n.source.slope);
          expect(n.source.slope).toBeCloseTo(1 - n.a * n.a, 15);
          // ∂L/∂a of this layer is what the layer above handed down.
          expect(n.source.upstream).toBeCloseTo(result.steps[s - 1]?.inputGradient[n.neuron] ?? NaN, 15);
        }
        expect(grad?.biases[n.neuron]).toBe(n.delta);
        for (const w of n.weights) {
          expect(w.gradient).toBe(n.delta * w.input);
          expect(grad?.weights[n.neuron]?.[w.from]).toBe(w.gradient);
        }
      }
      step.inputGradient.forEach((g, j) => {
        expect(g).toBeCloseTo(step.neurons.reduce((acc, n) => acc + (W[n.neuron]?.[j] ?? 0) * n.delta, 0), 15);
      });
    });
  });

  it('takes the batch gradient as the mean of the per-sample gradients', () => {
    const params = initMlp({ hidden: [3], activation: 'relu' }, 8);
    const batch = batchGradient(params, data, [2, 7, 7]);
    const g2 = flattenParams(backward(params, data.inputs[2] ?? [], data.labels[2] ?? 0).gradients);
    const g7 = flattenParams(backward(params, data.inputs[7] ?? [], data.labels[7] ?? 0).gradients);
    const mean = g2.map((v, k) => (v + 2 * (g7[k] ?? 0)) / 3);
    expect(relativeError(flattenParams(batch.gradients), mean)).toBeLessThan(1e-14);
    expect(batch.samples).toBe(3);
  });
});

describe('update and training', () => {
  it('a gradient step with a small learning rate lowers the loss', () => {
    for (const activation of ACTIVATIONS) {
      const params = initMlp({ hidden: [4], activation }, 2);
      const { loss, gradients } = batchGradient(params, data);
      expect(meanLoss(gradientStep(params, gradients, 1e-3), data)).toBeLessThan(loss);
    }
  });

  it('learns the linearly separable set and the circles to high accuracy', () => {
    const linear = makeToyDataset('linear', { count: 100, noise: 0, seed: 1 });
    const lin = trainSteps(initMlp({ hidden: [2], activation: 'tanh' }, 1), linear, { lr: 0.5, batchSize: 10, steps: 400, rng: createRng(1) });
    expect(lin.status).toEqual({ code: 'ok' });
    expect(accuracy(lin.params, linear)).toBeGreaterThanOrEqual(0.97);
    expect(lin.losses.at(-1)).toBeLessThan((lin.losses[0] ?? 0) / 3);

    const circles = makeToyDataset('circles', { count: 100, noise: 0.05, seed: 2 });
    const circ = trainSteps(initMlp({ hidden: [6], activation: 'tanh' }, 3), circles, { lr: 0.5, batchSize: 20, steps: 600, rng: createRng(2) });
    expect(accuracy(circ.params, circles)).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic per seed', () => {
    const set = makeToyDataset('xor', { count: 60, noise: 0.1, seed: 4 });
    const run = () => trainSteps(initMlp({ hidden: [4, 4], activation: 'relu' }, 7), set, { lr: 0.1, batchSize: 8, steps: 30, rng: createRng(12) });
    expect(run()).toEqual(run());
    const other = trainSteps(initMlp({ hidden: [4, 4], activation: 'relu' }, 7), set, { lr: 0.1, batchSize: 8, steps: 30, rng: createRng(13) });
    expect(other.losses).not.toEqual(run().losses);
  });

  it('stops a diverging run with a code and never returns NaN', () => {
    const set = makeToyDataset('moons', { count: 40, noise: 0.1, seed: 6 });
    const run = trainSteps(initMlp({ hidden: [8, 8], activation: 'relu' }, 5), set, { lr: 500, batchSize: 40, steps: 200, rng: createRng(1) });
    expect(run.status.code).toBe('diverged');
    if (run.status.code === 'diverged') expect(run.losses).toHaveLength(run.status.step);
    expect(run.losses.every(Number.isFinite)).toBe(true);
    expect(flattenParams(run.params.layers).every(Number.isFinite)).toBe(true);
  });
});
