/**
 * Chapter 4.2.2: two events A and B given by P(A), P(B) and P(A∩B). Not every triple is
 * possible: P(A∩B) can be neither larger than either event nor smaller than
 * P(A) + P(B) − 1 (otherwise P(A∪B) > 1). From a possible triple follow P(A|B), P(B|A),
 * P(A∪B), the 2×2 table of the four disjoint cells, and whether A and B are independent.
 */

export interface EventProbabilities {
  pA: number;
  pB: number;
  pAB: number;
}

/**
 * Comparisons allow this much rounding, so that e.g. P(A) = 0.3, P(B) = 0.8,
 * P(A∩B) = 0.1 (bound 0.3 + 0.8 − 1 = 0.10000000000000009) is accepted.
 */
export const PROBABILITY_TOLERANCE = 1e-12;

export type EventsInvalid =
  | { ok: false; code: 'out-of-range'; which: 'pA' | 'pB' | 'pAB'; value: number }
  /** P(A∩B) > min(P(A), P(B)): the overlap cannot exceed the smaller event. */
  | { ok: false; code: 'intersection-too-large'; pAB: number; bound: number; limitedBy: 'pA' | 'pB' }
  /** P(A∩B) < P(A) + P(B) − 1: then P(A∪B) would exceed 1. */
  | { ok: false; code: 'intersection-too-small'; pAB: number; bound: number };

export function validateEvents(e: EventProbabilities): { ok: true } | EventsInvalid {
  for (const which of ['pA', 'pB', 'pAB'] as const) {
    const value = e[which];
    if (!Number.isFinite(value) || value < 0 || value > 1) return { ok: false, code: 'out-of-range', which, value };
  }
  const upper = Math.min(e.pA, e.pB);
  if (e.pAB > upper + PROBABILITY_TOLERANCE) {
    return { ok: false, code: 'intersection-too-large', pAB: e.pAB, bound: upper, limitedBy: e.pA <= e.pB ? 'pA' : 'pB' };
  }
  const lower = e.pA + e.pB - 1;
  if (e.pAB < lower - PROBABILITY_TOLERANCE) {
    return { ok: false, code: 'intersection-too-small', pAB: e.pAB, bound: lower };
  }
  return { ok: true };
}

/**
 * The values P(A∩B) can take for given P(A) and P(B): from max(0, P(A) + P(B) − 1) (any
 * less and P(A∪B) > 1) to min(P(A), P(B)) (the overlap lies inside both events).
 */
export function intersectionBounds(pA: number, pB: number): { lower: number; upper: number } {
  return { lower: Math.max(0, pA + pB - 1), upper: Math.min(pA, pB) };
}

/** The four disjoint cells; they add up to 1. */
export interface TwoByTwo {
  aAndB: number;
  aNotB: number;
  notAB: number;
  notANotB: number;
}

export interface ConditionalAnalysis {
  ok: true;
  /** P(A∩B) / P(B); null when P(B) = 0 (conditioning on an impossible event). */
  pAgivenB: number | null;
  pBgivenA: number | null;
  pUnion: number;
  table: TwoByTwo;
  /** P(A)·P(B), what P(A∩B) would be if A and B were independent. */
  productIfIndependent: number;
  /** P(A∩B) − P(A)P(B): positive when A and B occur together more often than chance. */
  dependence: number;
  /** |dependence| ≤ PROBABILITY_TOLERANCE. */
  independent: boolean;
}

export function analyzeEvents(e: EventProbabilities): ConditionalAnalysis | EventsInvalid {
  const valid = validateEvents(e);
  if (!valid.ok) return valid;
  const { pA, pB } = e;
  // Inside the tolerance the rounding may overshoot a bound; clamp so no cell is negative.
  const pAB = Math.min(Math.max(e.pAB, 0, pA + pB - 1), pA, pB);
  const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
  const table: TwoByTwo = {
    aAndB: pAB,
    aNotB: clamp01(pA - pAB),
    notAB: clamp01(pB - pAB),
    notANotB: clamp01(1 - pA - pB + pAB),
  };
  const productIfIndependent = pA * pB;
  const dependence = pAB - productIfIndependent;
  return {
    ok: true,
    pAgivenB: pB === 0 ? null : Math.min(1, pAB / pB),
    pBgivenA: pA === 0 ? null : Math.min(1, pAB / pA),
    pUnion: clamp01(pA + pB - pAB),
    table,
    productIfIndependent,
    dependence,
    independent: Math.abs(dependence) <= PROBABILITY_TOLERANCE,
  };
}
