import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core registers no gradients by itself (the @tensorflow/tfjs bundle does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initOptimizerState, optimizerStep, OPTIMIZER_KINDS, type OptimizerConfig } from '../../src/lib/ml/optimizers';
import { makeTfOptimizer } from '../../src/lib/ml/softmax-regression-tf';
import { makeSurface, type Surface } from '../../src/lib/ml/surfaces';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CONFIGS: OptimizerConfig[] = [
  { kind: 'gd', lr: 0.05 },
  { kind: 'momentum', lr: 0.02, momentum: 0.9 },
  { kind: 'rmsprop', lr: 0.01, rho: 0.9, epsilon: 1e-7 },
  { kind: 'adam', lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
];

const relative = (a: readonly number[] | Float64Array, b: ArrayLike<number>) => {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
    scale = Math.max(scale, Math.abs(a[i] ?? 0));
  }
  return diff / scale;
};

/**
 * Our iterates and TensorFlow.js' over `steps` updates, each run fed the exact float64
 * gradient of `surface` at its own iterate. Returns the largest difference relative to the
 * size of the start point: the iterates spiral in towards 0, and float32 rounds θ to about
 * 6·10⁻⁸ of the magnitudes it has passed through, not of its current, smaller value.
 */
function freeRuns(config: OptimizerConfig, surface: Surface, steps: number) {
  const optimizer = makeTfOptimizer(tf, config);
  const x = tf.tidy(() => tf.variable(tf.tensor1d(surface.start), true));
  let ours: Float64Array = Float64Array.from(surface.start);
  let state = initOptimizerState(config.kind, 2);
  const scale = Math.max(...surface.start.map(Math.abs));
  let worst = 0;
  for (let t = 0; t < steps; t++) {
    const theirs = x.dataSync();
    tf.tidy(() => optimizer.applyGradients({ [x.name]: tf.tensor1d(surface.gradient(theirs[0] ?? 0, theirs[1] ?? 0)) }));
    const step = optimizerStep(config, state, ours, surface.gradient(ours[0] ?? 0, ours[1] ?? 0));
    ours = step.params;
    state = step.state;
    const now = x.dataSync();
    worst = Math.max(worst, ...[0, 1].map((i) => Math.abs((ours[i] ?? 0) - (now[i] ?? 0)) / scale));
  }
  optimizer.dispose();
  x.dispose();
  return { worst, final: ours };
}

describe('update rules against tf.train.*', () => {
  for (const config of CONFIGS) {
    it(`${config.kind}: the same 100 iterates as TensorFlow.js on the ill-conditioned bowl`, () => {
      const { worst, final } = freeRuns(config, makeSurface('bowl', { condition: 10 }), 100);
      expect(worst).toBeLessThan(1e-5);
      expect(Math.hypot(final[0] ?? 0, final[1] ?? 0)).toBeLessThan(Math.hypot(-2.6, 1.2));
    });

    it(`${config.kind}: the same update as TensorFlow.js at every step on Rosenbrock`, () => {
      // Here tiny float32 differences would grow along the valley, so each step starts
      // TensorFlow.js from our previous iterate; its accumulators stay its own.
      const surface = makeSurface('rosenbrock');
      const small = { ...config, lr: config.lr / 50 };
      const optimizer = makeTfOptimizer(tf, small);
      const x = tf.tidy(() => tf.variable(tf.tensor1d(surface.start), true));
      let ours: Float64Array = Float64Array.from(surface.start);
      let state = initOptimizerState(config.kind, 2);
      let worst = 0;
      for (let t = 0; t < 100; t++) {
        const grad = surface.gradient(ours[0] ?? 0, ours[1] ?? 0);
        tf.tidy(() => x.assign(tf.tensor1d(Array.from(ours))));
        tf.tidy(() => optimizer.applyGradients({ [x.name]: tf.tensor1d(grad) }));
        const step = optimizerStep(small, state, ours, grad);
        ours = step.params;
        state = step.state;
        worst = Math.max(worst, relative(ours, x.dataSync()));
      }
      optimizer.dispose();
      x.dispose();
      expect(worst).toBeLessThan(1e-5);
    });
  }
});

describe('update rules by hand', () => {
  it('momentum accumulates u ← μu + g and steps θ ← θ − ηu', () => {
    const config: OptimizerConfig = { kind: 'momentum', lr: 0.1, momentum: 0.5 };
    const first = optimizerStep(config, initOptimizerState('momentum', 1), [1], [2]);
    expect(first.params[0]).toBeCloseTo(1 - 0.1 * 2, 15);
    const second = optimizerStep(config, first.state, first.params, [4]);
    expect(second.params[0]).toBeCloseTo(0.8 - 0.1 * (0.5 * 2 + 4), 15);
  });

  it('RMSProp divides by √(s + ε) with s ← ρs + (1 − ρ)g²', () => {
    const config: OptimizerConfig = { kind: 'rmsprop', lr: 0.01, rho: 0.9, epsilon: 1e-7 };
    const step = optimizerStep(config, initOptimizerState('rmsprop', 1), [0], [3]);
    expect(step.params[0]).toBeCloseTo((-0.01 * 3) / Math.sqrt(0.1 * 9 + 1e-7), 15);
  });

  it('Adam corrects m and v for their zero start: its first step is η·g/(|g| + ε) (E3)', () => {
    const config: OptimizerConfig = { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    const step = optimizerStep(config, initOptimizerState('adam', 3), [0, 0, 0], [1e-3, -50, 7]);
    // m̂ = g and v̂ = g² exactly after one update, so each coordinate moves by ≈ η whatever |g|.
    expect(step.params[0]).toBeCloseTo((-0.01 * 1e-3) / (1e-3 + 1e-8), 14);
    expect(step.params[1]).toBeCloseTo((0.01 * 50) / (50 + 1e-8), 14);
    expect(step.params[2]).toBeCloseTo((-0.01 * 7) / (7 + 1e-8), 14);
    if (step.state.kind !== 'adam') throw new Error('adam state expected');
    expect(step.state.t).toBe(1);
    expect(step.state.m[1]).toBeCloseTo(0.1 * -50, 12);
    expect(step.state.v[1]).toBeCloseTo(0.001 * 2500, 12);
  });

  it('is pure: inputs unchanged, same input same output', () => {
    for (const kind of OPTIMIZER_KINDS) {
      const config = CONFIGS.find((c) => c.kind === kind) ?? { kind: 'gd', lr: 0.1 };
      const state = initOptimizerState(kind, 2);
      const params = [1, 2];
      const grads = [0.5, -0.5];
      const a = optimizerStep(config, state, params, grads);
      const b = optimizerStep(config, state, params, grads);
      expect(params).toEqual([1, 2]);
      expect(grads).toEqual([0.5, -0.5]);
      expect(a).toEqual(b);
      expect(initOptimizerState(kind, 2)).toEqual(state);
    }
  });

  it('rejects hyper-parameters outside their ranges and mismatched states', () => {
    expect(() => optimizerStep({ kind: 'gd', lr: 0 }, { kind: 'gd' }, [1], [1])).toThrow(RangeError);
    expect(() => optimizerStep({ kind: 'adam', lr: 0.1, beta1: 1, beta2: 0.9, epsilon: 1e-8 }, initOptimizerState('adam', 1), [1], [1])).toThrow(RangeError);
    expect(() => optimizerStep({ kind: 'gd', lr: 0.1 }, initOptimizerState('adam', 1), [1], [1])).toThrow(RangeError);
    expect(() => optimizerStep({ kind: 'gd', lr: 0.1 }, { kind: 'gd' }, [1, 2], [1])).toThrow(RangeError);
  });
});
