// Exports: registerWebGpuTrainingKernels(tf) installs our WebGPU training kernels (idempotent; call
// after importing '@tensorflow/tfjs-backend-webgpu'); WEBGPU_TRAINING_KERNELS lists their names.
// src/tf/kernels.ts calls it when the webgpu backend loads.
import type { Tf } from '../../../tf/namespace';
import { replaceKernels } from '../../../tf/replace-kernels';
import { conv2DBackpropFilter } from './conv-filter-grad';
import { maxPoolGrad } from './maxpool-grad';
import { sumLeading } from './sum-leading';
import { FUSED_GRADIENT_KERNELS, installFusedGradients } from './fused-gradients';

/**
 * Kernels of tfjs-backend-webgpu 4.22 that we replace for training the chapter 5 CNN.
 * Conv2DBackpropFilter: the stock shader was 86 % of a batch's GPU time on an H200
 * (conv-filter-grad.ts). MaxPoolGrad: one dispatch instead of two (maxpool-grad.ts).
 * Conv2DBackpropInput stays stock: its shader already runs a thread per input element, one
 * dispatch, 0.16 ms of a batch's 14 ms there. Sum: over leading axes (bias gradients) without
 * the stock transpose, one dispatch instead of two (sum-leading.ts). OwnReluGrad, OwnSoftmaxGrad:
 * new kernels that the Relu and Softmax gradients use while they are registered (fused-gradients.ts).
 */
const KERNELS = {
  Conv2DBackpropFilter: conv2DBackpropFilter,
  MaxPoolGrad: maxPoolGrad,
  Sum: sumLeading,
  ...FUSED_GRADIENT_KERNELS,
} as const;

export const WEBGPU_TRAINING_KERNELS = Object.keys(KERNELS) as (keyof typeof KERNELS)[];

export function registerWebGpuTrainingKernels(tf: Tf): void {
  replaceKernels(tf, 'webgpu', KERNELS);
  installFusedGradients(tf);
}
