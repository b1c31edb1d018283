import type { BackendChoice } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';
import type { Activation, DeepStackResult } from '../../lib/ml/deep-stack';
import type { InitScheme } from '../../lib/ml/initializers';

/** One deep stack: the worker draws its weights with initDeepStack(depth, width, init, createRng(seed)), as the page would. */
export interface DeepStackConfig {
  depth: number;
  width: number;
  init: InitScheme;
  activation: Activation;
  seed: number;
}

export interface DeepStackArgs {
  backend: BackendChoice;
  /** The digits fed through the stacks: count × 784 grey levels (0–255) and count labels. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  configs: DeepStackConfig[];
  bins?: number;
}

export interface DeepStackRun {
  /** One result per config, in order (an overflow is a result, not a failure). */
  results: DeepStackResult[];
  decision: BackendDecision;
  /** Milliseconds of the statistics on the device, all configs. */
  ms: number;
}

/**
 * Chapter 3.1.2 in the TensorFlow.js worker: activation and gradient statistics of deep MLPs
 * (deepStackStatsTf) for configurations too heavy for the page's plain JavaScript. Failures are
 * FeatureErrors with the codes: stats — bad-data, bad-config, no-backend, compute-failed (detail.message).
 */
export interface DeepStackApi {
  stats: { args: DeepStackArgs; result: DeepStackRun; event: { type: 'backend'; decision: BackendDecision } };
}
