import { createRng } from '../random/prng';
import { createBatchSampler } from './batches';
import { initOptimizerState, optimizerStep, type OptimizerConfig, type OptimizerKind } from './optimizers';
import type { Point, Surface, SurfaceId } from './surfaces';

/**
 * The optimizer race of chapter 3.2: six racers leave the same start on the same surface.
 * Batch GD, SGD and mini-batch SGD share one update rule (θ ← θ − η·g) and differ only in
 * the gradient (erratum E4): the mean over all N terms, over one term, or over B terms.
 * Momentum, RMSProp and Adam change the rule; they take mini-batch gradients (as in
 * practice) unless `adaptiveBatch` is 'full'. A step costs as many per-term gradients as its
 * batch holds (N, 1 or B), so curves can be drawn per step or per gradient evaluated.
 */

export type RacerId = 'batch-gd' | 'sgd' | 'minibatch' | 'momentum' | 'rmsprop' | 'adam';

export const RACER_IDS: readonly RacerId[] = ['batch-gd', 'sgd', 'minibatch', 'momentum', 'rmsprop', 'adam'];

export type BatchMode = 'full' | 'single' | 'minibatch';

export interface RaceSettings {
  steps: number;
  /** η, shared by all racers. */
  lr: number;
  /** B for mini-batch SGD (and for momentum, RMSProp and Adam unless adaptiveBatch is 'full'). */
  batchSize: number;
  /** μ of momentum. */
  momentum: number;
  /** ρ of RMSProp. */
  rho: number;
  beta1: number;
  beta2: number;
  /** ε of RMSProp and Adam. */
  epsilon: number;
  /** Seeds the order in which terms are drawn. */
  seed: number;
  adaptiveBatch?: 'full' | 'minibatch';
  /** Converged within this distance of the minimum; default 10⁻³ × the view's diagonal. */
  tolerance?: number;
  /** Where every racer starts; default the surface's own start. Must lie within the surface's bounds. */
  start?: Point;
}

export type DivergenceReason =
  /** On a quadratic with a full-batch gradient: η above the racer's stability bound (2/λ_max for GD). */
  | 'lr-above-stable-bound'
  | 'left-bounds'
  | 'non-finite';

export type RacerStatus =
  /** Reached the tolerance at `step`; the racer stops there. */
  | { code: 'converged'; step: number }
  | { code: 'running' }
  /** Step `step` left the bounds or was not finite; that point is not in the trajectory. */
  | { code: 'diverged'; step: number; reason: DivergenceReason };

export interface RacerResult {
  id: RacerId;
  rule: OptimizerKind;
  batch: BatchMode;
  /** points[0] is the start, points[t] the position after step t. Always finite and within bounds. */
  points: Point[];
  /** Surface value at each point. */
  losses: number[];
  /** Per-term gradients evaluated before reaching each point (cumulative; evaluations[0] = 0). */
  evaluations: number[];
  /** gradients[t − 1]: the (batch) gradient step t used to move from points[t − 1] to points[t]. */
  gradients: Point[];
  status: RacerStatus;
  /** The largest stable η where theory gives one (quadratic surface, full-batch gradient, GD or momentum); else null. */
  stableLr: number | null;
}

export interface RaceResult {
  surface: SurfaceId;
  /** 2/λ_max: plain full-batch gradient descent diverges above it (quadratic surfaces only). */
  gdStableLr: number | null;
  racers: RacerResult[];
}

const RULES: Record<RacerId, OptimizerKind> = {
  'batch-gd': 'gd',
  sgd: 'gd',
  minibatch: 'gd',
  momentum: 'momentum',
  rmsprop: 'rmsprop',
  adam: 'adam',
};

/** The update rule and hyperparameters a racer runs with. */
export function racerConfig(id: RacerId, s: RaceSettings): OptimizerConfig {
  return configFor(RULES[id], s);
}

function configFor(rule: OptimizerKind, s: RaceSettings): OptimizerConfig {
  switch (rule) {
    case 'gd':
      return { kind: rule, lr: s.lr };
    case 'momentum':
      return { kind: rule, lr: s.lr, momentum: s.momentum };
    case 'rmsprop':
      return { kind: rule, lr: s.lr, rho: s.rho, epsilon: s.epsilon };
    case 'adam':
      return { kind: rule, lr: s.lr, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon };
  }
}

