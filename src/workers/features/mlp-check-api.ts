import type { BackendChoice } from '../../tf/backend-field';
import type { BackendDecision } from '../../tf/backends';
import type { Activation, DenseLayer } from '../../lib/ml/mlp';

/** The network and the batch whose mean-loss gradient TensorFlow.js recomputes. */
export interface MlpCheckArgs {
  backend: BackendChoice;
  activation: Activation;
  /** Hidden layers, then the one-neuron sigmoid output layer, as in src/lib/ml/mlp.ts. */
  layers: DenseLayer[];
  inputs: number[][];
  labels: number[];
}

export interface MlpCheckResult {
  decision: BackendDecision;
  /** Mean binary cross-entropy over the batch, in float32. */
  loss: number;
  /** ∂L/∂W and ∂L/∂b per layer, in the shapes of `layers`. */
  gradients: DenseLayer[];
}

/**
 * The chapter 3.1.4 gradient check in the TensorFlow.js worker. Failures are FeatureErrors
 * with the codes bad-args (shapes that do not fit together) and no-backend.
 */
export interface MlpCheckApi {
  gradients: { args: MlpCheckArgs; result: MlpCheckResult; event: never };
}
