import { tf } from '../../tf/namespace';
import { FeatureError } from '../../tf/protocol';
import { ensureBackend } from '../runtime';
import type { MlpCheckApi, MlpCheckArgs, MlpCheckResult } from './mlp-check-api';
import { mlpGradientsTf, shapeProblem } from './mlp-check-grads';

/**
 * Chapter 3.1.4's gradient check: the page sends the parameters and a batch, the worker
 * builds the same network in TensorFlow.js on the chosen backend and returns its gradients.
 */
async function gradients(args: MlpCheckArgs): Promise<MlpCheckResult> {
  const problem = shapeProblem(args.layers, args.inputs, args.labels);
  if (problem) throw new FeatureError('bad-args', { message: problem });
  const run = () => mlpGradientsTf(tf, args.activation, args.layers, args.inputs, args.labels);
  // "Auto" times this very check on a hardware GPU and on WASM, and keeps the faster.
  const probe = async (): Promise<number> => {
    await run();
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  let decision;
  try {
    decision = await ensureBackend(args.backend, { probe });
  } catch (error) {
    throw new FeatureError('no-backend', { message: error instanceof Error ? error.message : String(error) });
  }
  const { loss, gradients } = await run();
  return { decision, loss, gradients };
}

export const handlers = {
  gradients: (args: MlpCheckApi['gradients']['args']) => gradients(args),
};
