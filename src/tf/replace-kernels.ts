import type * as tfType from '@tensorflow/tfjs-core';
import type { Tf } from './namespace';

/**
 * Installs our kernels in place of a backend's stock ones (src/tf/kernels.ts calls the
 * per-backend registrars that use it). Call after importing the backend package: its import
 * registers the stock kernels and would otherwise replace ours. Idempotent: a kernel already
 * ours (marked with a symbol) is left as it is. Each of ours receives the stock kernel it
 * replaced, if there was one, to hand over the cases it does not cover.
 */
export type KernelArgs = Parameters<tfType.KernelFunc>[0];
export type OwnKernel = (tf: Tf, args: KernelArgs, stock: tfType.KernelFunc | undefined) => tfType.TensorInfo | tfType.TensorInfo[];

const OURS = Symbol.for('ai-dmx-guide.ownKernel');
type MarkedFunc = tfType.KernelFunc & { [OURS]?: true };

export function replaceKernels(tf: Tf, backendName: string, kernels: Readonly<Record<string, OwnKernel>>): void {
  for (const [name, impl] of Object.entries(kernels)) {
    // getKernel is typed as always returning a config; it returns undefined when absent.
    const existing = tf.getKernel(name, backendName) as tfType.KernelConfig | undefined;
    if (existing !== undefined && isOwnKernelFunc(existing.kernelFunc)) continue;
    if (existing !== undefined) tf.unregisterKernel(name, backendName);
    const stock = existing?.kernelFunc;
    const kernelFunc: MarkedFunc = (args) => impl(tf, args, stock);
    kernelFunc[OURS] = true;
    tf.registerKernel({ kernelName: name, backendName, kernelFunc });
  }
}

/** Whether a registered kernel function is one of ours. */
export function isOwnKernelFunc(kernelFunc: tfType.KernelFunc | undefined): boolean {
  return (kernelFunc as MarkedFunc | undefined)?.[OURS] === true;
}
