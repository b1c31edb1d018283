import { initOptimizerState, optimizerStep, type OptimizerConfig, type OptimizerState } from './optimizers';
import { racerConfig, type RaceSettings, type RacerResult } from './race';
import type { Point } from './surfaces';

/**
 * One step of one racer, as data the reader can watch: the state before, the gradient,
 * every intermediate quantity of the update rule, and where it lands. It replays the
 * racer's recorded gradients through optimizerStep, so the numbers shown are the numbers
 * that moved the racer.
 */

interface Common {
  /** The step, 1-based: from points[t − 1] to points[t]. */
  t: number;
  /** Per-term gradients in this step's batch. */
  batchSize: number;
  theta: Point;
  grad: Point;
  next: Point;
}

export type StepDetail =
  | (Common & { rule: 'gd'; lr: number })
  | (Common & { rule: 'momentum'; lr: number; momentum: number; velocityBefore: Point; velocity: Point })
  | (Common & { rule: 'rmsprop'; lr: number; rho: number; epsilon: number; meanSquareBefore: Point; meanSquare: Point; scale: Point })
  | (Common & {
      rule: 'adam';
      lr: number;
      beta1: number;
      beta2: number;
      epsilon: number;
      mBefore: Point;
      vBefore: Point;
      m: Point;
      v: Point;
      /** 1 − β₁ᵗ and 1 − β₂ᵗ. */
      correction1: number;
      correction2: number;
      mHat: Point;
      vHat: Point;
    });

const pair = (a: ArrayLike<number>): Point => [a[0] ?? 0, a[1] ?? 0];

function detail(config: OptimizerConfig, before: OptimizerState, after: OptimizerState, common: Common): StepDetail {
  if (config.kind === 'momentum' && before.kind === 'momentum' && after.kind === 'momentum') {
    return { ...common, rule: 'momentum', lr: config.lr, momentum: config.momentum, velocityBefore: pair(before.accumulation), velocity: pair(after.accumulation) };
  }
  if (config.kind === 'rmsprop' && before.kind === 'rmsprop' && after.kind === 'rmsprop') {
    const s = pair(after.meanSquare);
    return {
      ...common,
      rule: 'rmsprop',
      lr: config.lr,
      rho: config.rho,
      epsilon: config.epsilon,
      meanSquareBefore: pair(before.meanSquare),
      meanSquare: s,
      scale: [Math.sqrt(s[0] + config.epsilon), Math.sqrt(s[1] + config.epsilon)],
    };
  }
  if (config.kind === 'adam' && before.kind === 'adam' && after.kind === 'adam') {
    const correction1 = 1 - config.beta1 ** after.t;
    const correction2 = 1 - config.beta2 ** after.t;
    const m = pair(after.m);
    const v = pair(after.v);
    return {
      ...common,
      rule: 'adam',
      lr: config.lr,
      beta1: config.beta1,
      beta2: config.beta2,
      epsilon: config.epsilon,
      mBefore: pair(before.m),
      vBefore: pair(before.v),
      m,
      v,
      correction1,
      correction2,
      mHat: [m[0] / correction1, m[1] / correction1],
      vHat: [v[0] / correction2, v[1] / correction2],
    };
  }
  return { ...common, rule: 'gd', lr: config.lr };
}

/** Step t (1 … number of steps taken) of a racer run with `settings`; null when the racer took no step t. */
export function racerStepDetail(racer: RacerResult, settings: RaceSettings, t: number): StepDetail | null {
  if (!Number.isInteger(t) || t < 1 || t > racer.gradients.length) return null;
  const config = racerConfig(racer.id, settings);
  let state = initOptimizerState(config.kind, 2);
  for (let k = 0; k < t - 1; k++) {
    state = optimizerStep(config, state, racer.points[k] ?? [0, 0], racer.gradients[k] ?? [0, 0]).state;
  }
  const theta = racer.points[t - 1] ?? [0, 0];
  const grad = racer.gradients[t - 1] ?? [0, 0];
  const update = optimizerStep(config, state, theta, grad);
  const batchSize = (racer.evaluations[t] ?? 0) - (racer.evaluations[t - 1] ?? 0);
  return detail(config, state, update.state, { t, batchSize, theta, grad, next: pair(update.params) });
}
