import type { Presets, Schema } from '../../../src/lib/state/codec';

/**
 * URL state of the 6.3 fraud-detection island (`?fraud.t=0.05&fraud.costFn=5000`). The
 * data set is generated from `seed` with `rate` percent fraud; the costs are in yuan per
 * error. The codec refuses negative, non-numeric or out-of-range values with a reason.
 */
export const fraudSchema = {
  /** Flag a transaction as fraud when its predicted probability is ≥ t. */
  t: { kind: 'number', min: 0, max: 1, default: 0.5 },
  /** What one missed fraud (FN) costs, in yuan. */
  costFn: { kind: 'number', min: 0, max: 1_000_000, default: 700 },
  /** What one false alarm (FP) costs: the review call, the blocked card, the annoyed customer. */
  costFp: { kind: 'number', min: 0, max: 1_000_000, default: 30 },
  /** Fraud rate of the generated transactions, in percent. */
  rate: { kind: 'number', min: 0.1, max: 10, default: 1 },
  seed: { kind: 'int', min: 1, max: 2_147_483_647, default: 42 },
} as const satisfies Schema;

export const fraudPresets = {
  /** Large transfers: a missed fraud costs 5,000 yuan, so flag much more. */
  'expensive-misses': { costFn: 5000, costFp: 30, t: 0.5 },
  /** Every false alarm costs a customer: alarms are expensive, so flag less. */
  'annoyed-customers': { costFn: 700, costFp: 300, t: 0.5 },
  /** Fraud at 0.2 %: "always legitimate" is 99.8 % accurate and still catches nothing. */
  rarer: { rate: 0.2, t: 0.5 },
} as const satisfies Presets<typeof fraudSchema>;
