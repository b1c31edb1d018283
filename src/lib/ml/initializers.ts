import type { Rng } from '../random/prng';

/**
 * Chapter 3.1.2, weight initialization (erratum E5). A dense layer's kernel has
 * fanIn × fanOut weights; biases start at zero in every scheme.
 *
 * - 'uniform'  U(−limit, limit), the source's "small random numbers"; variance limit²/3.
 * - 'normal'   N(0, std²), the source's "Gaussian initialization"; not truncated.
 * - Glorot/Xavier (Glorot & Bengio 2010): variance 2 / (fanIn + fanOut).
 * - He/Kaiming (He et al. 2015), for ReLU: variance 2 / fanIn.
 *
 * The uniform variants draw from U(−√(3v), √(3v)), e.g. Glorot's √(6 / (fanIn + fanOut)),
 * Keras' default kernel initializer. The normal variants follow Keras 3: a normal truncated at
 * two standard deviations (redrawn beyond), with the standard deviation enlarged by
 * 1 / 0.87962566103423978 so that the variance after truncation is exactly v.
 */
export type InitScheme =
  | { kind: 'uniform'; limit: number }
  | { kind: 'normal'; std: number }
  | { kind: 'glorot-uniform' }
  | { kind: 'glorot-normal' }
  | { kind: 'he-uniform' }
  | { kind: 'he-normal' };

/** Standard deviation of N(0, 1) truncated to [−2, 2]. */
export const TRUNCATED_NORMAL_STD = 0.87962566103423978;

/** The variance each weight is drawn with. */
export function initVariance(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme.kind) {
    case 'uniform':
      return (scheme.limit * scheme.limit) / 3;
    case 'normal':
      return scheme.std * scheme.std;
    case 'glorot-uniform':
    case 'glorot-normal':
      return 2 / (fanIn + fanOut);
    case 'he-uniform':
    case 'he-normal':
      return 2 / fanIn;
  }
}

/** The bound of the uniform schemes (null for the normal ones). */
export function uniformLimit(scheme: InitScheme, fanIn: number, fanOut: number): number | null {
  if (scheme.kind === 'uniform') return scheme.limit;
  if (scheme.kind === 'glorot-uniform' || scheme.kind === 'he-uniform') return Math.sqrt(3 * initVariance(scheme, fanIn, fanOut));
  return null;
}

/** A fanIn × fanOut kernel, row-major ([input][output], as Keras' Dense kernel). */
export function initWeights(scheme: InitScheme, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  if (!Number.isInteger(fanIn) || !Number.isInteger(fanOut) || fanIn < 1 || fanOut < 1) {
    throw new RangeError(`fans must be positive integers, got ${fanIn}, ${fanOut}`);
  }
  if ((scheme.kind === 'uniform' && !(scheme.limit >= 0)) || (scheme.kind === 'normal' && !(scheme.std >= 0))) {
    throw new RangeError(`invalid ${scheme.kind} initializer parameter`);
  }
  const weights = new Float32Array(fanIn * fanOut);
  const limit = uniformLimit(scheme, fanIn, fanOut);
  if (limit !== null) {
    for (let i = 0; i < weights.length; i++) weights[i] = limit * (2 * rng.next() - 1);
    return weights;
  }
  if (scheme.kind === 'normal') {
    for (let i = 0; i < weights.length; i++) weights[i] = scheme.std * rng.normal();
    return weights;
  }
  const std = Math.sqrt(initVariance(scheme, fanIn, fanOut)) / TRUNCATED_NORMAL_STD;
  for (let i = 0; i < weights.length; i++) {
    let z = rng.normal();
    while (Math.abs(z) > 2) z = rng.normal();
    weights[i] = std * z;
  }
  return weights;
}

export const initBiases = (fanOut: number): Float32Array => new Float32Array(fanOut);

/**
 * How much one dense layer multiplies the second moment of the signal, to first order
 * (independent zero-mean weights, an activation near its linear regime): n_in · Var(W), halved
 * after a ReLU, which zeroes about half of its inputs (He et al. 2015). Over k layers the
 * factors multiply, so a gain below 1 makes the signal vanish and above 1 explode.
 */
export function secondMomentGain(scheme: InitScheme, fanIn: number, fanOut: number, activation: 'linear' | 'relu'): number {
  return fanIn * initVariance(scheme, fanIn, fanOut) * (activation === 'relu' ? 0.5 : 1);
}
