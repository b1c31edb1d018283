/**
 * Update rules for chapter 3.2, as pure functions: (config, state, params, grads) →
 * { state, params }. They only use gradients; how a gradient was computed (whole
 * training set, one sample, a mini-batch — erratum E4) is the caller's business (race.ts,
 * softmax-regression.ts). Each rule follows TensorFlow.js' tf.train.* exactly:
 *
 * - gd:       θ ← θ − η·g                                            (tf.train.sgd)
 * - momentum: u ← μ·u + g;  θ ← θ − η·u                             (tf.train.momentum, not Nesterov)
 * - rmsprop:  s ← ρ·s + (1 − ρ)·g²;  θ ← θ − η·g/√(s + ε)           (tf.train.rmsprop, momentum 0, not centred)
 * - adam (E3): m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
 *             m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  θ ← θ − η·m̂/(√v̂ + ε)   (tf.train.adam)
 *
 * Note where ε sits: inside the root for RMSProp, outside for Adam, as in TensorFlow.js.
 */

export type OptimizerKind = 'gd' | 'momentum' | 'rmsprop' | 'adam';

export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['gd', 'momentum', 'rmsprop', 'adam'];

export type OptimizerConfig =
  | { kind: 'gd'; lr: number }
  | { kind: 'momentum'; lr: number; momentum: number }
  | { kind: 'rmsprop'; lr: number; rho: number; epsilon: number }
  | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number };

export type OptimizerState =
  | { kind: 'gd' }
  | { kind: 'momentum'; accumulation: Float64Array }
  | { kind: 'rmsprop'; meanSquare: Float64Array }
  /** t: updates done so far (the bias correction of the next one uses t + 1). */
  | { kind: 'adam'; m: Float64Array; v: Float64Array; t: number };

export interface OptimizerStep {
  state: OptimizerState;
  params: Float64Array;
}

/** The state before the first update: all accumulators zero. */
export function initOptimizerState(kind: OptimizerKind, size: number): OptimizerState {
  switch (kind) {
    case 'gd':
      return { kind };
    case 'momentum':
      return { kind, accumulation: new Float64Array(size) };
    case 'rmsprop':
      return { kind, meanSquare: new Float64Array(size) };
    case 'adam':
      return { kind, m: new Float64Array(size), v: new Float64Array(size), t: 0 };
  }
}

function check(config: OptimizerConfig): void {
  const bad = (name: string, value: number) => new RangeError(`${config.kind}: ${name} out of range: ${value}`);
  if (!(config.lr > 0) || !Number.isFinite(config.lr)) throw bad('lr', config.lr);
  if (config.kind === 'momentum' && !(config.momentum >= 0 && config.momentum < 1)) throw bad('momentum', config.momentum);
  if (config.kind === 'rmsprop') {
    if (!(config.rho >= 0 && config.rho < 1)) throw bad('rho', config.rho);
    if (!(config.epsilon > 0)) throw bad('epsilon', config.epsilon);
  }
  if (config.kind === 'adam') {
    if (!(config.beta1 >= 0 && config.beta1 < 1)) throw bad('beta1', config.beta1);
    if (!(config.beta2 >= 0 && config.beta2 < 1)) throw bad('beta2', config.beta2);
    if (!(config.epsilon > 0)) throw bad('epsilon', config.epsilon);
  }
}

/** One update. Returns new arrays; the inputs are not changed. */
export function optimizerStep(
  config: OptimizerConfig,
  state: OptimizerState,
  params: ArrayLike<number>,
  grads: ArrayLike<number>,
): OptimizerStep {
  check(config);
  const n = params.length;
  if (grads.length !== n) throw new RangeError(`${n} parameters but ${grads.length} gradients`);
  if (state.kind !== config.kind) throw new RangeError(`state of ${state.kind} given to ${config.kind}`);
  const next = new Float64Array(n);
  const p = (i: number) => params[i] ?? 0;
  const g = (i: number) => grads[i] ?? 0;
  if (config.kind === 'gd') {
    for (let i = 0; i < n; i++) next[i] = p(i) - config.lr * g(i);
    return { state, params: next };
  }
  if (config.kind === 'momentum' && state.kind === 'momentum') {
    const accumulation = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      accumulation[i] = config.momentum * (state.accumulation[i] ?? 0) + g(i);
      next[i] = p(i) - config.lr * (accumulation[i] ?? 0);
    }
    return { state: { kind: 'momentum', accumulation }, params: next };
  }
  if (config.kind === 'rmsprop' && state.kind === 'rmsprop') {
    const meanSquare = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = config.rho * (state.meanSquare[i] ?? 0) + (1 - config.rho) * g(i) * g(i);
      meanSquare[i] = s;
      next[i] = p(i) - (config.lr * g(i)) / Math.sqrt(s + config.epsilon);
    }
    return { state: { kind: 'rmsprop', meanSquare }, params: next };
  }
  if (config.kind === 'adam' && state.kind === 'adam') {
    const { beta1, beta2, epsilon, lr } = config;
    const t = state.t + 1;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      m[i] = beta1 * (state.m[i] ?? 0) + (1 - beta1) * g(i);
      v[i] = beta2 * (state.v[i] ?? 0) + (1 - beta2) * g(i) * g(i);
      next[i] = p(i) - (lr * ((m[i] ?? 0) / c1)) / (Math.sqrt((v[i] ?? 0) / c2) + epsilon);
    }
    return { state: { kind: 'adam', m, v, t }, params: next };
  }
  throw new RangeError(`unknown optimizer ${config.kind}`);
}

/** TensorFlow.js' defaults where it has them (tf.train.momentum has no default μ; 0.9 is the usual one). */
export function defaultOptimizerConfig(kind: OptimizerKind, lr: number): OptimizerConfig {
  switch (kind) {
    case 'gd':
      return { kind, lr };
    case 'momentum':
      return { kind, lr, momentum: 0.9 };
    case 'rmsprop':
      return { kind, lr, rho: 0.9, epsilon: 1e-7 };
    case 'adam':
      return { kind, lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  }
}