function batchModeFor(id: RacerId, s: RaceSettings): BatchMode {
  if (id === 'batch-gd') return 'full';
  if (id === 'sgd') return 'single';
  if (id === 'minibatch') return 'minibatch';
  return s.adaptiveBatch ?? 'minibatch';
}

/**
 * On a quadratic with constant Hessian and exact gradients, GD is stable iff η·λ_max < 2
 * and heavy-ball momentum iff η·λ_max < 2(1 + μ). Adaptive rules have no fixed bound.
 */
function stableLrFor(rule: OptimizerKind, exactGradient: boolean, surface: Surface, s: RaceSettings): number | null {
  if (surface.maxCurvature === null || !exactGradient) return null;
  if (rule === 'gd') return 2 / surface.maxCurvature;
  if (rule === 'momentum') return (2 * (1 + s.momentum)) / surface.maxCurvature;
  return null;
}

const inside = (surface: Surface, [x, y]: Point) =>
  x >= surface.bounds.xMin && x <= surface.bounds.xMax && y >= surface.bounds.yMin && y <= surface.bounds.yMax;

function runRacer(id: RacerId, surface: Surface, s: RaceSettings, tolerance: number): RacerResult {
  const rule = RULES[id];
  const batch = batchModeFor(id, s);
  const size = batch === 'full' ? surface.terms : batch === 'single' ? 1 : Math.min(s.batchSize, surface.terms);
  const nextBatch = createBatchSampler(surface.terms, size, createRng(s.seed));
  const config = configFor(rule, s);
  const stableLr = stableLrFor(rule, size >= surface.terms, surface, s);
  let state = initOptimizerState(rule, 2);
  const start = s.start ?? surface.start;
  let position: Point = [start[0], start[1]];
  const points: Point[] = [position];
  const losses = [surface.value(...position)];
  const evaluations = [0];
  const gradients: Point[] = [];
  const distance = ([x, y]: Point) => (surface.minimum ? Math.hypot(x - surface.minimum.point[0], y - surface.minimum.point[1]) : Infinity);
  let status: RacerStatus = distance(position) <= tolerance ? { code: 'converged', step: 0 } : { code: 'running' };
  for (let step = 1; step <= s.steps && status.code === 'running'; step++) {
    const indices = nextBatch();
    const grad = surface.termsGradient(position[0], position[1], indices);
    const update = optimizerStep(config, state, position, grad);
    const next: Point = [update.params[0] ?? NaN, update.params[1] ?? NaN];
    const loss = surface.value(...next);
    if (!Number.isFinite(next[0]) || !Number.isFinite(next[1]) || !Number.isFinite(loss)) {
      status = { code: 'diverged', step, reason: stableLr !== null && s.lr > stableLr ? 'lr-above-stable-bound' : 'non-finite' };
      break;
    }
    if (!inside(surface, next)) {
      status = { code: 'diverged', step, reason: stableLr !== null && s.lr > stableLr ? 'lr-above-stable-bound' : 'left-bounds' };
      break;
    }
    state = update.state;
    position = next;
    points.push(next);
    losses.push(loss);
    evaluations.push((evaluations[evaluations.length - 1] ?? 0) + indices.length);
    gradients.push(grad);
    if (distance(next) <= tolerance) status = { code: 'converged', step };
  }
  return { id, rule, batch, points, losses, evaluations, gradients, status, stableLr };
}

function validate(surface: Surface, s: RaceSettings): void {
  if (!Number.isInteger(s.steps) || s.steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${s.steps}`);
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${s.batchSize}`);
  if (s.tolerance !== undefined && !(s.tolerance > 0)) throw new RangeError(`tolerance must be positive, got ${s.tolerance}`);
  if (s.start && !(Number.isFinite(s.start[0]) && Number.isFinite(s.start[1]) && inside(surface, s.start))) {
    throw new RangeError(`start (${s.start.join(', ')}) must be finite and within the surface's bounds`);
  }
}

export function runRace(surface: Surface, settings: RaceSettings): RaceResult {
  validate(surface, settings);
  const { view } = surface;
  const tolerance = settings.tolerance ?? 1e-3 * Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
  return {
    surface: surface.id,
    gdStableLr: surface.maxCurvature === null ? null : 2 / surface.maxCurvature,
    racers: RACER_IDS.map((id) => runRacer(id, surface, settings, tolerance)),
  };
}
