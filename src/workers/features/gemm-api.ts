import type { BackendChoice } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';

/** What the gemm feature reports while it measures. */
export type GemmEvent =
  | { type: 'backend'; decision: BackendDecision }
  | { type: 'measuring'; n: number }
  /** Milliseconds per product, averaged over `reps` products after a warm-up. */
  | { type: 'measured'; n: number; ms: number; reps: number }
  /** The next size was not run: predicted from the last one it would take `predictedMs`. */
  | { type: 'too-slow'; n: number; predictedMs: number };

export interface GemmRunResult {
  status: 'done' | 'stopped' | 'too-slow';
}

/**
 * The chapter 4.1.1 scaling view in the TensorFlow.js worker: tf.matMul of n×n float32
 * matrices timed on the chosen backend. Failures are FeatureErrors with these codes: run —
 * busy, no-backend, non-finite (a product came back with NaN or ±Infinity).
 */
export interface GemmApi {
  run: { args: { backend: BackendChoice; sizes: number[]; budgetMs: number }; result: GemmRunResult; event: GemmEvent };
  stop: { args: null; result: boolean; event: never };
}
