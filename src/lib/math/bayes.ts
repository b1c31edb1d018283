/**
 * Chapter 4.2.3, Bayes' theorem on a diagnostic test: from prevalence P(D), sensitivity
 * P(+|D) and specificity P(−|¬D) follow P(+) and the posteriors P(D|+) and P(¬D|−), and,
 * as "natural frequencies", how many of N people fall in each branch of the tree.
 */

export interface DiagnosticInput {
  prevalence: number;
  sensitivity: number;
  specificity: number;
  /** Size of the imagined population for the natural frequencies (default 10,000). */
  population?: number;
}

export const DEFAULT_POPULATION = 10_000;
export const MAX_POPULATION = 1e9;

export type DiagnosticField = 'prevalence' | 'sensitivity' | 'specificity';

export type DiagnosticInvalid =
  | { ok: false; code: 'out-of-range'; field: DiagnosticField; value: number }
  | { ok: false; code: 'population-invalid'; value: number; max: number };

export function validateDiagnostic(input: DiagnosticInput): { ok: true } | DiagnosticInvalid {
  for (const field of ['prevalence', 'sensitivity', 'specificity'] as const) {
    const value = input[field];
    if (!Number.isFinite(value) || value < 0 || value > 1) return { ok: false, code: 'out-of-range', field, value };
  }
  const population = input.population ?? DEFAULT_POPULATION;
  if (!Number.isInteger(population) || population < 1 || population > MAX_POPULATION) {
    return { ok: false, code: 'population-invalid', value: population, max: MAX_POPULATION };
  }
  return { ok: true };
}

/**
 * Splits the integer `total` in proportion to `weights` into integers that add up to
 * `total` exactly: everyone gets the floor of their quota, and the units left over go to
 * the largest fractional parts (Hamilton's method; ties to the earlier weight).
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!Number.isInteger(total) || total < 0 || weights.some((w) => !(w >= 0)) || !(sum > 0)) {
    throw new RangeError('largestRemainder needs an integer total ≥ 0 and non-negative weights with a positive sum');
  }
  const quotas = weights.map((w) => (total * w) / sum);
  const shares = quotas.map(Math.floor);
  let left = total - shares.reduce((s, x) => s + x, 0);
  const order = quotas.map((q, i) => ({ i, fraction: q - Math.floor(q) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/** The tree of N people: first split by disease, then each branch by test result. */
export interface NaturalFrequencies {
  population: number;
  diseased: number;
  healthy: number;
  truePositive: number;
  falseNegative: number;
  falsePositive: number;
  trueNegative: number;
  /** truePositive + falsePositive */
  positive: number;
  /** falseNegative + trueNegative */
  negative: number;
}

export interface DiagnosticResult {
  ok: true;
  /** P(+) = sens·prev + (1 − spec)(1 − prev) */
  pPositive: number;
  pNegative: number;
  /** The posterior P(D | +) (positive predictive value); null when P(+) = 0. */
  posteriorPositive: number | null;
  /** P(¬D | −) (negative predictive value); null when P(−) = 0. */
  posteriorNegative: number | null;
  /** P(D | −) = 1 − P(¬D | −): the chance of being ill despite a negative test. */
  missedGivenNegative: number | null;
  counts: NaturalFrequencies;
}

export function diagnosticTest(input: DiagnosticInput): DiagnosticResult | DiagnosticInvalid {
  const valid = validateDiagnostic(input);
  if (!valid.ok) return valid;
  const { prevalence, sensitivity, specificity } = input;
  const population = input.population ?? DEFAULT_POPULATION;
  const truePositiveRate = sensitivity * prevalence;
  const falsePositiveRate = (1 - specificity) * (1 - prevalence);
  const falseNegativeRate = (1 - sensitivity) * prevalence;
  const trueNegativeRate = specificity * (1 - prevalence);
  const pPositive = truePositiveRate + falsePositiveRate;
  const pNegative = falseNegativeRate + trueNegativeRate;
  const [diseased = 0, healthy = 0] = largestRemainder(population, [prevalence, 1 - prevalence]);
  const [truePositive = 0, falseNegative = 0] =
    diseased === 0 ? [0, 0] : largestRemainder(diseased, [sensitivity, 1 - sensitivity]);
  const [falsePositive = 0, trueNegative = 0] =
    healthy === 0 ? [0, 0] : largestRemainder(healthy, [1 - specificity, specificity]);
  return {
    ok: true,
    pPositive,
    pNegative,
    posteriorPositive: pPositive === 0 ? null : truePositiveRate / pPositive,
    posteriorNegative: pNegative === 0 ? null : trueNegativeRate / pNegative,
    missedGivenNegative: pNegative === 0 ? null : falseNegativeRate / pNegative,
    counts: {
      population,
      diseased,
      healthy,
      truePositive,
      falseNegative,
      falsePositive,
      trueNegative,
      positive: truePositive + falsePositive,
      negative: falseNegative + trueNegative,
    },
  };
}
