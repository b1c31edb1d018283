import { analyzeEvents, intersectionBounds, type ConditionalAnalysis, type EventsInvalid } from '../../../src/lib/math/conditional';
import type { StateOf } from '../../../src/lib/state/codec';
import type { condSchema } from './schema';

export type CondState = StateOf<typeof condSchema>;

export interface CondModel {
  state: CondState;
  /** What P(A∩B) may be for the current P(A) and P(B). */
  bounds: { lower: number; upper: number };
  result: ConditionalAnalysis | EventsInvalid;
}

export function deriveConditional(state: CondState): CondModel {
  return {
    state,
    bounds: intersectionBounds(state.pA, state.pB),
    result: analyzeEvents({ pA: state.pA, pB: state.pB, pAB: state.pAB }),
  };
}

export type ValidCondModel = CondModel & { result: ConditionalAnalysis };

export function isValid(model: CondModel): model is ValidCondModel {
  return model.result.ok;
}
