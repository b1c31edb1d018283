import type { Tf } from './namespace';
import type { BackendName } from './backend-field';

/**
 * Our own kernels, registered into a backend right after it loads: where a stock kernel is
 * missing or slow. WASM: Conv2DBackpropFilter is missing in tfjs-backend-wasm (so stock WASM
 * cannot train a CNN at all), and Conv2DBackpropInput / MaxPoolGrad are replaced with
 * faster versions built on the backend's own kernels (src/lib/mnist/wasm-*.ts). WebGPU:
 * Conv2DBackpropFilter, whose stock shader dominates a training batch, MaxPoolGrad in one
 * dispatch instead of two, Sum without a transpose, and fused Relu/Softmax gradients
 * (src/lib/mnist/webgpu/register-kernels.ts).
 * Both install through replaceKernels (replace-kernels.ts).
 */
const REGISTRARS: Partial<Record<BackendName, (tf: Tf) => Promise<void>>> = {
  wasm: async (tf) => {
    const { registerWasmTrainingKernels } = await import('../lib/mnist/wasm-training-kernels');
    registerWasmTrainingKernels(tf);
  },
  webgpu: async (tf) => {
    const { registerWebGpuTrainingKernels } = await import('../lib/mnist/webgpu/register-kernels');
    registerWebGpuTrainingKernels(tf);
  },
};

/** Which backends run kernels of ours (the badge says so). */
export function hasOwnKernels(name: BackendName): boolean {
  return name in REGISTRARS;
}

export async function registerOwnKernels(tf: Tf, name: BackendName): Promise<void> {
  await REGISTRARS[name]?.(tf);
}
