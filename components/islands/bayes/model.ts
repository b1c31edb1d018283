import { DEFAULT_POPULATION, diagnosticTest, type DiagnosticInvalid, type DiagnosticResult } from '../../../src/lib/math/bayes';
import type { StateOf } from '../../../src/lib/state/codec';
import type { bayesSchema } from './schema';

export type BayesState = StateOf<typeof bayesSchema>;

export interface BayesModel {
  state: BayesState;
  /** The three rates as probabilities (the state holds percentages). */
  prevalence: number;
  sensitivity: number;
  specificity: number;
  result: DiagnosticResult | DiagnosticInvalid;
}

export function deriveBayes(state: BayesState): BayesModel {
  const prevalence = state.prevalence / 100;
  const sensitivity = state.sensitivity / 100;
  const specificity = state.specificity / 100;
  return { state, prevalence, sensitivity, specificity, result: diagnosticTest({ prevalence, sensitivity, specificity, population: DEFAULT_POPULATION }) };
}

export type ValidBayesModel = BayesModel & { result: DiagnosticResult };

export function isValid(model: BayesModel): model is ValidBayesModel {
  return model.result.ok;
}
