import type { Tf } from '../../tf/namespace';
import { replaceKernels } from '../../tf/replace-kernels';
import { conv2DBackpropFilter, conv2DBackpropInput } from './wasm-conv-grads';
import { maxPoolGrad } from './wasm-maxpool-grad';

/**
 * Makes the tfjs 4.22 WASM backend able to train the chapter 5 CNN, and fast at it.
 *
 * As shipped it lacks Conv2DBackpropFilter, so `fit` fails at the first batch. It has every
 * other kernel the backward pass and Adam need, but two are slow loops: Conv2DBackpropInput
 * (~7× slower than the same work as an XNNPACK convolution, wasm-conv-grads.ts) and
 * MaxPoolGrad (~3× slower than wasm-maxpool-grad.ts). We replace those too: a batch of 64
 * takes ~110 ms instead of ~270 ms (2-core machine, SIMD, one thread; bench/wasm-training.mjs).
 *
 * Call after importing '@tensorflow/tfjs-backend-wasm' (its import registers the stock
 * kernels and would otherwise override ours), before or after `setBackend('wasm')`.
 * Idempotent: a second call changes nothing.
 */
const KERNELS = {
  Conv2DBackpropFilter: conv2DBackpropFilter,
  Conv2DBackpropInput: conv2DBackpropInput,
  MaxPoolGrad: maxPoolGrad,
} as const;

/** The kernel names this module installs for 'wasm'. */
export const WASM_TRAINING_KERNELS = Object.keys(KERNELS) as (keyof typeof KERNELS)[];

export function registerWasmTrainingKernels(tf: Tf): void {
  replaceKernels(tf, 'wasm', KERNELS);
}
