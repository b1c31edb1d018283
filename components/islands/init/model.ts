import { deepStackStats, digitBatch, initDeepStack, CLASSES, INPUTS, type DeepStackResult, type DigitBatch } from '../../../src/lib/ml/deep-stack';
import { initVariance, secondMomentGain, uniformLimit, type InitScheme } from '../../../src/lib/ml/initializers';
import { createRng } from '../../../src/lib/random/prng';
import type { StateOf } from '../../../src/lib/state/codec';
import type { DeepStackConfig } from '../../../src/workers/features/deep-stack-api';
import type { initSchema } from './schema';

export type InitState = StateOf<typeof initSchema>;
export type InitKind = InitState['init'];

/** How many of the 300 sample digits go through the network. */
export const BATCH_SIZE = 100;
/** Up to this many multiply-adds (forward and backward, all configurations) the page computes in plain JavaScript. */
export const JS_WORK_LIMIT = 60e6;

export function schemeOf(kind: InitKind, state: Pick<InitState, 'sigma' | 'limit'>): InitScheme {
  if (kind === 'normal') return { kind, std: state.sigma };
  if (kind === 'uniform') return { kind, limit: state.limit };
  return { kind };
}

/** What the chapter recommends for an activation: He for ReLU, Glorot otherwise. */
export const recommendedFor = (activation: InitState['activation']): InitKind => (activation === 'relu' ? 'he-normal' : 'glorot-normal');

/** The reader's network, and the recommended initializer's beside it when asked for and different. */
export function configsOf(state: InitState): DeepStackConfig[] {
  const base = { depth: state.depth, width: state.width, activation: state.activation, seed: state.seed };
  const configs: DeepStackConfig[] = [{ ...base, init: schemeOf(state.init, state) }];
  const reference = recommendedFor(state.activation);
  if (state.compare && reference !== state.init) configs.push({ ...base, init: schemeOf(reference, state) });
  return configs;
}

/** Multiply-adds of one forward and backward pass of every configuration (three products per layer). */
export function workOf(configs: readonly DeepStackConfig[], count: number = BATCH_SIZE): number {
  return configs.reduce((sum, c) => sum + 3 * count * (INPUTS * c.width + (c.depth - 1) * c.width * c.width + c.width * CLASSES), 0);
}

export const runsInPage = (state: InitState): boolean => workOf(configsOf(state)) <= JS_WORK_LIMIT;

/** The part of the state the statistics depend on (the backend only picks where they are computed). */
export function runKey(state: InitState): string {
  return JSON.stringify(configsOf(state));
}

export function sampleBatch(images: Uint8Array, labels: Uint8Array): DigitBatch {
  return digitBatch(images, labels, BATCH_SIZE);
}

export function computeInPage(configs: readonly DeepStackConfig[], batch: DigitBatch): DeepStackResult[] {
  return configs.map((c) => deepStackStats(initDeepStack(c.depth, c.width, c.init, createRng(c.seed)), c.activation, batch));
}

export interface VarianceRow {
  place: 'first' | 'hidden' | 'output';
  fanIn: number;
  fanOut: number;
  variance: number;
  /** The bound a of U(−a, a) for the uniform schemes. */
  limit: number | null;
}

/** The weight variance of each kind of layer in the reader's network (the hidden row only with two or more hidden layers). */
export function varianceRows(state: InitState): VarianceRow[] {
  const scheme = schemeOf(state.init, state);
  const w = state.width;
  const shapes: [VarianceRow['place'], number, number][] = [['first', INPUTS, w], ...(state.depth > 1 ? [['hidden', w, w] as [VarianceRow['place'], number, number]] : []), ['output', w, CLASSES]];
  return shapes.map(([place, fanIn, fanOut]) => ({ place, fanIn, fanOut, variance: initVariance(scheme, fanIn, fanOut), limit: uniformLimit(scheme, fanIn, fanOut) }));
}

/** The second-moment factor of one hidden-to-hidden layer. */
export const hiddenGain = (state: InitState): number =>
  secondMomentGain(schemeOf(state.init, state), state.width, state.width, state.activation === 'relu' ? 'relu' : 'linear');
