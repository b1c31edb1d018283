import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 4.2.3 Bayes island, in percent (`?bayes.prevalence=1&bayes.specificity=90.4`).
 * The defaults are the chapter's screening example: 1 % ill, 99 % sensitivity, 5 % false positives.
 */
export const bayesSchema = {
  prevalence: { kind: 'number', min: 0, max: 100, default: 1 },
  sensitivity: { kind: 'number', min: 0, max: 100, default: 99 },
  specificity: { kind: 'number', min: 0, max: 100, default: 95 },
} as const satisfies Schema;

export const bayesPresets = {
  /** Gigerenzer and Hoffrage's mammography problem: the posterior is only about 7.8 %. */
  mammography: { prevalence: 1, sensitivity: 80, specificity: 90.4 },
  screening: { prevalence: 1, sensitivity: 99, specificity: 95 },
  /** The chapter's second positive test: the first posterior, 1/6, is the new prior. */
  'second-test': { prevalence: 16.6666666667, sensitivity: 99, specificity: 95 },
  'rare-disease': { prevalence: 0.1, sensitivity: 99, specificity: 99 },
} as const satisfies Presets<typeof bayesSchema>;
